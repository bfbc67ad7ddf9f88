package dev.attune.personalization.internal.recommendations;

import dev.attune.personalization.api.ItemCatalog;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The catalog: checks every item of a batch on its own, stores the good ones, and tells the recommenders. */
@ApplicationScoped
public class DefaultItemCatalog implements ItemCatalog {

    /** Items of a site changed (availability included): served lists must look again. */
    public record CatalogChanged(UUID siteId) {}

    @Inject
    JdbcCatalog store;

    @Inject
    Event<CatalogChanged> changed;

    @Override
    public List<Result> put(UUID siteId, List<ItemInput> items) {
        List<Result> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean any = false;
        for (int i = 0; i < items.size(); i++) {
            ItemInput in = items.get(i);
            List<FieldError> errors = check(in, "items/" + i + "/");
            if (in != null && in.id() != null && !seen.add(in.id())) {
                errors.add(new FieldError("items/" + i + "/id", "appears twice in this batch"));
            }
            if (errors.isEmpty() && in.title() == null && !store.exists(siteId, in.id())) {
                errors.add(new FieldError("items/" + i + "/title", "is required for a new item"));
            }
            if (errors.isEmpty()) {
                store.upsert(siteId, in);
                any = true;
            }
            results.add(new Result(in == null ? null : in.id(), errors.isEmpty(), errors));
        }
        if (any) {
            changed.fire(new CatalogChanged(siteId));
        }
        return results;
    }

    static List<FieldError> check(ItemInput in, String at) {
        List<FieldError> errors = new ArrayList<>();
        if (in == null) {
            errors.add(new FieldError(at, "must be an item object"));
            return errors;
        }
        if (in.id() == null || in.id().isBlank() || in.id().length() > 200) {
            errors.add(new FieldError(at + "id", "is required, 1 to 200 characters"));
        }
        if (in.title() != null && (in.title().isBlank() || in.title().length() > 300)) {
            errors.add(new FieldError(at + "title", "must be 1 to 300 characters"));
        }
        list(in.categories(), at + "categories", errors);
        list(in.tags(), at + "tags", errors);
        if (in.price() != null
                && (in.price().signum() < 0
                        || in.price().compareTo(new BigDecimal("1000000000000")) >= 0
                        || in.price().scale() > 2)) {
            errors.add(new FieldError(at + "price", "must be an amount from 0 with at most 2 decimals"));
        }
        if (in.url() != null && !in.url().matches("(https?://|/)\\S{0,2000}")) {
            errors.add(new FieldError(at + "url", "must be an http(s) URL or a path starting with /"));
        }
        return errors;
    }

    private static void list(List<String> values, String at, List<FieldError> errors) {
        if (values == null) {
            return;
        }
        if (values.size() > 30 || values.stream().anyMatch(v -> v == null || v.isBlank() || v.length() > 100)) {
            errors.add(new FieldError(at, "must be up to 30 names of 1 to 100 characters"));
        }
    }

    @Override
    public List<Item> list(UUID siteId, String query, int offset, int limit) {
        return store.list(siteId, blank(query), Math.max(0, offset), Math.max(1, Math.min(limit, 500)));
    }

    @Override
    public long count(UUID siteId, String query) {
        return store.count(siteId, blank(query));
    }

    @Override
    public Optional<Item> find(UUID siteId, String itemId) {
        return store.find(siteId, itemId);
    }

    private static String blank(String q) {
        return q == null || q.isBlank() ? null : q.strip();
    }
}
