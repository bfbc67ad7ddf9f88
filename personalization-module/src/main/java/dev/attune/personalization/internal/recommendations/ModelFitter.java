package dev.attune.personalization.internal.recommendations;

import dev.attune.personalization.api.ItemCatalog;
import dev.attune.personalization.api.Profile;
import dev.attune.personalization.internal.profiles.DefaultProfileService;
import dev.attune.personalization.internal.recommend.ContentBased;
import dev.attune.personalization.internal.recommend.Ease;
import dev.attune.personalization.internal.recommend.Hybrid;
import dev.attune.personalization.internal.recommend.ImplicitAls;
import dev.attune.personalization.internal.recommend.Interactions;
import dev.attune.personalization.internal.recommend.ItemKnn;
import dev.attune.personalization.internal.recommend.Model;
import dev.attune.personalization.internal.recommend.MostPopular;
import dev.attune.personalization.internal.recommend.Recommender;
import dev.attune.personalization.internal.recommend.Rp3Beta;
import dev.attune.personalization.internal.recommend.SpectralFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fits a site's models from its live profiles: every item a person shows positive interest in (views, clicks, carts,
 * purchases, good ratings, positive text) is one implicit interaction, as in the offline evaluation; the recency
 * weighted interest itself feeds "trending". Strategy parameters are those the offline evaluation on MovieLens chose
 * (bench/run offline-eval). EASE needs an items × items dense matrix, so it is fitted only up to
 * {@code attune.recommendations.ease-max-items} items.
 */
@ApplicationScoped
public class ModelFitter {
    private static final Logger LOG = Logger.getLogger(ModelFitter.class.getName());

    @Inject
    DefaultProfileService profiles;

    @Inject
    JdbcCatalog catalog;

    @Inject
    @ConfigProperty(name = "attune.recommendations.ease-max-items", defaultValue = "4000")
    int easeMaxItems;

    @Inject
    @ConfigProperty(name = "attune.recommendations.max-profiles", defaultValue = "200000")
    int maxProfiles;

    private static final List<Double> HYBRID_WEIGHTS = List.of(0.5, 0.25, 1.0);

    /** The hybrid's components by strategy name, in the order of {@link #HYBRID_WEIGHTS}, as {@link #strategies} builds it. */
    static List<String> hybridParts(int items, int easeMaxItems) {
        return List.of("als", "spectral", items <= easeMaxItems ? "ease" : "item_knn");
    }

    /** The strategies with their parameters (content-based needs the items' attributes). */
    static Map<String, Recommender> strategies(Map<String, List<String>> attributes, int items, int easeMaxItems) {
        Map<String, Recommender> s = new LinkedHashMap<>();
        boolean ease = items <= easeMaxItems;
        // the parameters bench/run offline-eval chose on MovieLens 100k's validation split (EASE with dropout: DLAE)
        Ease easeModel = new Ease(Ease.Params.dlae(300, 0.5));
        ItemKnn knn = new ItemKnn(new ItemKnn.Params(250, 0));
        ImplicitAls als = new ImplicitAls(new ImplicitAls.Params(32, 30, 3, 12, 42));
        Rp3Beta rp3 = new Rp3Beta(new Rp3Beta.Params(1.0, 0.5, 200));
        SpectralFilter spectral = new SpectralFilter(new SpectralFilter.Params(24, 0.3));
        if (ease) {
            s.put("ease", easeModel);
        }
        s.put("item_knn", knn);
        s.put("als", als);
        s.put("rp3beta", rp3);
        s.put("spectral", spectral);
        s.put("content", new ContentBased(new ContentBased.Params(true), attributes));
        s.put("popular", new MostPopular(new MostPopular.Params(0)));
        // offline-eval's blend: 0.5 ALS + 0.25 spectral + 1 DLAE (item-kNN stands in for DLAE on large catalogues)
        s.put(
                "hybrid",
                new Hybrid(hybridParts(items, easeMaxItems).stream().map(s::get).toList(), HYBRID_WEIGHTS));
        return s;
    }

    SiteModels fit(UUID siteId, long version) {
        List<ItemCatalog.Item> items = catalog.all(siteId);
        Map<String, SiteModels.CatalogEntry> entries = new HashMap<>();
        Map<String, List<String>> attributes = new HashMap<>();
        Set<String> unavailable = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (ItemCatalog.Item i : items) {
            entries.put(i.id(), new SiteModels.CatalogEntry(i.title(), i.url(), i.categories()));
            List<String> attrs = new ArrayList<>(i.categories());
            i.tags().forEach(t -> attrs.add("tag:" + t));
            attributes.put(i.id(), attrs);
            if (!i.available()) {
                unavailable.add(i.id());
            }
            ids.add(i.id());
        }
        Interactions.Builder binary = Interactions.builder().items(ids);
        Interactions.Builder weighted = Interactions.builder().items(ids);
        Map<String, Map<String, Integer>> bySegment = new HashMap<>();
        int[] people = {0};
        profiles.forEachProfile(siteId, maxProfiles, facts -> {
            Profile p = facts.profile();
            boolean any = false;
            for (Profile.Score s : p.items()) {
                if (s.score() > 0) {
                    binary.add(p.subject(), s.key(), 1);
                    weighted.add(p.subject(), s.key(), s.score());
                    any = true;
                    for (String segment : facts.segments()) {
                        bySegment.computeIfAbsent(segment, k -> new HashMap<>()).merge(s.key(), 1, Integer::sum);
                    }
                }
            }
            if (any) {
                people[0]++;
            }
        });
        Interactions train = binary.build();
        Interactions trend = weighted.build();
        Map<String, Model> models = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        for (var e : strategies(attributes, train.itemCount(), easeMaxItems).entrySet()) {
            long start = System.nanoTime();
            try {
                List<String> parts = e.getKey().equals("hybrid") ? hybridParts(train.itemCount(), easeMaxItems) : null;
                if (parts != null && parts.stream().allMatch(models::containsKey)) {
                    // the hybrid blends the models just fitted (the same parameters) instead of fitting them again
                    models.put(
                            e.getKey(),
                            Hybrid.blend(parts.stream().map(models::get).toList(), HYBRID_WEIGHTS));
                    millis.put(e.getKey(), parts.stream().mapToLong(millis::get).sum());
                    continue;
                }
                models.put(e.getKey(), e.getValue().fit(train));
                millis.put(e.getKey(), (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException | OutOfMemoryError ex) {
                LOG.log(
                        Level.WARNING,
                        "Fitting " + e.getKey() + " for site " + siteId + " failed; it falls back to popular",
                        ex);
            }
        }
        long start = System.nanoTime();
        models.put("trending", new MostPopular(new MostPopular.Params(0)).fit(trend));
        millis.put("trending", (System.nanoTime() - start) / 1_000_000);
        Map<String, float[]> segmentPopularity = new HashMap<>();
        bySegment.forEach((segment, counts) -> {
            float[] scores = new float[train.itemCount()];
            counts.forEach((item, n) -> {
                int index = train.items().indexOf(item);
                if (index >= 0) {
                    scores[index] = n;
                }
            });
            segmentPopularity.put(segment, scores);
        });
        BitSet unavailableIndices = new BitSet(train.itemCount());
        for (String id : unavailable) {
            int index = train.items().indexOf(id);
            if (index >= 0) {
                unavailableIndices.set(index);
            }
        }
        return new SiteModels(
                version,
                Instant.now(),
                train.items(),
                Map.copyOf(models),
                Map.copyOf(segmentPopularity),
                Map.copyOf(entries),
                unavailableIndices,
                people[0],
                train.size(),
                millis);
    }
}
