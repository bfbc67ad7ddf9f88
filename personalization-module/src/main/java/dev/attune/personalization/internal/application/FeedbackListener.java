package dev.attune.personalization.internal.application;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.FeedbackBatchReceived;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.Purpose;
import dev.attune.personalization.internal.persistence.JdbcItemRatingStatsRepository;
import dev.attune.personalization.internal.persistence.JdbcPicks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Learns from feedback only once the feedback module has committed it: a batch's ratings are counted before any of
 * its events reaches the profiles and the recommendations pushed to open widgets, so those see them.
 */
@ApplicationScoped
public class FeedbackListener {

    @Inject
    JdbcItemRatingStatsRepository stats;

    @Inject
    JdbcPicks picks;

    @Inject
    ConsentService consent;

    /** One round trip for the batch: each rating counted for its item, and remembered for subjects who allow personalization. */
    void onBatch(@Observes(during = TransactionPhase.AFTER_SUCCESS) FeedbackBatchReceived batch) {
        List<FeedbackReceived> rated = batch.events().stream()
                .filter(e -> EventType.RATING.wireName().equals(e.type()) && e.itemId() != null && e.value() != null).toList();
        java.util.function.Predicate<FeedbackReceived> personalized = BatchConsent.allowing(consent, rated, Purpose.PERSONALIZATION);
        List<JdbcItemRatingStatsRepository.Rating> ratings = new ArrayList<>();
        for (FeedbackReceived event : rated) {
            ratings.add(new JdbcItemRatingStatsRepository.Rating(event.siteId(), event.eventId(),
                    personalized.test(event) ? event.subjectId() : null, event.itemId(), event.value(), event.occurredAt()));
        }
        stats.addRatingsOnce(ratings);
    }

    void onFeedback(@Observes(during = TransactionPhase.AFTER_SUCCESS)
                    @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE + 10) FeedbackReceived event) {
        if (event.itemId() != null && event.propertiesJson() != null && event.propertiesJson().contains("\"title\"")) {
            learnItem(event);
        }
    }

    /** What the subject rated goes with their personalization consent. */
    void onWithdrawal(@Observes dev.attune.feedback.api.ConsentWithdrawn withdrawn) {
        if (withdrawn.purposes().contains(Purpose.PERSONALIZATION)) {
            picks.forgetSubject(withdrawn.siteId(), withdrawn.subjectId());
        }
    }

    /** Item attributes carried by events: properties.title, .genres or .categories (or .category), .url. */
    private void learnItem(FeedbackReceived event) {
        JsonObject p;
        try {
            p = JSON.createReader(new StringReader(event.propertiesJson())).readObject();
        } catch (RuntimeException e) {
            return;
        }
        if (!(p.get("title") instanceof JsonString title) || title.getString().isBlank() || title.getString().length() > 300) {
            return;
        }
        List<String> categories = new ArrayList<>();
        for (String field : List.of("genres", "categories")) {
            if (p.get(field) instanceof jakarta.json.JsonArray array) {
                for (JsonValue v : array) {
                    if (v instanceof JsonString s && !s.getString().isBlank() && s.getString().length() <= 100 && categories.size() < 20) {
                        categories.add(s.getString());
                    }
                }
            }
        }
        if (categories.isEmpty() && p.get("category") instanceof JsonString c && !c.getString().isBlank() && c.getString().length() <= 100) {
            categories.add(c.getString());
        }
        String url = p.get("url") instanceof JsonString u && u.getString().matches("https?://\\S{1,2000}") ? u.getString() : null;
        picks.upsertItem(event.siteId(), event.itemId(), title.getString().strip(), categories, url);
    }
}
