package dev.attune.feedback.internal.application;

import dev.attune.feedback.internal.domain.EventRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The event rules with this installation's tolerances, shared by every ingest channel. */
@ApplicationScoped
public class EventRulesProducer {

    @Produces
    EventRules rules(@ConfigProperty(name = "attune.events.max-future-skew-seconds", defaultValue = "300") long skewSeconds,
                     @ConfigProperty(name = "attune.events.max-age-days", defaultValue = "30") long maxAgeDays) {
        return new EventRules(Duration.ofSeconds(skewSeconds), Duration.ofDays(maxAgeDays));
    }
}
