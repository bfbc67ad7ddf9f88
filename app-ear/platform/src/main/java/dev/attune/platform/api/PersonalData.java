package dev.attune.platform.api;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Implemented once by every module that stores anything about a subject: how privacy requests reach all of them
 * without the identity module knowing their classes or tables. The subjects are the anonymous ids of one person.
 */
public interface PersonalData {

    /** The module's name in receipts and export documents. */
    String module();

    /** Everything the module holds about these subjects, as one JSON object (kind → rows). */
    JsonObject export(UUID siteId, Set<String> subjects);

    /**
     * Deletes everything the module holds about these subjects, in its tables and its memory; answers rows or entries
     * deleted per kind. Idempotent.
     */
    Map<String, Long> erase(UUID siteId, Set<String> subjects);

    /** One kind of personal data a module stores: what, where, why, and how long. */
    record InventoryItem(
            String module, String kind, String location, String contents, String purpose, String retention) {}

    /** What personal data the module stores (for the data inventory page). */
    List<InventoryItem> inventory();
}
