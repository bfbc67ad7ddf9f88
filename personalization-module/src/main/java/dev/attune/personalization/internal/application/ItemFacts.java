package dev.attune.personalization.internal.application;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.ConsentWithdrawn;
import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.Purpose;
import dev.attune.personalization.internal.persistence.JdbcItemRatingStatsRepository;
import dev.attune.personalization.internal.persistence.JdbcPicks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What events tell about items: each rating counted into its item's statistics (and remembered for subjects who
 * allow personalization), and the title, categories and URL that events carry. Both in the pipeline's transaction.
 */
@ApplicationScoped
public class ItemFacts {

    @Inject
    JdbcItemRatingStatsRepository stats;

    @Inject
    JdbcPicks picks;

    /** One round trip for the batch's ratings. */
    public void countRatings(List<FeedbackReceived> events, Predicate<FeedbackReceived> personalized) {
        List<JdbcItemRatingStatsRepository.Rating> ratings = new ArrayList<>();
        for (FeedbackReceived event : events) {
            if (EventType.RATING.wireName().equals(event.type()) && event.itemId() != null && event.value() != null) {
                ratings.add(new JdbcItemRatingStatsRepository.Rating(
                        event.siteId(),
                        event.eventId(),
                        personalized.test(event) ? event.subjectId() : null,
                        event.itemId(),
                        event.value(),
                        event.occurredAt()));
            }
        }
        stats.addRatings(ratings);
    }

    /** Item attributes carried by the batch's events. */
    public void learnItems(List<FeedbackReceived> events) {
        // in item order (stable: an item's latest event still writes last), so relay workers writing the same items
        // lock their rows in one order and wait for each other instead of deadlocking
        events.stream()
                .filter(e -> e.itemId() != null
                        && e.propertiesJson() != null
                        && e.propertiesJson().contains("\"title\""))
                .sorted(Comparator.comparing((FeedbackReceived e) -> e.siteId())
                        .thenComparing(FeedbackReceived::itemId))
                .forEach(this::learnItem);
    }

    /** What the subject rated goes with their personalization consent. */
    void onWithdrawal(@Observes ConsentWithdrawn withdrawn) {
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
        if (!(p.get("title") instanceof JsonString title)
                || title.getString().isBlank()
                || title.getString().length() > 300) {
            return;
        }
        List<String> categories = new ArrayList<>();
        for (String field : List.of("genres", "categories")) {
            if (p.get(field) instanceof JsonArray array) {
                for (JsonValue v : array) {
                    if (v instanceof JsonString s
                            && !s.getString().isBlank()
                            && s.getString().length() <= 100
                            && categories.size() < 20) {
                        categories.add(s.getString());
                    }
                }
            }
        }
        if (categories.isEmpty()
                && p.get("category") instanceof JsonString c
                && !c.getString().isBlank()
                && c.getString().length() <= 100) {
            categories.add(c.getString());
        }
        String url = p.get("url") instanceof JsonString u && u.getString().matches("https?://\\S{1,2000}")
                ? u.getString()
                : null;
        picks.upsertItem(event.siteId(), event.itemId(), title.getString().strip(), categories, url);
    }
}
