package dev.attune.feedback.internal.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.attune.feedback.api.ConsentEntry;
import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentState;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.api.SubjectLinks;
import dev.attune.feedback.internal.domain.EventRules;
import dev.attune.feedback.internal.persistence.JdbcConsentRepository;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class DefaultConsentService implements ConsentService {

    @Inject
    JdbcConsentRepository ledger;

    @Inject
    SiteDirectory sites;

    @Inject
    OutboxRelay relay;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    @ConfigProperty(name = "attune.consent.cache-seconds", defaultValue = "5")
    long cacheSeconds;

    private record Subject(UUID siteId, String subjectId) {}

    @Inject
    Workers workers;

    /**
     * Recorded choices per subject (an empty map: none), read on every ingested event. A change made here empties its
     * entry at once and again after its commit; a change made on another instance empties it when the change feed is
     * next read (every TTL: one query for all subjects, instead of reloading each cached subject). Entries are also
     * dropped a minute after they were loaded (erasures elsewhere delete ledger rows, which the feed cannot show).
     */
    private Cache<Subject, Map<Purpose, Boolean>> cache;

    /** The highest ledger id read from the change feed, and lower ids not yet seen (may still commit) with when. */
    private long feedPosition;

    private final Map<Long, Instant> feedGaps = new HashMap<>();
    private ScheduledFuture<?> feed;

    @PostConstruct
    void init() {
        Duration ttl = Duration.ofSeconds(Math.max(1, cacheSeconds));
        cache = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterWrite(Duration.ofSeconds(Math.max(60, 12 * ttl.toSeconds())))
                .executor(workers.refreshes())
                .build();
        resolver = links.isResolvable() ? links.get() : null;
        feedPosition = ledger.lastId();
        feed = workers.timers()
                .scheduleWithFixedDelay(
                        () -> workers.refreshes().execute(this::readChangeFeed),
                        ttl.toMillis(),
                        ttl.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopFeed() {
        feed.cancel(false);
    }

    /**
     * Empties the entries of subjects whose consent changed since the last read, on any instance. Identity values
     * are handed out in order but may commit out of order: an id skipped over is asked for again until it appears
     * or a minute has passed (a rolled-back append leaves a gap for good).
     */
    synchronized void readChangeFeed() {
        try {
            Instant now = Instant.now();
            feedGaps.values().removeIf(since -> since.isBefore(now.minusSeconds(60)));
            for (JdbcConsentRepository.Change change : ledger.changes(feedPosition, feedGaps.keySet())) {
                cache.invalidate(new Subject(change.siteId(), change.subjectId()));
                feedGaps.remove(change.id());
                for (long id = feedPosition + 1; id < change.id(); id++) {
                    feedGaps.put(id, now);
                }
                feedPosition = Math.max(feedPosition, change.id());
            }
        } catch (RuntimeException e) {
            Logger.getLogger(DefaultConsentService.class.getName())
                    .log(Level.WARNING, "Reading consent changes failed; retrying", e);
        }
    }

    @Inject
    Instance<SubjectLinks> links;

    /**
     * The resolver of linked subjects (the identity module's, a client proxy), or null without one: looked up once at
     * start, since a CDI look-up on every event cost more than the answer.
     */
    private SubjectLinks resolver;

    @Override
    @Transactional
    public ConsentState record(
            UUID siteId, String subjectId, Map<Purpose, Boolean> choices, String policyVersion, String source) {
        List<FieldError> errors = new ArrayList<>();
        if (subjectId == null || subjectId.isBlank() || subjectId.length() > EventRules.MAX_ID_LENGTH) {
            errors.add(new FieldError("subjectId", "is required, at most " + EventRules.MAX_ID_LENGTH + " characters"));
        }
        if (choices == null || choices.isEmpty()) {
            errors.add(new FieldError("purposes", "must name at least one purpose"));
        } else if (Boolean.FALSE.equals(choices.get(Purpose.NECESSARY))) {
            errors.add(new FieldError("purposes/necessary", "is always granted: it is what the site needs to work"));
        }
        if (policyVersion != null && policyVersion.length() > 50) {
            errors.add(new FieldError("policyVersion", "must be at most 50 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid consent", errors);
        }
        SiteSummary site = sites.require(siteId);
        ConsentState before = state(
                site,
                subjectId,
                ledger.latestChoices(siteId, List.of(subjectId)).get(subjectId));
        Map<Purpose, Boolean> changes = new EnumMap<>(Purpose.class);
        choices.forEach((purpose, granted) -> {
            if (purpose != Purpose.NECESSARY
                    && (!before.chosen().containsKey(purpose) || before.allows(purpose) != granted)) {
                changes.put(purpose, granted);
            }
        });
        if (!changes.isEmpty()) {
            ledger.append(siteId, subjectId, changes, policyVersion, source);
            Subject key = new Subject(siteId, subjectId);
            cache.invalidate(key);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing to prepare
                }

                @Override
                public void afterCompletion(int status) {
                    cache.invalidate(key); // a read between the append and the commit may have cached the old choices
                }
            });
        }
        Set<Purpose> lost = EnumSet.noneOf(Purpose.class);
        changes.forEach((purpose, granted) -> {
            if (!granted && before.allows(purpose)) {
                lost.add(purpose);
            }
        });
        if (!lost.isEmpty()) {
            // announced from the outbox after commit, even across a crash
            ledger.enqueueWithdrawal(siteId, subjectId, lost);
            relay.wakeForWithdrawalAfterCommit();
        }
        Map<Purpose, Boolean> after = new EnumMap<>(Purpose.class);
        after.putAll(before.chosen());
        after.putAll(changes);
        return state(site, subjectId, after);
    }

    /** Drops the cached choices of erased subjects at once (their ledger rows are gone). */
    void forget(UUID siteId, Collection<String> subjects) {
        subjects.forEach(s -> cache.invalidate(new Subject(siteId, s)));
    }

    /**
     * One subject (every event the widget sends): the same answer as the bulk form without its lists and maps — one
     * cache read for the subject's choices, one for its links, and only for a linked subject the others' choices.
     */
    @Override
    public ConsentState current(UUID siteId, String subjectId) {
        SiteSummary site = sites.require(siteId);
        Set<String> linked = resolver == null ? Set.of() : resolver.linked(siteId, subjectId);
        Map<Purpose, Boolean> chosen = cache.get(
                new Subject(siteId, subjectId),
                k -> Map.copyOf(ledger.latestChoices(siteId, List.of(subjectId)).getOrDefault(subjectId, Map.of())));
        ConsentState own = state(site, subjectId, chosen);
        return alone(subjectId, linked) ? own : strictest(subjectId, own, linked, choices(siteId, linked));
    }

    @Override
    public Map<String, ConsentState> current(UUID siteId, Collection<String> subjectIds) {
        String only = subjectIds.size() == 1 ? subjectIds.iterator().next() : null;
        if (only != null) {
            Map<String, ConsentState> one =
                    new HashMap<>(); // one event (every widget message): the cheaper single form
            one.put(only, current(siteId, only));
            return one;
        }
        SiteSummary site = sites.require(siteId);
        Map<String, Set<String>> linked = resolver == null ? Map.of() : resolver.linked(siteId, subjectIds);
        Set<String> needed = new HashSet<>(subjectIds);
        linked.values().forEach(needed::addAll);
        Map<String, Map<Purpose, Boolean>> choices = choices(siteId, needed);
        Map<String, ConsentState> states = new HashMap<>();
        for (String subject : subjectIds) {
            states.put(
                    subject,
                    strictest(
                            subject,
                            state(site, subject, choices.get(subject)),
                            linked.getOrDefault(subject, Set.of()),
                            choices));
        }
        return states;
    }

    /** Each subject's recorded choices: cached ones, the rest read in one query and cached. */
    private Map<String, Map<Purpose, Boolean>> choices(UUID siteId, Collection<String> subjectIds) {
        Map<String, Map<Purpose, Boolean>> choices = new HashMap<>();
        cache.getAll(subjectIds.stream().map(s -> new Subject(siteId, s)).toList(), missing -> {
                    Map<String, Map<Purpose, Boolean>> read = ledger.latestChoices(
                            siteId, missing.stream().map(Subject::subjectId).toList());
                    Map<Subject, Map<Purpose, Boolean>> loaded = new HashMap<>();
                    missing.forEach(k -> loaded.put(k, Map.copyOf(read.getOrDefault(k.subjectId(), Map.of()))));
                    return loaded;
                })
                .forEach((key, chosen) -> choices.put(key.subjectId(), chosen));
        return choices;
    }

    /**
     * Consent per person after merges: a purpose any subject of the same person withdrew (chose false) is withdrawn for
     * this subject too. Subjects never linked to another (nearly all) cost nothing more.
     */
    private static ConsentState strictest(
            String subject, ConsentState own, Set<String> linked, Map<String, Map<Purpose, Boolean>> choices) {
        if (alone(subject, linked)) {
            return own;
        }
        Map<Purpose, Boolean> granted = new EnumMap<>(own.granted());
        for (String other : linked) {
            choices.getOrDefault(other, Map.of()).forEach((purpose, choice) -> {
                if (!choice && purpose != Purpose.NECESSARY) {
                    granted.put(purpose, false);
                }
            });
        }
        return new ConsentState(subject, Map.copyOf(granted), own.chosen());
    }

    /** Linked to no other subject (nearly all). */
    private static boolean alone(String subject, Set<String> linked) {
        return linked.size() <= 1 && (linked.isEmpty() || linked.contains(subject));
    }

    @Override
    public List<ConsentEntry> history(UUID siteId, String subjectId) {
        return ledger.history(siteId, subjectId);
    }

    /** Recorded choices where there are any; the site's default for the rest. */
    static ConsentState state(SiteSummary site, String subjectId, Map<Purpose, Boolean> chosen) {
        if (chosen == null || chosen.isEmpty()) {
            return new ConsentState(subjectId, DEFAULTS.get(site.consentMode()), Map.of()); // most visitors never chose
        }
        Map<Purpose, Boolean> granted = new EnumMap<>(DEFAULTS.get(site.consentMode()));
        granted.putAll(chosen);
        granted.put(Purpose.NECESSARY, true);
        return new ConsentState(subjectId, Map.copyOf(granted), Map.copyOf(chosen));
    }

    /** What a subject without recorded choices is granted, per consent mode. */
    private static final Map<ConsentMode, Map<Purpose, Boolean>> DEFAULTS = defaults();

    private static Map<ConsentMode, Map<Purpose, Boolean>> defaults() {
        Map<ConsentMode, Map<Purpose, Boolean>> all = new EnumMap<>(ConsentMode.class);
        for (ConsentMode mode : ConsentMode.values()) {
            Map<Purpose, Boolean> granted = new EnumMap<>(Purpose.class);
            for (Purpose p : Purpose.values()) {
                granted.put(p, byDefault(mode, p));
            }
            all.put(mode, Map.copyOf(granted));
        }
        return all;
    }

    private static boolean byDefault(ConsentMode mode, Purpose purpose) {
        return switch (purpose) {
            case NECESSARY -> true;
            case MARKETING -> false;
            default -> mode == ConsentMode.IMPLIED;
        };
    }
}
