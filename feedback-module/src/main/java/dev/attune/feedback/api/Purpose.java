package dev.attune.feedback.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a subject's data may be used for. {@code necessary} is always granted: it is what the site needs to work. */
public enum Purpose {
    NECESSARY,
    ANALYTICS,
    PERSONALIZATION,
    EXPERIMENTS,
    MARKETING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Purpose> fromWire(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }
}
