package dev.attune.personalization.internal.recommendations;

import dev.attune.personalization.internal.recommend.IdIndex;
import dev.attune.personalization.internal.recommend.Model;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * A site's fitted models, immutable once built and swapped in whole: the item index they share, one model per
 * strategy, the popularity of items within each segment (for people without history), and the catalog facts needed to
 * serve (titles, URLs, and the indices of unavailable items, found once per fit rather than per request; never changed
 * after the fit).
 */
record SiteModels(
        long version,
        Instant fittedAt,
        IdIndex items,
        Map<String, Model> models,
        Map<String, float[]> segmentPopularity,
        Map<String, CatalogEntry> catalog,
        BitSet unavailable,
        int people,
        int interactions,
        Map<String, Long> fitMillis) {

    /** What a slot shows of an item. */
    record CatalogEntry(String title, String url, List<String> categories) {}

    String title(String item) {
        CatalogEntry e = catalog.get(item);
        return e == null ? item : e.title();
    }
}
