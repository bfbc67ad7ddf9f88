package dev.attune.personalization.internal.application;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.ConsentWithdrawn;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.api.SlotsRequested;
import dev.attune.feedback.api.VisitorChannel;
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
        JsonArrayBuilder items = JSON.createArrayBuilder();
        for (Pick p : picks.topRated(siteId, subjectId, SIZE, PRIOR_RATINGS)) {
            var item = JSON.createObjectBuilder().add("id", p.itemId()).add("title", p.title())
                    .add("score", Math.round(p.score() * 100) / 100.0)
                    .add("reason", String.format(Locale.ROOT, "★ %.1f from %d rating%s", p.average(), p.ratings(), p.ratings() == 1 ? "" : "s"));
            if (p.url() != null) {
                item.add("url", p.url());
            }
            items.add(item);
        }
        return JSON.createObjectBuilder().add("slot", slot).add("strategy", "top_rated").add("title", "Top picks")
                .add("items", items).build();
    }
}
