package dev.attune.personalization.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Segments: rule-defined groups of subjects, kept up to date as events arrive and as time passes. */
public interface SegmentService {

    /** The profile fields a rule may compare (numbers, except {@link #TEXT_FIELDS}). */
    List<String> FIELDS = List.of(
            "events",
            "engagement",
            "averageRating",
            "ratings",
            "latestNps",
            "npsClass",
            "latestCsat",
            "averageCsat",
            "sentiment",
            "lastSentiment",
            "sentimentTrend",
            "sentimentTexts",
            "daysSinceLastSeen",
            "device",
            "mobileShare");

    /** Fields compared with a string (= or != only). */
    List<String> TEXT_FIELDS = List.of("npsClass", "device");

    /** Creates a segment; a bad key, name or rule is refused naming each field. Current profiles are evaluated at once. */
    Segment create(UUID siteId, String key, String name, String description, String ruleJson);

    /** Changes name, description, rule or whether it is active; members are re-evaluated. */
    Segment update(UUID id, String name, String description, String ruleJson, boolean active);

    List<Segment> list(UUID siteId);

    Optional<Segment> find(UUID id);

    /** Who would be in a segment with this rule now, over the site's profiles: the count and a sample. */
    Preview preview(UUID siteId, String ruleJson);

    record Preview(int profiles, int matching, List<String> sample) {}

    /** The members now, newest first. */
    List<Member> members(UUID segmentId, int limit);

    record Member(String subject, Instant enteredAt) {}

    /** Per day: members at the end of the day, entries and exits. */
    List<Day> history(UUID segmentId);

    record Day(LocalDate day, long members, long entered, long left) {}

    /** Clusters the site's profiles now (k-means++ over the 10,000 most recently seen) and keeps the result. */
    List<DiscoveredSegment> discover(UUID siteId);

    /** The latest discovered segments of the site, largest first (empty before the first run). */
    List<DiscoveredSegment> discovered(UUID siteId);

    /** Whether the subject is in the site's segment with this key now. */
    boolean isMember(UUID siteId, String subject, String segmentKey);
}
