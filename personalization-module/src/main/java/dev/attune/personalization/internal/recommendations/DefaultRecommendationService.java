package dev.attune.personalization.internal.recommendations;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentWithdrawn;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.api.SlotsRequested;
import dev.attune.feedback.api.VisitorChannel;
import dev.attune.personalization.api.Profile;
import dev.attune.personalization.api.RecommendationService;
import dev.attune.personalization.api.RuleService;
import dev.attune.personalization.api.stats.Statistics;
import dev.attune.personalization.internal.persistence.JdbcPicks;
import dev.attune.personalization.internal.persistence.ManagedThreads;
import dev.attune.personalization.internal.profiles.DefaultProfileService;
import dev.attune.personalization.internal.profiles.SegmentRule;
import dev.attune.personalization.internal.recommend.Explanation;
import dev.attune.personalization.internal.recommend.Model;
import dev.attune.personalization.internal.recommend.ScoredItem;
import dev.attune.personalization.internal.recommend.SparseVector;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves recommendations from the site's models in memory, applying the person's live profile at every call, and
 * pushes changed lists to the person's open widget after each of their events. Models are fitted in the background
 * (on first use, and again on a schedule once enough has changed) and swapped whole with a new version. Served lists
 * are logged in batches with their propensities; a click, cart, purchase or good rating on a listed item within
 * {@value #REWARD_MINUTES} minutes rewards the list (and, for a bandit slot, its arm).
 */
@ApplicationScoped
public class DefaultRecommendationService implements RecommendationService {
    private static final Logger LOG = Logger.getLogger(DefaultRecommendationService.class.getName());
    static final int REWARD_MINUTES = 30;
    static final List<String> DEFAULT_ARMS = List.of("hybrid", "item_knn", "popular");
    static final String DEFAULT_STRATEGY = "hybrid";
    static final int DEFAULT_SIZE = 6;

    @Inject
    JdbcRecommendations store;

    @Inject
    ModelFitter fitter;

    @Inject
    DefaultProfileService profiles;

    @Inject
    JdbcPicks picks;

    @Inject
    VisitorChannel visitors;

    @Inject
    ConsentService consent;

    @Inject
    Instance<RuleService> rules;

    @Inject
    @ConfigProperty(name = "attune.recommendations.refit-minutes", defaultValue = "15")
    long refitMinutes;

    private final Map<UUID, SiteModels> models = new ConcurrentHashMap<>();
    /** Events per site since its models were fitted. */
    private final Map<UUID, AtomicLong> changes = new ConcurrentHashMap<>();

    private final LoadingCache<UUID, List<Slot>> slots = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build(site -> store.slots(site));
    /** The lists served to a person lately (for rewards): site|subject → newest last. */
    private final Cache<String, Deque<Served>> recent = Caffeine.newBuilder()
            .maximumSize(500_000)
            .expireAfterAccess(Duration.ofMinutes(REWARD_MINUTES))
            .build();
    /** What was last pushed to a person's slot: site|subject|slot → item ids. */
    private final Cache<String, List<String>> pushed = Caffeine.newBuilder()
            .maximumSize(500_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    private final ConcurrentLinkedQueue<JdbcRecommendations.Served> toLog = new ConcurrentLinkedQueue<>();
    private final StrategyBandit bandit = new StrategyBandit(System.nanoTime());
    private ScheduledExecutorService background;

    /** A served list kept for rewards. */
    record Served(
            UUID listId, String slot, String arm, boolean bandit, String context, List<String> items, Instant at) {}

    @PostConstruct
    void start() {
        background = Executors.newScheduledThreadPool(1, ManagedThreads.factory("attune-recommendations"));
        background.scheduleWithFixedDelay(this::flushLog, 200, 200, TimeUnit.MILLISECONDS);
        long minutes = Math.max(1, refitMinutes);
        background.scheduleWithFixedDelay(this::refitChanged, minutes, minutes, TimeUnit.MINUTES);
        background.execute(() -> {
            try {
                for (Object[] row : store.armCounts(30)) {
                    String arm = ((String) row[3]).substring("bandit/".length());
                    bandit.restore(row[0] + "/" + row[1], (String) row[2], arm, (Long) row[4], (Long) row[5]);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not restore the bandits' counts; they start afresh", e);
            }
        });
    }

    @PreDestroy
    void stop() {
        if (background != null) {
            background.shutdownNow();
        }
        flushLog();
    }

    // ------------------------------------------------------------------ models

    @Override
    public Optional<ModelInfo> models(UUID siteId) {
        SiteModels m = models.get(siteId);
        return Optional.ofNullable(m).map(DefaultRecommendationService::info);
    }

    private static ModelInfo info(SiteModels m) {
        return new ModelInfo(m.version(), m.fittedAt(), m.people(), m.items().size(), m.interactions(), m.fitMillis());
    }

    @Override
    public ModelInfo refit(UUID siteId) {
        return info(fitNow(siteId));
    }

    private SiteModels fitNow(UUID siteId) {
        synchronized (this.fitLock(siteId)) {
            SiteModels before = models.get(siteId);
            long version = Math.max(before == null ? 0 : before.version(), store.lastVersion(siteId)) + 1;
            changes.computeIfAbsent(siteId, k -> new AtomicLong()).set(0);
            SiteModels m = fitter.fit(siteId, version);
            models.put(siteId, m);
            var ms = JSON.createObjectBuilder();
            m.fitMillis().forEach(ms::add);
            store.fitted(
                    siteId,
                    version,
                    m.people(),
                    m.items().size(),
                    m.interactions(),
                    ms.build().toString());
            LOG.info(() -> "Recommendation models v" + version + " of site " + siteId + ": " + m.people() + " people, "
                    + m.items().size() + " items, fit ms " + m.fitMillis());
            return m;
        }
    }

    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();

    private Object fitLock(UUID siteId) {
        return locks.computeIfAbsent(siteId, k -> new Object());
    }

    /** Models that fit this fast are refit on the spot when their data changed (at most once a second). */
    static final long QUICK_FIT_MILLIS = 150;

    /**
     * The site's models, fitting them in the background when there are none yet (null until then); small models whose
     * data changed since they were fitted are refit first, right here.
     */
    private SiteModels modelsOf(UUID siteId) {
        SiteModels m = models.get(siteId);
        var changed = changes.get(siteId);
        if (m != null
                && changed != null
                && changed.get() > 0
                && Duration.between(m.fittedAt(), Instant.now()).toMillis() >= 1000
                && m.fitMillis().values().stream().mapToLong(Long::longValue).sum() < QUICK_FIT_MILLIS) {
            try {
                return fitNow(siteId);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Refitting the models of site " + siteId + " failed; serving version " + m.version(),
                        e);
            }
        }
        if (m == null) {
            try {
                // a small site's first fit takes milliseconds: wait for it a moment; a large one is served top-rated
                // meanwhile
                return fitInBackground(siteId).get(FIRST_FIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return null; // (a failed fit is logged where it ran, and tried again by the next request)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return m;
    }

    static final long FIRST_FIT_WAIT_MILLIS = 2000;
    /** The fit running in the background per site: at most one, gone once it ends. */
    private final Map<UUID, CompletableFuture<SiteModels>> fits = new ConcurrentHashMap<>();

    /** The site's fit in the background, started unless one is running. */
    private CompletableFuture<SiteModels> fitInBackground(UUID siteId) {
        CompletableFuture<SiteModels> fit = new CompletableFuture<>();
        CompletableFuture<SiteModels> running = fits.putIfAbsent(siteId, fit);
        if (running != null) {
            return running;
        }
        background.execute(() -> {
            try {
                SiteModels m = fitNow(siteId);
                fits.remove(siteId, fit);
                fit.complete(m);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Fitting the models of site " + siteId + " failed", e);
                fits.remove(siteId, fit);
                fit.completeExceptionally(e);
            }
        });
        return fit;
    }

    /**
     * Refits in the background once the data grew by a twentieth since the last fit, but not sooner than a hundred times
     * the last fit took (at least 2 s, at most 15 min): a young site's models follow its first events within seconds,
     * a large site's are not refit over and over under load (a fit competes with serving for the CPU; between fits each
     * person's own new events still change their lists at once).
     */
    private void refitIfStale(UUID siteId, long changed) {
        SiteModels m = models.get(siteId);
        if (m == null || changed < Math.max(1, m.interactions() / 20) || fits.containsKey(siteId)) {
            return;
        }
        long took = m.fitMillis().values().stream().mapToLong(Long::longValue).sum();
        long wait = Math.max(2_000, Math.min(900_000, took * 100));
        if (Duration.between(m.fittedAt(), Instant.now()).toMillis() >= wait) {
            fitInBackground(siteId);
        }
    }

    /** Served lists are kept this many days. */
    static final int KEEP_LOG_DAYS = 90;

    /** Refits the sites whose data changed since their last fit; drops served lists past their keeping time. */
    void refitChanged() {
        try {
            store.prune(KEEP_LOG_DAYS);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not prune old served lists", e);
        }
        for (var e : changes.entrySet()) {
            if (e.getValue().get() > 0 && models.containsKey(e.getKey())) {
                try {
                    fitNow(e.getKey());
                } catch (RuntimeException ex) {
                    LOG.log(Level.WARNING, "Refitting the models of site " + e.getKey() + " failed", ex);
                }
            }
        }
    }

    // ------------------------------------------------------------------ slots

    @Override
    public List<Slot> slots(UUID siteId) {
        return slots.get(siteId);
    }

    @Override
    public Slot saveSlot(UUID siteId, Slot s) {
        List<FieldError> errors = new ArrayList<>();
        if (s.slot() == null || !s.slot().matches("[A-Za-z0-9][A-Za-z0-9_-]{0,59}")) {
            errors.add(new FieldError("slot", "must be a slot name: letters, digits, _ and -"));
        }
        List<String> arms = s.arms() == null || s.arms().isEmpty() ? DEFAULT_ARMS : s.arms();
        if (s.strategy() == null || (!STRATEGIES.contains(s.strategy()) && !BANDIT.equals(s.strategy()))) {
            errors.add(new FieldError("strategy", "must be one of " + String.join(", ", STRATEGIES) + " or bandit"));
        } else if (BANDIT.equals(s.strategy())) {
            for (int i = 0; i < arms.size(); i++) {
                if (!STRATEGIES.contains(arms.get(i))) {
                    errors.add(new FieldError("arms/" + i, "must be one of " + String.join(", ", STRATEGIES)));
                }
            }
            if (arms.size() < 2 || arms.size() > 6 || new HashSet<>(arms).size() != arms.size()) {
                errors.add(new FieldError("arms", "must be 2 to 6 different strategies"));
            }
        }
        if (s.size() < 1 || s.size() > 50) {
            errors.add(new FieldError("size", "must be 1 to 50"));
        }
        if (s.title() != null && s.title().length() > 120) {
            errors.add(new FieldError("title", "at most 120 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid slot", errors);
        }
        Slot saved = new Slot(
                s.slot(),
                s.strategy(),
                BANDIT.equals(s.strategy()) ? List.copyOf(arms) : List.of(),
                s.size(),
                s.includeConsumed(),
                s.title() == null || s.title().isBlank() ? null : s.title().strip());
        store.saveSlot(siteId, saved);
        slots.invalidate(siteId);
        return saved;
    }

    private Slot slot(UUID siteId, String name) {
        return slots.get(siteId).stream()
                .filter(s -> s.slot().equals(name))
                .findFirst()
                .orElse(new Slot(name, DEFAULT_STRATEGY, List.of(), DEFAULT_SIZE, false, null));
    }

    @Override
    public List<ArmStats> arms(UUID siteId, String slotName) {
        List<ArmStats> out = new ArrayList<>();
        for (Object[] r : bandit.stats(siteId + "/" + slotName)) {
            out.add(new ArmStats((String) r[0], (String) r[1], (Long) r[2], (Long) r[3]));
        }
        out.sort(Comparator.comparing(ArmStats::context).thenComparing(ArmStats::arm));
        return out;
    }

    @Override
    public List<OffPolicyEstimate> offPolicy(UUID siteId, String slotName) {
        flushLog();
        List<Object[]> log = store.banditLog(siteId, slotName, 30);
        double[] rewards = new double[log.size()];
        double[] logging = new double[log.size()];
        TreeSet<String> armNames = new TreeSet<>();
        for (int i = 0; i < log.size(); i++) {
            rewards[i] = (Integer) log.get(i)[2];
            logging[i] = (Double) log.get(i)[1];
            armNames.add((String) log.get(i)[0]);
        }
        double logged = Arrays.stream(rewards).average().orElse(0);
        List<OffPolicyEstimate> out = new ArrayList<>();
        for (String arm : armNames) {
            // the target policy serves this arm always: probability 1 for its lists, 0 for the others
            double[] target = new double[log.size()];
            long lists = 0;
            for (int i = 0; i < log.size(); i++) {
                if (arm.equals(log.get(i)[0])) {
                    target[i] = 1;
                    lists++;
                }
            }
            var e = Statistics.offPolicy(rewards, logging, target);
            out.add(new OffPolicyEstimate(
                    arm, lists, logged, e.ips(), e.ipsStandardError(), e.snips(), e.effectiveSampleSize()));
        }
        return out;
    }

    // ------------------------------------------------------------------ serving

    @Override
    public Recommendations recommend(UUID siteId, String subject, String slotName, int n, String device) {
        return serve(siteId, subject, slotName, n, device, true);
    }

    @Override
    public Recommendations preview(UUID siteId, String subject, String slotName, int n) {
        return serve(siteId, subject, slotName, n, null, false);
    }

    private Recommendations serve(UUID siteId, String subject, String slotName, int n, String device, boolean live) {
        Slot slot = slot(siteId, slotName);
        int size = n > 0 ? Math.min(n, 50) : slot.size();
        boolean personal = subject != null && consent.current(siteId, subject).allows(Purpose.PERSONALIZATION);
        Instant now = Instant.now();
        Optional<SegmentRule.Facts> facts = personal ? profiles.facts(siteId, subject, now) : Optional.empty();
        String strategy = slot.strategy();
        String title = slot.title();
        String rule = null;
        if (personal && !rules.isUnsatisfied()) {
            Optional<RuleService.SlotChoice> choice =
                    live ? rules.get().slot(siteId, subject, slotName) : Optional.empty();
            if (choice.isPresent()) {
                strategy = choice.get().strategy();
                title = choice.get().title() != null ? choice.get().title() : title;
                rule = choice.get().rule();
            }
        }
        String context = device == null || device.isBlank() ? "unknown" : device;
        StrategyBandit.Choice choice = null;
        if (BANDIT.equals(strategy)) {
            List<String> arms = slot.arms().isEmpty() ? DEFAULT_ARMS : slot.arms();
            choice = bandit.choose(siteId + "/" + slotName, context, arms);
            strategy = choice.arm();
        }
        SiteModels m = modelsOf(siteId);
        Listing listing = list(
                siteId,
                subject,
                strategy,
                size,
                slot.includeConsumed(),
                facts.map(SegmentRule.Facts::profile).orElse(null),
                facts.map(SegmentRule.Facts::segments).orElse(Set.of()),
                m);
        // the probability each item had of being shown: under a bandit, summed over the arms that would list it
        Map<String, Double> itemPropensity = new HashMap<>();
        if (choice != null) {
            for (var arm : choice.probabilities().entrySet()) {
                Listing other = arm.getKey().equals(strategy)
                        ? listing
                        : list(
                                siteId,
                                subject,
                                arm.getKey(),
                                size,
                                slot.includeConsumed(),
                                facts.map(SegmentRule.Facts::profile).orElse(null),
                                facts.map(SegmentRule.Facts::segments).orElse(Set.of()),
                                m);
                for (Item i : other.items()) {
                    itemPropensity.merge(i.id(), arm.getValue(), Double::sum);
                }
            }
        }
        List<Item> items = new ArrayList<>();
        for (Item i : listing.items()) {
            items.add(new Item(
                    i.id(),
                    i.title(),
                    i.url(),
                    i.score(),
                    i.reason(),
                    choice == null ? 1.0 : Math.min(1, itemPropensity.getOrDefault(i.id(), 0d))));
        }
        UUID listId = UUID.randomUUID();
        String label = title != null ? title : listing.title();
        Recommendations r = new Recommendations(
                listId,
                slotName,
                choice == null ? listing.strategy() : BANDIT + "/" + listing.strategy(),
                label,
                m == null ? 0 : m.version(),
                List.copyOf(items),
                rule);
        if (live && personal) {
            log(
                    siteId,
                    subject,
                    r,
                    choice == null ? 1 : choice.propensity(),
                    context,
                    choice != null,
                    listing.strategy(),
                    now);
        }
        return r;
    }

    /** A list and what made it (the strategy actually used: a fallback when the named one has no model yet). */
    record Listing(String strategy, String title, List<Item> items) {}

    private Listing list(
            UUID siteId,
            String subject,
            String strategy,
            int size,
            boolean includeConsumed,
            Profile profile,
            Set<String> segments,
            SiteModels m) {
        if (strategy.equals("top_rated") || strategy.equals("top_rated_in_top_attribute") || m == null) {
            return topRated(siteId, subject, strategy.equals("top_rated_in_top_attribute") ? profile : null, size);
        }
        Model model = m.models().get(strategy);
        String used = strategy;
        if (model == null) {
            model = m.models().get("popular");
            used = "popular";
        }
        // the person's history: positive interest; what they disliked never comes back
        List<Integer> indices = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        Set<Integer> disliked = new HashSet<>();
        if (profile != null) {
            for (Profile.Score s : profile.items()) {
                int index = m.items().indexOf(s.key());
                if (index < 0) {
                    continue;
                }
                if (s.score() > 0) {
                    indices.add(index);
                    values.add(1f);
                } else if (s.score() < 0) {
                    disliked.add(index);
                }
            }
        }
        int[] idx = indices.stream().mapToInt(Integer::intValue).toArray();
        float[] val = new float[values.size()];
        for (int i = 0; i < val.length; i++) {
            val[i] = values.get(i);
        }
        SparseVector history = SparseVector.of(idx, val);
        BitSet unavailable = m.unavailable();
        IntPredicate excluded =
                i -> disliked.contains(i) || unavailable.get(i) || (!includeConsumed && history.contains(i));
        List<Item> items = new ArrayList<>();
        if (history.size() == 0 && !strategy.equals("content")) {
            // cold start: what is popular among the person's segments, else overall
            float[] scores = null;
            String segment = null;
            for (String s : segments) {
                float[] p = m.segmentPopularity().get(s);
                if (p != null) {
                    if (scores == null) {
                        scores = p.clone();
                        segment = s;
                    } else {
                        for (int i = 0; i < scores.length; i++) {
                            scores[i] += p[i];
                        }
                        segment = segment + ", " + s;
                    }
                }
            }
            if (scores != null) {
                for (int[] top : top(scores, size, excluded)) {
                    String id = m.items().id(top[0]);
                    items.add(item(m, id, Float.intBitsToFloat(top[1]), "popular in your segment " + segment));
                }
                return new Listing("segment_popular", "Popular with people like you", items);
            }
            model = m.models().get("popular");
            used = "popular";
        }
        for (ScoredItem s : model.recommend(history, size, excluded)) {
            Explanation why = model.explain(history, s.item());
            String reason = switch (why.reason()) {
                case HISTORY_ITEM -> "because you liked " + m.title(m.items().id(why.because()));
                case POPULAR -> "popular right now";
                case NONE -> "recommended for you";
            };
            items.add(item(m, m.items().id(s.item()), s.score(), reason));
        }
        return new Listing(used, history.size() == 0 ? "Popular now" : "Recommended for you", items);
    }

    private static Item item(SiteModels m, String id, double score, String reason) {
        SiteModels.CatalogEntry e = m.catalog().get(id);
        return new Item(
                id,
                e == null ? id : e.title(),
                e == null ? null : e.url(),
                Math.round(score * 1000) / 1000d,
                reason,
                1);
    }

    /** The {@code n} best (index, float bits of score) by score, leaving out what {@code excluded} accepts. */
    private static List<int[]> top(float[] scores, int n, IntPredicate excluded) {
        PriorityQueue<int[]> best =
                new PriorityQueue<>((a, b) -> Float.compare(Float.intBitsToFloat(a[1]), Float.intBitsToFloat(b[1])));
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] <= 0 || excluded.test(i)) {
                continue;
            }
            best.add(new int[] {i, Float.floatToIntBits(scores[i])});
            if (best.size() > n) {
                best.poll();
            }
        }
        List<int[]> out = new ArrayList<>(best);
        out.sort((a, b) -> Float.compare(Float.intBitsToFloat(b[1]), Float.intBitsToFloat(a[1])));
        return out;
    }

    /** The site's top-rated named items (damped mean rating), optionally within the person's favourite attribute. */
    private Listing topRated(UUID siteId, String subject, Profile favourite, int size) {
        String category = favourite == null
                ? null
                : favourite.attributes().stream()
                        .filter(a -> a.score() > 0)
                        .findFirst()
                        .map(Profile.Score::key)
                        .orElse(null);
        List<JdbcPicks.Pick> chosen = category == null ? List.of() : picks.topRated(siteId, subject, size, 3, category);
        String used = category == null || chosen.isEmpty() ? "top_rated" : "top_rated_in_top_attribute";
        if (chosen.isEmpty()) {
            chosen = picks.topRated(siteId, subject, size, 3);
        }
        List<Item> items = new ArrayList<>();
        for (JdbcPicks.Pick p : chosen) {
            items.add(new Item(
                    p.itemId(),
                    p.title(),
                    p.url(),
                    Math.round(p.score() * 100) / 100.0,
                    String.format(
                            Locale.ROOT,
                            "★ %.1f from %d rating%s",
                            p.average(),
                            p.ratings(),
                            p.ratings() == 1 ? "" : "s"),
                    1));
        }
        return new Listing(used, "Top picks", items);
    }

    // ------------------------------------------------------------------ logging and rewards

    private void log(
            UUID siteId,
            String subject,
            Recommendations r,
            double propensity,
            String context,
            boolean isBandit,
            String arm,
            Instant at) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        for (int i = 0; i < r.items().size(); i++) {
            Item it = r.items().get(i);
            items.add(JSON.createObjectBuilder()
                    .add("item", it.id())
                    .add("position", i + 1)
                    .add("propensity", it.propensity()));
        }
        toLog.add(new JdbcRecommendations.Served(
                r.listId(),
                siteId,
                subject,
                r.slot(),
                isBandit ? "bandit/" + arm : arm,
                context,
                propensity,
                r.modelVersion(),
                items.build().toString(),
                at));
        Deque<Served> lists = recent.get(siteId + "|" + subject, k -> new ArrayDeque<>());
        synchronized (lists) {
            lists.addLast(new Served(
                    r.listId(),
                    r.slot(),
                    arm,
                    isBandit,
                    context,
                    r.items().stream().map(Item::id).toList(),
                    at));
            while (lists.size() > 20) {
                lists.removeFirst();
            }
        }
        if (isBandit) {
            bandit.served(siteId + "/" + r.slot(), context, arm);
        }
    }

    /**
     * Writes the served lists waiting in memory. One at a time: a caller that needs what was served written when it
     * returns (a reward updates its list's row; a withdrawal deletes the subject's rows next) must also wait for a
     * write another thread has in progress, or that write lands after it.
     */
    synchronized void flushLog() {
        List<JdbcRecommendations.Served> batch = new ArrayList<>();
        for (JdbcRecommendations.Served s; batch.size() < 5000 && (s = toLog.poll()) != null; ) {
            batch.add(s);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.log(batch);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not log " + batch.size() + " served lists", e);
        }
    }

    /** Whether the event is a reward for an item shown: a click, cart, purchase, rating of 4 or more, or a thumbs up. */
    static boolean rewarding(FeedbackReceived e) {
        if (e.itemId() == null) {
            return false;
        }
        return switch (e.type()) {
            case "click", "add_to_cart", "purchase" -> true;
            case "rating" -> e.value() != null && e.value().doubleValue() >= 4;
            case "thumbs" -> e.value() != null && e.value().signum() > 0;
            default -> false;
        };
    }

    /**
     * After the pipeline committed the event (its profile is updated): the model's staleness, the reward of a list
     * that showed its item, then fresh lists for the visitor's open widget.
     */
    public void afterEvent(FeedbackReceived event) {
        long changed =
                changes.computeIfAbsent(event.siteId(), k -> new AtomicLong()).incrementAndGet();
        refitIfStale(event.siteId(), changed);
        if (event.subjectId() == null) {
            return;
        }
        try {
            if (rewarding(event)) {
                reward(event);
            }
            if (visitors.connected(event.siteId(), event.subjectId())) {
                for (String slot : visitors.slots(event.siteId(), event.subjectId())) {
                    push(event.siteId(), event.subjectId(), slot, false);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Updating the recommendations of a visitor failed", e);
        }
    }

    private void reward(FeedbackReceived event) {
        Deque<Served> lists = recent.getIfPresent(event.siteId() + "|" + event.subjectId());
        if (lists == null) {
            return;
        }
        Served hit = null;
        synchronized (lists) {
            Instant since = Instant.now().minus(Duration.ofMinutes(REWARD_MINUTES));
            for (var it = lists.descendingIterator(); it.hasNext(); ) {
                Served s = it.next();
                if (s.at().isAfter(since) && s.items().contains(event.itemId())) {
                    hit = s;
                    break;
                }
            }
            if (hit != null) {
                Served rewarded = hit;
                lists.removeIf(s -> s.listId().equals(rewarded.listId())); // one reward per list
            }
        }
        if (hit != null) {
            Served s = hit;
            if (s.bandit()) {
                bandit.rewarded(event.siteId() + "/" + s.slot(), s.context(), s.arm());
            }
            background.execute(() -> {
                flushLog(); // the list's row first
                store.rewarded(s.listId(), event.itemId(), Instant.now());
            });
        }
    }

    void onSlots(@Observes SlotsRequested request) {
        try {
            for (String slot : request.slots()) {
                push(request.siteId(), request.subjectId(), slot, true);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not fill the slots " + request.slots(), e);
        }
    }

    /** Pushes the slot's list to the visitor's open widget (only when it changed, unless {@code always}). */
    private void push(UUID siteId, String subject, String slot, boolean always) {
        Recommendations r = recommend(siteId, subject, slot, 0, null);
        List<String> ids = r.items().stream().map(Item::id).toList();
        String key = siteId + "|" + subject + "|" + slot;
        if (!always && ids.equals(pushed.getIfPresent(key))) {
            return;
        }
        pushed.put(key, ids);
        visitors.push(siteId, subject, "recommendations", message(r));
    }

    static JsonObject message(Recommendations r) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        for (Item i : r.items()) {
            var o = JSON.createObjectBuilder()
                    .add("id", i.id())
                    .add("title", i.title())
                    .add("score", i.score())
                    .add("reason", i.reason());
            if (i.url() != null) {
                o.add("url", i.url());
            }
            items.add(o);
        }
        var m = JSON.createObjectBuilder()
                .add("slot", r.slot())
                .add("strategy", r.strategy())
                .add("title", r.title())
                .add("listId", r.listId().toString())
                .add("modelVersion", r.modelVersion())
                .add("items", items);
        if (r.rule() != null) {
            m.add("rule", r.rule());
        }
        return m.build();
    }

    void onWithdrawal(@Observes ConsentWithdrawn withdrawn) {
        if (withdrawn.purposes().contains(Purpose.PERSONALIZATION)) {
            recent.invalidate(withdrawn.siteId() + "|" + withdrawn.subjectId());
            pushed.asMap().keySet().removeIf(k -> k.startsWith(withdrawn.siteId() + "|" + withdrawn.subjectId() + "|"));
            flushLog();
            store.forget(withdrawn.siteId(), withdrawn.subjectId());
        }
    }
}
