package dev.attune.personalization.api;

import dev.attune.platform.api.InvalidInputException.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The items a site recommends: maintained through {@code PUT /api/v1/items} (batches), a CSV import in the console,
 * and learned from item attributes carried by events (title, genres/categories, url) for items the catalog does not
 * describe. Unavailable items are never recommended.
 */
public interface ItemCatalog {

    record Item(
            String id,
            String title,
            List<String> categories,
            BigDecimal price,
            List<String> tags,
            boolean available,
            String url,
            boolean fromCatalog,
            Instant updatedAt) {}

    /** One item to store; null fields keep what is stored (a new item needs a title). */
    record ItemInput(
            String id,
            String title,
            List<String> categories,
            BigDecimal price,
            List<String> tags,
            Boolean available,
            String url) {}

    /** Per item of a batch, in order: stored, or refused with its field errors (paths like {@code items/3/price}). */
    record Result(String id, boolean stored, List<FieldError> errors) {}

    int MAX_BATCH = 1000;

    /** Stores every valid item of the batch and answers each one's result; one bad item does not hold back the others. */
    List<Result> put(UUID siteId, List<ItemInput> items);

    /** Items by id or title containing {@code query} (null: all), by id. */
    List<Item> list(UUID siteId, String query, int offset, int limit);

    long count(UUID siteId, String query);

    Optional<Item> find(UUID siteId, String itemId);
}
