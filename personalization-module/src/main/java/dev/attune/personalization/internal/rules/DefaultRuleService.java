package dev.attune.personalization.internal.rules;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentWithdrawn;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.api.Survey;
import dev.attune.feedback.api.SurveyService;
import dev.attune.feedback.api.VisitorArrived;
import dev.attune.feedback.api.VisitorChannel;
import dev.attune.feedback.api.WebhookService;
import dev.attune.personalization.api.Profile;
import dev.attune.personalization.api.Rule;
import dev.attune.personalization.api.RuleFired;
import dev.attune.personalization.api.RuleService;
import dev.attune.personalization.api.Segment;
import dev.attune.personalization.api.SegmentService;
import dev.attune.personalization.internal.profiles.DefaultProfileService;
import dev.attune.personalization.internal.profiles.SegmentRule;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.NotFoundException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rules as data, applied as events arrive: after each event's profile update (this observer runs after the profile
 * module's own) and on each page visit, the site's active rules triggered by it are tested against the subject's
 * profile and segments, highest priority first. At most one message and one survey act per evaluation (the highest
 * priority whose cap allows); every matching webhook rule acts; slot rules are asked when a slot is filled. Caps count
 * firings per person (kept in memory, loaded from the database on first use); hit counts are added up in memory and
 * written every few seconds.
 */
@ApplicationScoped
public class DefaultRuleService implements RuleService {
    private static final Logger LOG = Logger.getLogger(DefaultRuleService.class.getName());
    static final int DRY_RUN_PROFILES = 10_000;
    static final int SAMPLE = 20;
    private static final long FLUSH_NANOS = Duration.ofSeconds(5).toNanos();

    @Inject
    JdbcRules store;

    @Inject
    DefaultProfileService profiles;

    @Inject
    SegmentService segments;

    @Inject
    SurveyService surveys;

    @Inject
    WebhookService webhooks;

    @Inject
    VisitorChannel visitors;

    @Inject
    ConsentService consent;

    @Inject
    AuditLog audit;

    @Inject
    Event<RuleFired> fired;

    /** A rule with its parsed definition. */
    record Compiled(Rule rule, RuleDefinition definition) {}

    /** Active rules per site, highest priority first (emptied on every change here). */
    private final LoadingCache<UUID, List<Compiled>> active = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build(this::compile);

    /** Firing times per rule and subject within the rule's cap window (loaded from the database on first use). */
    private final Cache<String, Deque<Instant>> caps = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    /** Hit counts not yet written: rule id + day → {fired, capped}. */
    private final Map<Map.Entry<UUID, LocalDate>, long[]> counts = new ConcurrentHashMap<>();

    private final AtomicLong lastFlush = new AtomicLong(System.nanoTime());
    private final AtomicLong lastPrune = new AtomicLong(System.nanoTime() - PRUNE_NANOS - 1);
    /** Firings are kept this long: a cap "ever" ({@code perHours} 0) looks back this far. */
    static final int KEEP_FIRINGS_DAYS = 400;

    private static final long PRUNE_NANOS = Duration.ofHours(6).toNanos();

    private List<Compiled> compile(UUID siteId) {
        List<Compiled> out = new ArrayList<>();
        RuleDefinition.Site site = site(siteId);
        for (Rule r : store.active(siteId)) {
            try {
                out.add(new Compiled(r, RuleDefinition.parse(r.definitionJson(), site)));
            } catch (RuntimeException e) {
                // a segment, survey or webhook it names has gone: the rule stays idle until it is fixed
                LOG.log(
                        Level.WARNING,
                        "Rule " + r.key() + " of site " + siteId + " no longer checks out; it does not act: "
                                + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** What a definition of this site may name. */
    private RuleDefinition.Site site(UUID siteId) {
        return new RuleDefinition.Site() {
            public Set<String> segmentKeys() {
                Set<String> keys = new TreeSet<>();
                for (Segment s : segments.list(siteId)) {
                    keys.add(s.key());
                }
                return keys;
            }

            public String surveyName(UUID surveyId) {
                return surveys.find(surveyId)
                        .filter(s -> s.siteId().equals(siteId))
                        .map(Survey::name)
                        .orElse(null);
            }

            public String webhookUrl(UUID webhookId) {
                return webhooks.find(webhookId)
                        .filter(w -> w.siteId().equals(siteId) && w.active())
                        .map(WebhookService.Webhook::url)
                        .orElse(null);
            }
        };
    }

    // ---------------------------------------------------------------- the admin side

    @Override
    public Rule create(UUID siteId, String key, String name, String description, int priority, String definitionJson) {
        List<FieldError> errors = new ArrayList<>();
        if (key == null || !key.matches("[a-z0-9][a-z0-9_-]{0,59}")) {
            errors.add(new FieldError("key", "must be 1 to 60 lower-case letters, digits, - or _"));
        }
        String canonical = check(siteId, name, description, priority, definitionJson, errors);
        UUID id = UUID.randomUUID();
        store.insert(id, siteId, key, name.strip(), blankToNull(description), priority, canonical);
        audit.record(
                "rule.create",
                id.toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of("site", siteId.toString(), "key", key, "definition", canonical));
        active.invalidate(siteId);
        return store.find(id).orElseThrow();
    }

    @Override
    public Rule update(
            UUID id, String name, String description, int priority, String definitionJson, boolean isActive) {
        Rule before = store.find(id).orElseThrow(() -> new NotFoundException("No rule " + id));
        String canonical = check(before.siteId(), name, description, priority, definitionJson, new ArrayList<>());
        store.update(id, name.strip(), blankToNull(description), priority, canonical, isActive);
        audit.record(
                "rule.update",
                id.toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of(
                        "before",
                        before.definitionJson() + " priority " + before.priority()
                                + (before.active() ? "" : " (inactive)"),
                        "after",
                        canonical + " priority " + priority + (isActive ? "" : " (inactive)")));
        active.invalidate(before.siteId());
        return store.find(id).orElseThrow();
    }

    @Override
    public void delete(UUID id) {
        Rule before = store.find(id).orElseThrow(() -> new NotFoundException("No rule " + id));
        store.delete(id);
        audit.record(
                "rule.delete",
                id.toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of("key", before.key(), "definition", before.definitionJson()));
        active.invalidate(before.siteId());
    }

    /** Checks name, description, priority and definition together; answers the definition as stored (compact JSON). */
    private String check(
            UUID siteId,
            String name,
            String description,
            int priority,
            String definitionJson,
            List<FieldError> errors) {
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.add(new FieldError("name", "is required, at most 100 characters"));
        }
        if (description != null && description.length() > 1000) {
            errors.add(new FieldError("description", "at most 1000 characters"));
        }
        if (priority < -1000 || priority > 1000) {
            errors.add(new FieldError("priority", "must be from -1000 to 1000"));
        }
        try {
            RuleDefinition.parse(definitionJson, site(siteId));
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid rule", errors);
        }
        return JSON.createReader(new StringReader(definitionJson)).readValue().toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public List<Rule> list(UUID siteId) {
        flush(true);
        return store.list(siteId);
    }

    @Override
    public Optional<Rule> find(UUID id) {
        flush(true);
        return store.find(id);
    }

    @Override
    public List<Day> hits(UUID ruleId, int days) {
        flush(true);
        return store.hits(ruleId, Math.max(1, Math.min(days, 366)));
    }

    @Override
    public List<Firing> firings(UUID ruleId, int limit) {
        return store.firings(ruleId, Math.max(1, Math.min(limit, 1000)));
    }

    @Override
    public DryRun dryRun(UUID siteId, UUID ruleId, String definitionJson) {
        RuleDefinition d = RuleDefinition.parse(definitionJson, site(siteId));
        Compiled stored = ruleId == null
                ? null
                : store.find(ruleId)
                        .filter(r -> r.siteId().equals(siteId))
                        .map(r -> new Compiled(r, d))
                        .orElse(null);
        Instant now = Instant.now();
        int seen = 0;
        int matching = 0;
        int capped = 0;
        List<Sample> sample = new ArrayList<>();
        for (String subject : profiles.subjects(siteId, DRY_RUN_PROFILES)) {
            Optional<SegmentRule.Facts> facts = profiles.facts(siteId, subject, now);
            if (facts.isEmpty()) {
                continue;
            }
            seen++;
            if (!d.when().test(facts.get())) {
                continue;
            }
            matching++;
            boolean held = stored != null && !withinCap(stored, subject, now);
            if (sample.size() < SAMPLE) {
                sample.add(new Sample(subject, outcome(siteId, d, facts.get().profile())));
            }
            if (held) {
                capped++;
            }
        }
        return new DryRun(seen, matching, capped, sample);
    }

    /** What the action would do for this profile, in words (the rendered message, the strategy, …). */
    private String outcome(UUID siteId, RuleDefinition d, Profile p) {
        Map<String, String> values = placeholders(p);
        RuleDefinition.Action a = d.action();
        if (a instanceof RuleDefinition.Message m) {
            return (m.title() == null ? "" : m.title().render(values) + " — ")
                    + m.text().render(values);
        }
        if (a instanceof RuleDefinition.Slot s) {
            return "slot " + s.slot() + " filled by " + s.strategy()
                    + (s.title() == null ? "" : " as \"" + s.title().render(values) + "\"");
        }
        if (a instanceof RuleDefinition.Survey s) {
            return "survey \"" + site(siteId).surveyName(s.survey()) + "\"";
        }
        return "POST " + site(siteId).webhookUrl(((RuleDefinition.Webhook) a).webhook());
    }

    // ---------------------------------------------------------------- the live side

    /** After the pipeline committed the event (its subject's profile is updated): the rules it triggers act. */
    public void afterEvent(FeedbackReceived event, boolean personalized) {
        if (event.subjectId() != null && personalized) {
            evaluate(event.siteId(), event.subjectId(), event.type(), true);
        }
    }

    void onVisit(@Observes VisitorArrived visit) {
        if (visit.subjectId() != null) {
            evaluate(visit.siteId(), visit.subjectId(), RuleDefinition.VISIT, false);
        }
    }

    void onWithdrawal(@Observes ConsentWithdrawn withdrawn) {
        if (withdrawn.purposes().contains(Purpose.PERSONALIZATION)) {
            store.forget(withdrawn.siteId(), withdrawn.subjectId());
            caps.asMap().keySet().removeIf(k -> k.endsWith("|" + withdrawn.subjectId()));
        }
    }

    /** Tests the site's rules triggered by this event type (or visit) for the subject and lets the winners act. */
    /** {@code consented}: the caller knows the subject allows personalization (else it is looked up). */
    void evaluate(UUID siteId, String subject, String trigger, boolean consented) {
        try {
            List<Compiled> rules = active.get(siteId);
            if (rules.isEmpty()
                    || !rules.stream()
                            .anyMatch(c -> !(c.definition().action() instanceof RuleDefinition.Slot)
                                    && c.definition().triggeredBy(trigger))) {
                return;
            }
            if (!consented && !consent.current(siteId, subject).allows(Purpose.PERSONALIZATION)) {
                return;
            }
            Instant now = Instant.now();
            Optional<SegmentRule.Facts> facts = profiles.facts(siteId, subject, now);
            if (facts.isEmpty()) {
                return;
            }
            Boolean connected = null;
            boolean messaged = false;
            boolean surveyed = false;
            for (Compiled c : rules) {
                RuleDefinition.Action a = c.definition().action();
                if (a instanceof RuleDefinition.Slot
                        || !c.definition().triggeredBy(trigger)
                        || (a instanceof RuleDefinition.Message && messaged)
                        || (a instanceof RuleDefinition.Survey && surveyed)) {
                    continue;
                }
                boolean needsSocket = a instanceof RuleDefinition.Message || a instanceof RuleDefinition.Survey;
                if (needsSocket) {
                    if (connected == null) {
                        connected = visitors.connected(siteId, subject);
                    }
                    if (!connected) {
                        continue;
                    }
                }
                if (!c.definition().when().test(facts.get())) {
                    continue;
                }
                if (!withinCap(c, subject, now)) {
                    count(c.rule().id(), now, 0, 1);
                    continue;
                }
                String detail = act(c, subject, trigger, facts.get().profile(), now);
                if (detail == null) {
                    continue; // not shown (survey not due for this visitor or page): not a firing
                }
                record(c, subject, detail, now);
                messaged |= a instanceof RuleDefinition.Message;
                surveyed |= a instanceof RuleDefinition.Survey;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Evaluating the rules of site " + siteId + " for a subject failed", e);
        } finally {
            flush(false);
        }
    }

    @Override
    public Optional<SlotChoice> slot(UUID siteId, String subject, String slot) {
        List<Compiled> rules = active.get(siteId);
        if (rules.stream()
                        .noneMatch(c -> c.definition().action() instanceof RuleDefinition.Slot s
                                && s.slot().equals(slot))
                || !consent.current(siteId, subject).allows(Purpose.PERSONALIZATION)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Optional<SegmentRule.Facts> facts = profiles.facts(siteId, subject, now);
        if (facts.isEmpty()) {
            return Optional.empty();
        }
        try {
            for (Compiled c : rules) {
                if (!(c.definition().action() instanceof RuleDefinition.Slot s)
                        || !s.slot().equals(slot)
                        || !c.definition().when().test(facts.get())) {
                    continue;
                }
                if (!withinCap(c, subject, now)) {
                    count(c.rule().id(), now, 0, 1);
                    continue;
                }
                String title = s.title() == null
                        ? null
                        : s.title().render(placeholders(facts.get().profile()));
                record(c, subject, s.strategy() + (title == null ? "" : ": " + title), now);
                return Optional.of(new SlotChoice(c.rule().key(), s.strategy(), title));
            }
            return Optional.empty();
        } finally {
            flush(false);
        }
    }

    /** Carries out the action; answers what was done (for the firing's detail), or null when nothing was. */
    private String act(Compiled c, String subject, String trigger, Profile p, Instant now) {
        Rule rule = c.rule();
        RuleDefinition.Action a = c.definition().action();
        if (a instanceof RuleDefinition.Message m) {
            Map<String, String> values = placeholders(p);
            var message = JSON.createObjectBuilder()
                    .add("rule", rule.key())
                    .add("text", m.text().render(values));
            if (m.title() != null) {
                message.add("title", m.title().render(values));
            }
            if (m.linkUrl() != null) {
                message.add(
                        "link",
                        JSON.createObjectBuilder()
                                .add("url", m.linkUrl())
                                .add("label", m.linkLabel() == null ? m.linkUrl() : m.linkLabel()));
            }
            var built = message.build();
            return visitors.push(rule.siteId(), subject, "message", built) > 0 ? built.getString("text") : null;
        }
        if (a instanceof RuleDefinition.Survey s) {
            return visitors.offerSurvey(rule.siteId(), subject, s.survey()) ? "survey " + s.survey() : null;
        }
        if (a instanceof RuleDefinition.Webhook w) {
            var payload = JSON.createObjectBuilder()
                    .add("type", "rule.fired")
                    .add(
                            "rule",
                            JSON.createObjectBuilder()
                                    .add("id", rule.id().toString())
                                    .add("key", rule.key())
                                    .add("name", rule.name()))
                    .add("siteId", rule.siteId().toString())
                    .add("subjectId", subject)
                    .add("trigger", trigger)
                    .add("firedAt", now.toString())
                    .add("profile", profileJson(p));
            webhooks.send(
                    w.webhook(),
                    UUID.randomUUID(),
                    "rule:" + rule.key(),
                    payload.build().toString());
            return "webhook " + w.webhook();
        }
        return null;
    }

    private static JsonObjectBuilder profileJson(Profile p) {
        var o = JSON.createObjectBuilder();
        placeholders(p).forEach((k, v) -> {
            if (v != null && !k.equals("subject")) {
                o.add(k, v);
            }
        });
        return o;
    }

    /** The template values of a profile (null where the profile has none). */
    static Map<String, String> placeholders(Profile p) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("subject", p.subject());
        v.put("events", Long.toString(p.events()));
        v.put("engagement", String.format(Locale.ROOT, "%.1f", p.engagement()));
        v.put(
                "averageRating",
                p.averageRating() == null ? null : String.format(Locale.ROOT, "%.1f", p.averageRating()));
        v.put("ratings", Long.toString(p.ratings()));
        v.put("latestNps", p.latestNps() == null ? null : p.latestNps().toString());
        v.put("npsClass", p.npsClass());
        v.put("latestCsat", p.latestCsat() == null ? null : p.latestCsat().toString());
        v.put("sentiment", p.sentiment() == null ? null : String.format(Locale.ROOT, "%.2f", p.sentiment()));
        v.put(
                "sentimentTrend",
                p.sentimentTrend() == null ? null : String.format(Locale.ROOT, "%+.3f", p.sentimentTrend()));
        v.put(
                "topItem",
                p.items().stream()
                        .filter(s -> s.score() > 0)
                        .findFirst()
                        .map(Profile.Score::key)
                        .orElse(null));
        v.put(
                "topAttribute",
                p.attributes().stream()
                        .filter(s -> s.score() > 0)
                        .findFirst()
                        .map(Profile.Score::key)
                        .orElse(null));
        v.put(
                "device",
                p.devices().entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .map(Map.Entry::getKey)
                        .orElse(null));
        v.put(
                "daysSinceLastSeen",
                Long.toString(Duration.between(p.lastSeen(), Instant.now()).toDays()));
        return v;
    }

    // ---------------------------------------------------------------- caps and counts

    private boolean withinCap(Compiled c, String subject, Instant now) {
        RuleDefinition.Cap cap = c.definition().cap();
        if (cap.none()) {
            return true;
        }
        Deque<Instant> times = firings(c, subject);
        synchronized (times) {
            Instant from = cap.perHours() == 0 ? Instant.EPOCH : now.minus(Duration.ofHours(cap.perHours()));
            return times.stream().filter(t -> !t.isBefore(from)).count() < cap.times();
        }
    }

    private Deque<Instant> firings(Compiled c, String subject) {
        RuleDefinition.Cap cap = c.definition().cap();
        Instant since = cap.perHours() == 0 ? Instant.EPOCH : Instant.now().minus(Duration.ofHours(cap.perHours()));
        return caps.get(
                c.rule().id() + "|" + subject,
                k -> new ArrayDeque<>(store.firedSince(c.rule().id(), subject, since)));
    }

    private void record(Compiled c, String subject, String detail, Instant now) {
        String action = c.definition().action().type();
        String shortDetail = detail.length() > 500 ? detail.substring(0, 500) : detail;
        if (!c.definition().cap().none()) {
            Deque<Instant> times = firings(c, subject);
            synchronized (times) {
                times.addLast(now);
                while (times.size() > c.definition().cap().times() + 1) {
                    times.removeFirst();
                }
            }
        }
        store.fired(c.rule().id(), c.rule().siteId(), subject, action, shortDetail, now);
        count(c.rule().id(), now, 1, 0);
        fired.fire(new RuleFired(c.rule().siteId(), c.rule().id(), c.rule().key(), subject, action, shortDetail, now));
    }

    private void count(UUID ruleId, Instant at, long firedCount, long cappedCount) {
        var key = Map.entry(ruleId, LocalDate.ofInstant(at, ZoneOffset.UTC));
        while (true) {
            long[] c = counts.computeIfAbsent(key, k -> new long[3]);
            synchronized (c) {
                if (c[2] == 0) { // not taken by a flush meanwhile
                    c[0] += firedCount;
                    c[1] += cappedCount;
                    return;
                }
            }
        }
    }

    /** Writes the counts added up since the last write (now, or when a few seconds have passed). */
    void flush(boolean now) {
        long last = lastFlush.get();
        if (counts.isEmpty()
                || (!now && System.nanoTime() - last < FLUSH_NANOS)
                || !lastFlush.compareAndSet(last, System.nanoTime())) {
            return;
        }
        Map<Map.Entry<UUID, LocalDate>, long[]> taken = new HashMap<>();
        for (var key : List.copyOf(counts.keySet())) {
            long[] c = counts.remove(key);
            if (c != null) {
                synchronized (c) {
                    c[2] = 1;
                    taken.put(key, new long[] {c[0], c[1]});
                }
            }
        }
        if (System.nanoTime() - lastPrune.get() > PRUNE_NANOS) {
            lastPrune.set(System.nanoTime());
            try {
                store.prune(Instant.now().minus(Duration.ofDays(KEEP_FIRINGS_DAYS)));
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "Could not prune old rule firings", ex);
            }
        }
        for (var e : taken.entrySet()) {
            try {
                store.count(e.getKey().getKey(), e.getKey().getValue(), e.getValue()[0], e.getValue()[1]);
            } catch (RuntimeException ex) {
                LOG.log(
                        Level.WARNING,
                        "Could not write the hit counts of rule " + e.getKey().getKey(),
                        ex);
            }
        }
    }

    @PreDestroy
    void stop() {
        flush(true);
    }
}
