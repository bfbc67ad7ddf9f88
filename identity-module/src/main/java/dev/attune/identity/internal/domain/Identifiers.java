package dev.attune.identity.internal.domain;

import dev.attune.identity.api.IdentifierKind;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalising and validating identifier values before they are hashed, so {@code Ann@Example.com } and
 * {@code ann@example.com} are one identifier, and masking them for display.
 */
public final class Identifiers {
    public static final int MAX_LENGTH = 200;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern ANONYMOUS = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private Identifiers() {}

    /** The normalised value, or an explanation of what is wrong with it (as an {@link IllegalArgumentException}). */
    public static String normalise(IdentifierKind kind, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        String v = value.strip();
        if (v.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        switch (kind) {
            case EMAIL -> {
                v = v.toLowerCase(Locale.ROOT);
                if (!EMAIL.matcher(v).matches()) {
                    throw new IllegalArgumentException("is not an email address");
                }
                return v;
            }
            case PHONE -> {
                String digits = v.replaceAll("[\\s().\\-/]", "");
                if (!digits.matches("\\+?[0-9]{6,15}")) {
                    throw new IllegalArgumentException("is not a phone number (6 to 15 digits, optional leading +)");
                }
                return digits;
            }
            case ANONYMOUS -> {
                if (!ANONYMOUS.matcher(v).matches()) {
                    throw new IllegalArgumentException("must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
                }
                return v;
            }
            default -> {
                if (v.chars().anyMatch(Character::isISOControl)) {
                    throw new IllegalArgumentException("must not contain control characters");
                }
                return v;
            }
        }
    }

    /** A display hint that does not give the value away: {@code an…@example.com}, {@code …1234}, {@code us…}. */
    public static String hint(IdentifierKind kind, String normalised) {
        switch (kind) {
            case ANONYMOUS:
                return normalised;
            case EMAIL: {
                int at = normalised.indexOf('@');
                return normalised.substring(0, Math.min(2, at)) + "…" + normalised.substring(at);
            }
            case PHONE:
                return "…" + normalised.substring(Math.max(0, normalised.length() - 4));
            default:
                return normalised.length() <= 4 ? "…" : normalised.substring(0, 2) + "…" + normalised.length();
        }
    }
}
