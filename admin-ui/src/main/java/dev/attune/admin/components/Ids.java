package dev.attune.admin.components;

import java.util.Optional;
import java.util.UUID;

/** Ids as the console shows and reads them. */
public final class Ids {

    private Ids() {}

    /** The first eight characters of a person id: enough to tell persons apart on a screen. */
    public static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    /** The UUID typed or pasted (surrounding blanks ignored), or empty when it is none. */
    public static Optional<UUID> uuid(String s) {
        try {
            return Optional.of(UUID.fromString(s.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
