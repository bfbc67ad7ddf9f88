package dev.attune.personalization.internal.profiles;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.attune.feedback.api.SegmentLookup;
import dev.attune.personalization.api.DiscoveredSegment;
import dev.attune.personalization.api.Profile;
import dev.attune.personalization.api.Segment;
import dev.attune.personalization.api.SegmentChanged;
import dev.attune.personalization.api.SegmentService;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Segments: each event's profile update re-evaluates the site's active segments for its subject (the profile keeps
 * the keys it is in, so only changes touch the database); entries and exits are stored, logged and fired as
 * {@link SegmentChanged}. Rules with time windows are also re-evaluated for their members on a schedule
 * ({@link SegmentSweeper}). Surveys ask membership through the feedback module's {@link SegmentLookup}.
 */
@ApplicationScoped
public class DefaultSegmentService implements SegmentService, SegmentLookup {
    /** Profiles looked at when a segment is created or previewed: the site's most recently seen. */
    static final int EVALUATED_PROFILES = 10_000;

    @Inject
    JdbcSegments store;

    @Inject
    DefaultProfileService profiles;

    @Inject
    AuditLog audit;

    @Inject
    Event<SegmentChanged> changed;

    /** A segment with its parsed rule. */
    record Compiled(Segment segment, SegmentRule rule) {}

    /** A membership to store once the profile is unlocked. */
    record Change(UUID siteId, UUID segmentId, String key, String subject, boolean entered) {}

    private final LoadingCache<UUID, List<Compiled>> active = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .build(site -> store.active(site).stream()
                    .map(s -> new Compiled(s, SegmentRule.parse(json(s.ruleJson()))))
                    .toList());

    /** Re-evaluates the site's segments for a profile (its owner holds its lock); answers what changed. */
    List<Change> evaluate(UUID siteId, ProfileState state, Instant now) {
        List<Compiled> segments = active.get(siteId);
        if (segments.isEmpty()) {
            return List.of();
        }
        SegmentRule.Facts facts = new SegmentRule.Facts(state.toProfile(), state.recent(), now);
        List<Change> changes = new ArrayList<>();
        for (Compiled c : segments) {
            boolean in = c.rule().test(facts);
            if (in != state.segments().contains(c.segment().key())) {
                if (in) {
                    state.segments().add(c.segment().key());
                } else {
                    state.segments().remove(c.segment().key());
                }
                changes.add(new Change(siteId, c.segment().id(), c.segment().key(), state.subject(), in));
            }
        }
        return changes;
    }

    /** Stores the changes and announces those that were changes in the database too. */
    void apply(List<Change> changes) {
        Instant now = Instant.now();
        for (Change c : changes) {
            boolean stored =
                    c.entered() ? store.enter(c.segmentId(), c.subject()) : store.leave(c.segmentId(), c.subject());
            if (stored) {
                changed.fire(new SegmentChanged(c.siteId(), c.subject(), c.key(), c.entered(), now));
            }
        }
    }

    /** A subject's profile is gone (consent withdrawn): it leaves every segment. */
    void forget(UUID siteId, String subject) {
        List<Change> changes = new ArrayList<>();
        for (String[] m : store.memberships(siteId, subject)) {
            changes.add(new Change(siteId, UUID.fromString(m[0]), m[1], subject, false));
        }
        apply(changes);
    }

    /** Re-evaluates the members of windowed segments at the time now (they may have aged out). */
    void sweep(Instant now) {
        for (UUID site : store.sites()) {
            for (Compiled c : active.get(site)) {
                if (!c.rule().windowed()) {
                    continue;
                }
                for (SegmentService.Member m : store.members(c.segment().id(), 100_000)) {
                    profiles.reevaluate(site, m.subject(), now);
                }
            }
        }
    }

    @Override
    public Segment create(UUID siteId, String key, String name, String description, String ruleJson) {
        SegmentRule rule = check(key, name, description, ruleJson);
        UUID id = UUID.randomUUID();
        store.insert(
                id,
                siteId,
                key,
                name.strip(),
                blankToNull(description),
                json(ruleJson).toString());
        active.invalidate(siteId);
        audit.record(
                "segment.create",
                id.toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of(
                        "site",
                        siteId.toString(),
                        "key",
                        key,
                        "rule",
                        json(ruleJson).toString()));
        evaluateAll(siteId);
        return store.find(id).orElseThrow();
    }

    @Override
    public Segment update(UUID id, String name, String description, String ruleJson, boolean isActive) {
        Segment s = store.find(id)
                .orElseThrow(() -> new InvalidInputException(
                        404, "No such segment", List.of(new FieldError("id", "no segment " + id))));
        check(s.key(), name, description, ruleJson);
        store.update(id, name.strip(), blankToNull(description), json(ruleJson).toString(), isActive);
        active.invalidate(s.siteId());
        audit.record(
                "segment.update",
                id.toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of(
                        "before",
                        s.ruleJson() + (s.active() ? "" : " (inactive)"),
                        "after",
                        json(ruleJson) + (isActive ? "" : " (inactive)")));
        if (!isActive) {
            for (SegmentService.Member m : store.members(id, 1_000_000)) {
                if (store.leave(id, m.subject())) {
                    changed.fire(new SegmentChanged(s.siteId(), m.subject(), s.key(), false, Instant.now()));
                }
                profiles.dropSegment(s.siteId(), m.subject(), s.key());
            }
        }
        evaluateAll(s.siteId());
        return store.find(id).orElseThrow();
    }

    private void evaluateAll(UUID siteId) {
        Instant now = Instant.now();
        for (String subject : profiles.subjects(siteId, EVALUATED_PROFILES)) {
            profiles.reevaluate(siteId, subject, now);
        }
    }

    private static SegmentRule check(String key, String name, String description, String ruleJson) {
        List<FieldError> errors = new ArrayList<>();
        if (key == null || !key.matches("[a-z0-9][a-z0-9_-]{0,59}")) {
            errors.add(new FieldError("key", "must be 1 to 60 lower-case letters, digits, - or _"));
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.add(new FieldError("name", "is required, at most 100 characters"));
        }
        if (description != null && description.length() > 1000) {
            errors.add(new FieldError("description", "at most 1000 characters"));
        }
        SegmentRule rule = null;
        try {
            rule = SegmentRule.parse(json(ruleJson));
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid segment", errors);
        }
        return rule;
    }

    static JsonValue json(String ruleJson) {
        if (ruleJson == null || ruleJson.isBlank()) {
            throw InvalidInputException.of("rule", "is required: a JSON rule");
        }
        try {
            return JSON.createReader(new StringReader(ruleJson)).readValue();
        } catch (JsonException | IllegalStateException e) {
            throw InvalidInputException.of("rule", "is not JSON: " + e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public List<Segment> list(UUID siteId) {
        return store.list(siteId);
    }

    @Override
    public Optional<Segment> find(UUID id) {
        return store.find(id);
    }

    @Override
    public Preview preview(UUID siteId, String ruleJson) {
        SegmentRule rule = SegmentRule.parse(json(ruleJson));
        Instant now = Instant.now();
        int total = 0;
        List<String> matching = new ArrayList<>();
        int count = 0;
        for (String subject : profiles.subjects(siteId, EVALUATED_PROFILES)) {
            Optional<SegmentRule.Facts> facts = profiles.facts(siteId, subject, now);
            if (facts.isEmpty()) {
                continue;
            }
            total++;
            if (rule.test(facts.get())) {
                count++;
                if (matching.size() < 20) {
                    matching.add(subject);
                }
            }
        }
        return new Preview(total, count, matching);
    }

    @Override
    public List<Member> members(UUID segmentId, int limit) {
        return store.members(segmentId, Math.max(1, Math.min(limit, 10_000)));
    }

    @Override
    public List<Day> history(UUID segmentId) {
        List<Day> days = new ArrayList<>();
        long members = 0;
        for (long[] row : store.changesPerDay(segmentId)) {
            members += row[1] - row[2];
            days.add(new Day(LocalDate.ofEpochDay(row[0]), members, row[1], row[2]));
        }
        return days;
    }

    @Override
    public List<DiscoveredSegment> discover(UUID siteId) {
        Instant now = Instant.now();
        List<Profile> all = new ArrayList<>();
        for (String subject : profiles.subjects(siteId, EVALUATED_PROFILES)) {
            profiles.facts(siteId, subject, now).ifPresent(f -> all.add(f.profile()));
        }
        List<SegmentDiscovery.Group> groups = SegmentDiscovery.discover(all, 4, now);
        List<DiscoveredSegment> found = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            SegmentDiscovery.Group g = groups.get(i);
            found.add(new DiscoveredSegment(siteId, i, g.size(), g.averages(), g.description(), now));
        }
        store.replaceClusters(siteId, found);
        return found;
    }

    @Override
    public List<DiscoveredSegment> discovered(UUID siteId) {
        return store.clusters(siteId);
    }

    /** Clusters every site with profiles (the schedule's job). */
    void discoverAll() {
        for (UUID site : store.profiledSites()) {
            discover(site);
        }
    }

    @Override
    public boolean isMember(UUID siteId, String subjectId, String segment) {
        return subjectId != null && store.isMember(siteId, subjectId, segment);
    }
}
