package dev.attune.personalization.internal.enrichment;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.personalization.api.EventEnrichment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What an event tells beyond itself: language and sentiment of its text, device, browser and OS from the user agent,
 * local time, referrer class, session depth, keywords. Pure computation except the session depth, which counts page
 * views per session: a batch counts on top of what committed batches counted and adds its own only once it commits
 * ({@link Sessions#commit}), so a batch retried after a failure counts its page views once.
 */
@ApplicationScoped
public class Enricher {

    /** Page views per session counted by committed batches, per instance. */
    private final Cache<String, AtomicInteger> sessions = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(30))
            .build();

    /** A batch's page views per session, added to the committed counts by {@link #commit}. */
    public final class Sessions {
        private final Map<String, Integer> counted = new HashMap<>();

        private int depth(String session, boolean pageView) {
            AtomicInteger committed = sessions.getIfPresent(session);
            int own = counted.getOrDefault(session, 0) + (pageView ? 1 : 0);
            if (pageView) {
                counted.put(session, own);
            }
            return (committed == null ? 0 : committed.get()) + own;
        }

        public void commit() {
            counted.forEach((session, views) ->
                    sessions.get(session, k -> new AtomicInteger()).addAndGet(views));
        }
    }

    /** The batch's enrichments in its order, and its session counts to commit with it. */
    public record Batch(List<EventEnrichment> enrichments, Sessions sessions) {}

    public Batch enrich(List<FeedbackReceived> events) {
        Sessions counts = new Sessions();
        List<EventEnrichment> out = new ArrayList<>(events.size());
        for (FeedbackReceived e : events) {
            out.add(enrich(e, counts));
        }
        return new Batch(out, counts);
    }

    /** One event without a session depth (a rebuild from stored events). */
    public EventEnrichment enrich(FeedbackReceived e) {
        return enrich(e, null);
    }

    private EventEnrichment enrich(FeedbackReceived e, Sessions counts) {
        try {
            return derive(e, counts);
        } catch (RuntimeException | LinkageError ex) {
            // an event is never held back by what it tells beyond itself: kept without derived fields
            Logger.getLogger(Enricher.class.getName())
                    .log(Level.WARNING, "Enriching event " + e.eventId() + " failed; kept without derived fields", ex);
            return new EventEnrichment(
                    e.siteId(),
                    e.eventId(),
                    e.subjectId(),
                    e.type(),
                    e.occurredAt(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of());
        }
    }

    private static EventEnrichment derive(FeedbackReceived e, Sessions counts) {
        JsonObject context = object(e.contextJson());
        UserAgents.Parsed agent = UserAgents.parse(string(context, "userAgent"));
        String device = agent.deviceClass() != null ? agent.deviceClass() : string(context, "device");
        Sentiment.Result sentiment = e.text() == null || e.text().isBlank()
                ? null
                : Sentiment.load().analyze(e.text(), string(context, "locale"));
        int[] local = Contexts.localTime(e.occurredAt(), string(context, "timeZone"));
        String url = string(context, "url");
        String referrer = string(context, "referrer");
        String session = string(context, "sessionId");
        Integer depth = session != null && counts != null
                ? counts.depth(e.siteId() + "|" + session, "page_view".equals(e.type()))
                : null;
        boolean english = sentiment != null && sentiment.label() != Sentiment.Label.UNKNOWN;
        return new EventEnrichment(
                e.siteId(),
                e.eventId(),
                e.subjectId(),
                e.type(),
                e.occurredAt(),
                sentiment == null ? null : sentiment.language(),
                sentiment == null ? null : sentiment.compound(),
                sentiment == null ? null : sentiment.label().name().toLowerCase(Locale.ROOT),
                device,
                agent.browser(),
                agent.os(),
                local == null ? null : local[0],
                local == null ? null : local[1],
                url == null && referrer == null ? null : Contexts.referrerClass(referrer, url),
                depth,
                english ? Contexts.keywords(e.text()) : List.of());
    }

    private static JsonObject object(String json) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return JSON.createReader(new StringReader(json)).readObject();
        } catch (RuntimeException ex) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static String string(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
    }
}
