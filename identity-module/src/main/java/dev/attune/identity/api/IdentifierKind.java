package dev.attune.identity.api;

import java.util.Locale;
import java.util.Optional;

/** Kinds of identifiers. Only {@link #USER} ids are authoritative: two different user ids never merge automatically. */
public enum IdentifierKind {
    /** The widget's random anonymous id: the subject every module keys its data by. */
    ANONYMOUS,
    DEVICE,
    USER,
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
