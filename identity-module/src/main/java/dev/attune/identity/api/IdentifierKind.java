package dev.attune.identity.api;

import java.util.Locale;
import java.util.Optional;

/**
 * Kinds of identifiers. Only {@link #USER} ids are authoritative: two different user ids never merge automatically.
 * A {@link #CLAIMED_USER} is a user id a browser claimed without the site's verification: claims join each other but
 * never a person holding a verified user id.
 */
public enum IdentifierKind {
    /** The widget's random anonymous id: the subject every module keys its data by. */
    ANONYMOUS,
    DEVICE,
    USER,
    CLAIMED_USER,
    EMAIL,
    PHONE,
    CUSTOM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IdentifierKind> fromWire(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (IdentifierKind k : values()) {
            if (k.wireName().equals(s)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
