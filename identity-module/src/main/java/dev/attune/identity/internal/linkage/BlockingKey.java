package dev.attune.identity.internal.linkage;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * One way of putting records into blocks: records with the same key become candidate pairs. A key is made of parts,
 * each a transform of one field; a record missing any part has no key (and is paired through other keys). Several keys
 * are used together (the union of their pairs), so that one noisy field does not cap recall.
 *
 * @param name      name in reports
 * @param parts     the parts, joined
 * @param unordered whether the part values are sorted before joining, so a key on two name fields also pairs records
 *                  whose names are swapped
 */
public record BlockingKey(String name, List<Part> parts, boolean unordered) {
    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    public BlockingKey {
        parts = List.copyOf(parts);
    }

    /** A key of the parts in order. */
    public static BlockingKey of(String name, Part... parts) {
        return new BlockingKey(name, List.of(parts), false);
    }

    /** A key of the parts in any order. */
    public static BlockingKey unordered(String name, Part... parts) {
        return new BlockingKey(name, List.of(parts), true);
    }

    /** The key of a record, or null when a part is missing. */
    public String of(LinkRecord record) {
        String[] values = new String[parts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = parts.get(i).of(record);
            if (values[i] == null) {
                return null;
            }
        }
        if (unordered) {
            Arrays.sort(values);
        }
        return String.join("|", values);
    }

    /**
     * One field through one transform.
     *
     * @param field     the field
     * @param transform what of its value the key takes
     * @param length    characters taken by {@link Transform#PREFIX}
     */
    public record Part(String field, Transform transform, int length) {
        public static Part value(String field) {
            return new Part(field, Transform.VALUE, 0);
        }

        public static Part metaphone(String field) {
            return new Part(field, Transform.METAPHONE, 0);
        }

        public static Part prefix(String field, int length) {
            return new Part(field, Transform.PREFIX, length);
        }

        public static Part year(String field) {
            return new Part(field, Transform.YEAR, 0);
        }

        public static Part digits(String field) {
            return new Part(field, Transform.DIGITS, 0);
        }

        String of(LinkRecord record) {
            String value = record.value(field);
            if (value == null) {
                return null;
            }
            String key = switch (transform) {
                case VALUE -> value;
                case METAPHONE -> METAPHONE.doubleMetaphone(value);
                case PREFIX -> value.substring(0, Math.min(length, value.length()));
                case YEAR -> value.length() >= 4 ? value.substring(0, 4) : null;
                case DIGITS -> value.replaceAll("[^0-9]", "");
            };
            return key == null || key.isEmpty() ? null : key;
        }
    }

    /** What of a value a key part takes. */
    public enum Transform {
        /** The whole value. */
        VALUE,
        /** Its Double Metaphone code (sounds alike despite spelling). */
        METAPHONE,
        /** Its first characters. */
        PREFIX,
        /** The first four characters of a date (the year of YYYYMMDD). */
        YEAR,
        /** Its digits (phone numbers however they are written). */
        DIGITS
    }
}
