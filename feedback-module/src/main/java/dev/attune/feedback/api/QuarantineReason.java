package dev.attune.feedback.api;

import java.util.Locale;

/** Why an event was held back from the event store. */
public enum QuarantineReason {
    /** The user agent is on the open crawler-user-agents list. */
    BOT_USER_AGENT,
    /** A honeypot field (hidden from people, filled by form bots) has a value: {@code properties._hp}. */
    HONEYPOT,
    /** Free text that looks like spam: several links, long runs of one character, no letters. */
    SPAM_TEXT,
    /** The same free text arrived many times within minutes. */
    DUPLICATE_TEXT,
    /** A value no person produces (e.g. one page open for more than six hours, a purchase over a million). */
    IMPLAUSIBLE_VALUE,
    /** One subject sent more events than a person can in the time. */
    SUBJECT_RATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static QuarantineReason fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
