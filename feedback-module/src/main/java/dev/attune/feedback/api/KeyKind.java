package dev.attune.feedback.api;

/** The two keys of a site: public for browsers (bound to origins), secret for servers. */
public enum KeyKind {
    PUBLIC, SECRET;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
