package dev.attune.personalization.internal.application;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.ConsentWithdrawn;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.api.SlotsRequested;
import dev.attune.feedback.api.VisitorChannel;
import dev.attune.personalization.api.RuleService;
import java.util.List;
import dev.attune.personalization.internal.persistence.JdbcPicks;
import dev.attune.personalization.internal.persistence.JdbcPicks.Pick;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fills widget recommendation slots with the site's top-rated named items, leaving out what the visitor rated, and
 * pushes a fresh list to the visitor's open sockets after each of their ratings: the first, simplest turn of the
 * feedback loop (the recommendation strategies proper come with the recommendations work).
 */
@ApplicationScoped
public class TopPicks {
    private static final Logger LOG = Logger.getLogger(TopPicks.class.getName());
    static final int SIZE = 6;
    static final int PRIOR_RATINGS = 3;

    @Inject
    JdbcPicks picks;

    @Inject
    VisitorChannel visitors;

    @Inject
    jakarta.enterprise.inject.Instance<RuleService> rules;

    @Inject
    dev.attune.personalization.api.ProfileService profiles;

    void onSlots(@Observes SlotsRequested request) {
        try {
            for (String slot : request.slots()) {
                visitors.push(request.siteId(), request.subjectId(), "recommendations", message(request.siteId(), request.subjectId(), slot));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not fill the slots " + request.slots(), e);
        }
    }

    /** After the visitor's own rating was counted: their slots again, without what they just rated. */
    void refresh(UUID siteId, String subjectId) {
        for (String slot : visitors.slots(siteId, subjectId)) {
            visitors.push(siteId, subjectId, "recommendations", message(siteId, subjectId, slot));
        }
    }

    void onWithdrawal(@Observes ConsentWithdrawn withdrawn) {
        if (withdrawn.purposes().contains(Purpose.PERSONALIZATION)) {
            picks.forgetSubject(withdrawn.siteId(), withdrawn.subjectId());
        }
    }

    JsonObject message(UUID siteId, String subjectId, String slot) {
        // a slot rule may choose the strategy (and title) of this slot for this person
        RuleService.SlotChoice choice = rules.isUnsatisfied() ? null : rules.get().slot(siteId, subjectId, slot).orElse(null);
        String category = null;
        if (choice != null && choice.strategy().equals("top_rated_in_top_attribute")) {
            category = profiles.find(siteId, subjectId).flatMap(p -> p.attributes().stream().filter(a -> a.score() > 0).findFirst())
                    .map(dev.attune.personalization.api.Profile.Score::key).orElse(null);
        }
        List<Pick> chosen = category == null ? List.of() : picks.topRated(siteId, subjectId, SIZE, PRIOR_RATINGS, category);
        String strategy = chosen.isEmpty() ? "top_rated" : choice.strategy();
        if (chosen.isEmpty()) {
            chosen = picks.topRated(siteId, subjectId, SIZE, PRIOR_RATINGS);
        }
        JsonArrayBuilder items = JSON.createArrayBuilder();
        for (Pick p : chosen) {
            var item = JSON.createObjectBuilder().add("id", p.itemId()).add("title", p.title())
                    .add("score", Math.round(p.score() * 100) / 100.0)
                    .add("reason", String.format(Locale.ROOT, "★ %.1f from %d rating%s", p.average(), p.ratings(), p.ratings() == 1 ? "" : "s"));
            if (p.url() != null) {
                item.add("url", p.url());
            }
            items.add(item);
        }
        var message = JSON.createObjectBuilder().add("slot", slot).add("strategy", strategy)
                .add("title", choice != null && choice.title() != null ? choice.title() : "Top picks").add("items", items);
        if (choice != null) {
            message.add("rule", choice.rule());
        }
        return message.build();
    }
}
