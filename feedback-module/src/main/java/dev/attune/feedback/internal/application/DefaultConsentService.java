package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.ConsentEntry;
import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentState;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.internal.domain.EventRules;
import dev.attune.feedback.internal.persistence.JdbcConsentRepository;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class DefaultConsentService implements ConsentService {

    @Inject
    JdbcConsentRepository ledger;

    @Inject
    SiteDirectory sites;

    @Inject
    OutboxRelay relay;

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "attune.consent.cache-seconds", defaultValue = "5")
    long cacheSeconds;

    private record Subject(UUID siteId, String subjectId) {
    }

    @Inject
    Workers workers;

    /**
     * Recorded choices per subject (an empty map: none), read on every ingested event. A change made here empties its
     * entry at once and again after its commit. An entry older than the TTL is reloaded in the background while the
     * old one still answers (ingest never waits on the database for a known subject), so a change made on another
     * instance shows here within the TTL and one more event; an entry unused for 10 TTLs is dropped.
     */
    private com.github.benmanes.caffeine.cache.LoadingCache<Subject, Map<Purpose, Boolean>> cache;

    @Inject
    jakarta.enterprise.inject.Instance<dev.attune.feedback.api.SubjectLinks> links;

    @jakarta.annotation.PostConstruct
    void init() {
        java.time.Duration ttl = java.time.Duration.ofSeconds(Math.max(1, cacheSeconds));
        cache = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(200_000)
                .refreshAfterWrite(ttl).expireAfterAccess(ttl.multipliedBy(10)).executor(workers.refreshes())
                .build(key -> Map.copyOf(ledger.latestChoices(key.siteId(), List.of(key.subjectId()))
                        .getOrDefault(key.subjectId(), Map.of())));
    }

    @Override
    @Transactional
    public ConsentState record(UUID siteId, String subjectId, Map<Purpose, Boolean> choices, String policyVersion,
                               String source) {
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
        ConsentState before = state(site, subjectId, ledger.latestChoices(siteId, List.of(subjectId)).get(subjectId));
        Map<Purpose, Boolean> changes = new EnumMap<>(Purpose.class);
        choices.forEach((purpose, granted) -> {
            if (purpose != Purpose.NECESSARY && (!before.chosen().containsKey(purpose) || before.allows(purpose) != granted)) {
                changes.put(purpose, granted);
            }
        });
        if (!changes.isEmpty()) {
            ledger.append(siteId, subjectId, changes, policyVersion, source);
            Subject key = new Subject(siteId, subjectId);
            cache.invalidate(key);
            transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
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
            relay.wakeAfterCommit();
        }
        Map<Purpose, Boolean> after = new EnumMap<>(Purpose.class);
        after.putAll(before.chosen());
        after.putAll(changes);
        return state(site, subjectId, after);
    }

    /** Drops the cached choices of erased subjects at once (their ledger rows are gone). */
    void forget(UUID siteId, java.util.Collection<String> subjects) {
        subjects.forEach(s -> cache.invalidate(new Subject(siteId, s)));
    }

    @Override
    public ConsentState current(UUID siteId, String subjectId) {
        return current(siteId, List.of(subjectId)).get(subjectId);
    }

    @Override
    public Map<String, ConsentState> current(UUID siteId, Collection<String> subjectIds) {
        SiteSummary site = sites.require(siteId);
        Map<String, Map<Purpose, Boolean>> choices = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String subject : subjectIds) {
            Map<Purpose, Boolean> cached = cache.getIfPresent(new Subject(siteId, subject));
            if (cached == null) {
                missing.add(subject);
            } else {
                choices.put(subject, cached);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Map<Purpose, Boolean>> loaded = ledger.latestChoices(siteId, missing);
            for (String subject : missing) {
                Map<Purpose, Boolean> recorded = Map.copyOf(loaded.getOrDefault(subject, Map.of()));
                choices.put(subject, recorded);
                cache.put(new Subject(siteId, subject), recorded);
            }
        }
        Map<String, ConsentState> states = new HashMap<>();
        for (String subject : subjectIds) {
            states.put(subject, strictest(site, subject, state(site, subject, choices.get(subject))));
        }
        return states;
    }

    /**
     * Consent per person after merges: a purpose any subject of the same person withdrew (chose false) is withdrawn for
     * this subject too. Subjects never linked to another (nearly all) cost one cached look-up.
     */
    private ConsentState strictest(SiteSummary site, String subject, ConsentState own) {
        if (links.isUnsatisfied()) {
            return own;
        }
        java.util.Set<String> others = new java.util.HashSet<>(links.get().linked(site.id(), subject));
        others.remove(subject);
        if (others.isEmpty()) {
            return own;
        }
        Map<Purpose, Boolean> granted = new EnumMap<>(own.granted());
        for (String other : others) {
            Map<Purpose, Boolean> chosen = cache.get(new Subject(site.id(), other),
                    k -> Map.copyOf(ledger.latestChoices(site.id(), List.of(other)).getOrDefault(other, Map.of())));
            chosen.forEach((purpose, choice) -> {
                if (!choice && purpose != Purpose.NECESSARY) {
                    granted.put(purpose, false);
                }
            });
        }
        return new ConsentState(subject, Map.copyOf(granted), own.chosen());
    }

    @Override
    public List<ConsentEntry> history(UUID siteId, String subjectId) {
        return ledger.history(siteId, subjectId);
    }

    /** Recorded choices where there are any; the site's default for the rest. */
    static ConsentState state(SiteSummary site, String subjectId, Map<Purpose, Boolean> chosen) {
        Map<Purpose, Boolean> recorded = chosen == null ? Map.of() : chosen;
        Map<Purpose, Boolean> granted = new EnumMap<>(Purpose.class);
        for (Purpose p : Purpose.values()) {
            granted.put(p, recorded.getOrDefault(p, byDefault(site.consentMode(), p)));
        }
        granted.put(Purpose.NECESSARY, true);
        return new ConsentState(subjectId, Map.copyOf(granted), Map.copyOf(recorded));
    }

    private static boolean byDefault(ConsentMode mode, Purpose purpose) {
        return switch (purpose) {
            case NECESSARY -> true;
            case MARKETING -> false;
            default -> mode == ConsentMode.IMPLIED;
        };
    }
}
