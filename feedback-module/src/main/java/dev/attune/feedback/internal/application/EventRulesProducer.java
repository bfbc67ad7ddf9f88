package dev.attune.feedback.internal.application;

import dev.attune.feedback.internal.domain.EventRules;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The event rules with this installation's tolerances, made once and shared by every ingest channel. */
@ApplicationScoped
public class EventRulesProducer {
    @Inject
    @ConfigProperty(name = "attune.events.max-future-skew-seconds", defaultValue = "300")
    long skewSeconds;

    @Inject
    @ConfigProperty(name = "attune.events.max-age-days", defaultValue = "30")
    long maxAgeDays;

    private EventRules rules;

    @PostConstruct
    void init() {
        rules = new EventRules(Duration.ofSeconds(skewSeconds), Duration.ofDays(maxAgeDays));
    }

    @Produces
    EventRules rules() {
        return rules;
    }
}
