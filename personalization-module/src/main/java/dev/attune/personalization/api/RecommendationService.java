package dev.attune.personalization.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Recommendations per widget slot, answered from memory: each slot of a site names a strategy (or {@code bandit}, a
 * learned choice among strategies per device), models are refit in the background and swapped with a version, and a
 * person's own history (their live profile) is applied at every call, so a new event changes their list at once.
 * Explicitly disliked items (low ratings, thumbs down, negative text) and unavailable items are never shown; consumed
 * items are left out unless the slot includes them; people without history get what is popular in their segments.
 */
public interface RecommendationService {

    /** Strategies a slot may name (besides {@value #BANDIT}). */
    List<String> STRATEGIES = List.of(
            "hybrid",
            "ease",
            "item_knn",
            "als",
            "rp3beta",
            "spectral",
            "content",
            "popular",
            "trending",
            "top_rated",
            "top_rated_in_top_attribute");

    String BANDIT = "bandit";

    /** A slot of a site: its strategy (or bandit over {@code arms}), size and whether consumed items may come back. */
    record Slot(String slot, String strategy, List<String> arms, int size, boolean includeConsumed, String title) {}

    /** One recommended item and why ("because you liked X", "popular in your segment", …). */
    record Item(String id, String title, String url, double score, String reason, double propensity) {}

    /** A served list: its id (for the reward), the strategy that made it, the model version. */
    record Recommendations(
            UUID listId,
            String slot,
            String strategy,
            String title,
            long modelVersion,
            List<Item> items,
            String rule) {}

    /** The list for a person's slot now (logged with each item's probability of being shown). {@code n} 0: the slot's size. */
    Recommendations recommend(UUID siteId, String subject, String slot, int n, String device);

    /** The same without logging or bandit learning: what the console's preview shows. */
    Recommendations preview(UUID siteId, String subject, String slot, int n);

    List<Slot> slots(UUID siteId);

    /** Creates or changes a slot; a bad strategy, arm or size is refused naming the field. */
    Slot saveSlot(UUID siteId, Slot slot);

    /** The models in memory for a site, if fitted. */
    Optional<ModelInfo> models(UUID siteId);

    record ModelInfo(
            long version, Instant fittedAt, int people, int items, int interactions, Map<String, Long> fitMillis) {}

    /** Refits the site's models now (blocking) and swaps them in. */
    ModelInfo refit(UUID siteId);

    /** The bandit's state of a slot: per device and arm, lists served and rewarded. */
    List<ArmStats> arms(UUID siteId, String slot);

    record ArmStats(String context, String arm, long served, long rewarded) {}

    /**
     * Off-policy estimates from a bandit slot's log of the last 30 days: for each arm, the reward rate the slot would have
     * had serving only that arm, by inverse propensity (IPS, with its standard error) and self-normalised (SNIPS), and
     * the effective sample size; beside the rate the bandit actually got.
     */
    List<OffPolicyEstimate> offPolicy(UUID siteId, String slot);

    record OffPolicyEstimate(
            String arm,
            long lists,
            double loggedRewardRate,
            double ips,
            double ipsStandardError,
            double snips,
            double effectiveSampleSize) {}
}
