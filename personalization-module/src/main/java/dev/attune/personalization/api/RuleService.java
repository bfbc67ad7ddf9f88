package dev.attune.personalization.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Rules: condition on a subject's live profile or segments → action, kept as data and applied as events arrive.
 * A definition is JSON:
 * <pre>
 * {"when":   condition,                     // the segment rule language, plus {"segment":"key"} for membership
 *  "on":     ["visit", "rating", …],        // optional: evaluate on page visits and/or these event types (default: all)
 *  "action": {"type":"message", "title":"…", "template":"Hi, fellow {{topAttribute|film}} fan!", "link":{"url":"…","label":"…"}}
 *          | {"type":"slot", "slot":"home", "strategy":"top_rated_in_top_attribute", "title":"More {{topAttribute}}"}
 *          | {"type":"survey", "survey":"&lt;survey id&gt;"}
 *          | {"type":"webhook", "webhook":"&lt;webhook id&gt;"},
 *  "cap":    {"times":1, "perHours":24}      // per person; the default (slots: no cap); times 0 = no cap, perHours 0 = ever
 * }
 * </pre>
 * Template placeholders: {@code {{name}}} or {@code {{name|fallback}}} with the names of {@link #PLACEHOLDERS}; an
 * unknown name is refused. Messages and surveys act only for a visitor with an open widget; webhook calls are queued
 * (signed, retried, dead-lettered like event webhooks); a slot rule decides the strategy of that slot for the person.
 */
public interface RuleService {

    /** The placeholder names a template may use. */
    List<String> PLACEHOLDERS = List.of(
            "subject",
            "events",
            "engagement",
            "averageRating",
            "ratings",
            "latestNps",
            "npsClass",
            "latestCsat",
            "sentiment",
            "sentimentTrend",
            "topItem",
            "topAttribute",
            "device",
            "daysSinceLastSeen");

    /** The recommendation strategies a slot rule may name. */
    List<String> SLOT_STRATEGIES = RecommendationService.STRATEGIES;

    /** Creates a rule; a bad key, name, priority or definition is refused naming each field. */
    Rule create(UUID siteId, String key, String name, String description, int priority, String definitionJson);

    /** Changes a rule (its version goes up); refused like create. */
    Rule update(UUID id, String name, String description, int priority, String definitionJson, boolean active);

    void delete(UUID id);

    /** The site's rules, highest priority first. */
    List<Rule> list(UUID siteId);

    Optional<Rule> find(UUID id);

    /**
     * Who a rule would act for now, over the site's profiles (the 10,000 most recently seen): how many match its
     * condition, how many of those its cap would hold back, and a sample with what each would get (the rendered
     * message, strategy, survey or webhook). {@code ruleId} (may be null): the stored rule whose past firings count
     * against the cap. Nothing is sent or counted.
     */
    DryRun dryRun(UUID siteId, UUID ruleId, String definitionJson);

    record DryRun(int profiles, int matching, int capped, List<Sample> sample) {}

    record Sample(String subject, String outcome) {}

    /** Per day, for the last days: times fired and times held back by the cap. */
    List<Day> hits(UUID ruleId, int days);

    record Day(LocalDate day, long fired, long capped) {}

    /** The latest firings of a rule, newest first. */
    List<Firing> firings(UUID ruleId, int limit);

    record Firing(String subject, String action, String detail, Instant at) {}

    /**
     * The strategy and title a slot rule sets for this person's slot now, if one applies (counted as a firing, within
     * its cap).
     */
    Optional<SlotChoice> slot(UUID siteId, String subject, String slot);

    record SlotChoice(String rule, String strategy, String title) {}
}
