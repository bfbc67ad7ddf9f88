package dev.attune.feedback.internal.integrity;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.IngestSource;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.api.QuarantineReason;
import io.github.bucket4j.Bucket;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides whether an event looks like it came from a person. The first reason that applies wins; an event with a
 * reason is quarantined, not dropped. Checks, cheapest first: honeypot, implausible values, text, bots by user agent,
 * the subject's rate.
 */
@ApplicationScoped
public class IntegrityScreen {
    /** A field hidden from people in the widget's forms; only form-filling bots give it a value. */
    public static final String HONEYPOT_PROPERTY = "_hp";

    static final long MAX_PLAUSIBLE_DWELL_SECONDS = 6 * 3600;
    static final BigDecimal MAX_PLAUSIBLE_AMOUNT = new BigDecimal("1000000");
    static final int MIN_TRACKED_TEXT_LENGTH = 20;
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern CHARACTER_RUN = Pattern.compile("(.)\\1{19,}");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    /** Why an event is held back, and the particulars (the matched pattern, the value, the count). */
    public record Suspicion(QuarantineReason reason, String detail) {}

    @Inject
    @ConfigProperty(name = "attune.integrity.subject-events-per-minute", defaultValue = "120")
    long subjectEventsPerMinute;

    @Inject
    @ConfigProperty(name = "attune.integrity.duplicate-text-limit", defaultValue = "5")
    int duplicateTextLimit;

    private BotUserAgents bots;
    private Cache<String, Optional<String>> verdicts;
    private Cache<String, AtomicInteger> texts;
    private Cache<SubjectKey, Bucket> subjects;

    private record SubjectKey(UUID siteId, String subjectId) {}

    @PostConstruct
    void init() {
        bots = BotUserAgents.bundled();
        verdicts = Caffeine.newBuilder().maximumSize(50_000).build();
        texts = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .build();
        // a bucket left alone for its refill period is full again, the same as a new one: keeping it longer holds
        // memory for nothing (one per visitor seen); removed on time even when no event comes to trigger it
        subjects = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterAccess(Duration.ofMinutes(1))
                .scheduler(Scheduler.systemScheduler())
                .build();
    }

    /** For tests outside a container. */
    static IntegrityScreen create(long subjectEventsPerMinute, int duplicateTextLimit) {
        IntegrityScreen screen = new IntegrityScreen();
        screen.subjectEventsPerMinute = subjectEventsPerMinute;
        screen.duplicateTextLimit = duplicateTextLimit;
        screen.init();
        return screen;
    }

    public Optional<Suspicion> screen(UUID siteId, NewFeedbackEvent event, IngestSource source) {
        Suspicion found = honeypot(event);
        if (found == null) {
            found = implausible(event);
        }
        if (found == null) {
            found = text(siteId, event);
        }
        if (found == null && source.browser()) {
            // a server integration's own user agent (curl, python-requests, Java) is not the visitor's
            found = bot(source.userAgent());
        }
        if (found == null && event.contextJson() != null && event.contextJson().contains("\"userAgent\"")) {
            found = bot(string(event.contextJson(), "userAgent"));
        }
        if (found == null) {
            found = rate(siteId, event.subjectId());
        }
        return Optional.ofNullable(found);
    }

    private static Suspicion honeypot(NewFeedbackEvent event) {
        String properties = event.propertiesJson();
        if (properties == null || !properties.contains("\"" + HONEYPOT_PROPERTY + "\"")) {
            return null;
        }
        String value = string(properties, HONEYPOT_PROPERTY);
        return value == null || value.isEmpty()
                ? null
                : new Suspicion(QuarantineReason.HONEYPOT, "properties." + HONEYPOT_PROPERTY + " was filled in");
    }

    private static Suspicion implausible(NewFeedbackEvent event) {
        if (event.value() == null) {
            return null;
        }
        if (event.type() == EventType.DWELL && event.value().longValue() > MAX_PLAUSIBLE_DWELL_SECONDS) {
            return new Suspicion(
                    QuarantineReason.IMPLAUSIBLE_VALUE,
                    "dwell of " + event.value().toPlainString() + " s is more than "
                            + MAX_PLAUSIBLE_DWELL_SECONDS / 3600 + " hours on one page");
        }
        if ((event.type() == EventType.PURCHASE || event.type() == EventType.ADD_TO_CART)
                && event.value().compareTo(MAX_PLAUSIBLE_AMOUNT) > 0) {
            return new Suspicion(
                    QuarantineReason.IMPLAUSIBLE_VALUE,
                    "amount " + event.value().toPlainString() + " is over " + MAX_PLAUSIBLE_AMOUNT.toPlainString());
        }
        return null;
    }

    private Suspicion text(UUID siteId, NewFeedbackEvent event) {
        String text = event.text();
        if (text == null || text.isBlank()) {
            return null;
        }
        long links = LINK.matcher(text).results().count();
        if (links >= 3) {
            return new Suspicion(QuarantineReason.SPAM_TEXT, links + " links in the text");
        }
        if (CHARACTER_RUN.matcher(text).find()) {
            return new Suspicion(QuarantineReason.SPAM_TEXT, "a run of 20 or more of the same character");
        }
        if (text.length() >= MIN_TRACKED_TEXT_LENGTH && !LETTER.matcher(text).find()) {
            return new Suspicion(QuarantineReason.SPAM_TEXT, "no letters in " + text.length() + " characters");
        }
        String normalized =
                text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        if (normalized.length() < MIN_TRACKED_TEXT_LENGTH) {
            return null; // "great", "thanks!": common short answers repeat honestly
        }
        int seen = texts.get(siteId + "\u0000" + normalized, k -> new AtomicInteger())
                .incrementAndGet();
        return seen > duplicateTextLimit
                ? new Suspicion(QuarantineReason.DUPLICATE_TEXT, "the same text " + seen + " times within 10 minutes")
                : null;
    }

    private Suspicion bot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String ua = userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent;
        return verdicts.get(ua, bots::match)
                .map(p -> new Suspicion(QuarantineReason.BOT_USER_AGENT, "user agent matches " + p))
                .orElse(null);
    }

    private Suspicion rate(UUID siteId, String subjectId) {
        Bucket bucket = subjects.get(
                new SubjectKey(siteId, subjectId),
                k -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(subjectEventsPerMinute)
                                .refillGreedy(subjectEventsPerMinute, Duration.ofMinutes(1)))
                        .build());
        return bucket.tryConsume(1)
                ? null
                : new Suspicion(
                        QuarantineReason.SUBJECT_RATE,
                        "more than " + subjectEventsPerMinute + " events a minute from one subject");
    }

    private static String string(String json, String field) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            return object.get(field) instanceof JsonString s ? s.getString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
