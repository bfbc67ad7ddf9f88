package dev.attune.feedback.api;

import java.util.Locale;

/** The two keys of a site: public for browsers (bound to origins), secret for servers. */
public enum KeyKind {
    PUBLIC,
    SECRET;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
