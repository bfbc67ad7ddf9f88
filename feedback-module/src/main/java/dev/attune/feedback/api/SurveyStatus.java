package dev.attune.feedback.api;

import java.util.Locale;
import java.util.Optional;

/** A survey is edited as a draft, shown while active, held back while paused. */
public enum SurveyStatus {
    DRAFT,
    ACTIVE,
    PAUSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SurveyStatus> fromWire(String name) {
        for (SurveyStatus s : values()) {
            if (s.wireName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
