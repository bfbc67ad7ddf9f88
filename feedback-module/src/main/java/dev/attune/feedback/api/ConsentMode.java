package dev.attune.feedback.api;

import java.util.Locale;

/**
 * How a site treats subjects who have not chosen: {@code EXPLICIT} grants nothing beyond necessary until they do
 * (opt-in); {@code IMPLIED} assumes analytics, personalization and experiments until withdrawn. Marketing always
 * needs an explicit grant.
 */
public enum ConsentMode {
    EXPLICIT,
    IMPLIED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
