package dev.attune.feedback.internal.domain;

import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.platform.api.InvalidInputException.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Invariants of a feedback event, reported per field so the sender can fix all of them at once. */
public final class EventRules {
    public static final int MAX_ID_LENGTH = 200;
    public static final int MAX_TEXT_LENGTH = 5_000;

    private final Duration maxFutureSkew;
    private final Duration maxAge;

    public EventRules(Duration maxFutureSkew, Duration maxAge) {
        this.maxFutureSkew = maxFutureSkew;
        this.maxAge = maxAge;
    }

    public List<FieldError> violations(NewFeedbackEvent e, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        EventType type = e.type();
        checkValue(type, e.value(), errors);
        if (type == EventType.TEXT && (e.text() == null || e.text().isBlank())) {
            errors.add(new FieldError("text", "is required for type text"));
        }
        if (type.needsItem() && e.itemId() == null) {
            errors.add(new FieldError("itemId", "is required for type " + type.wireName()));
        }
        if (e.occurredAt().isAfter(now.plus(maxFutureSkew))) {
            errors.add(new FieldError(
                    "occurredAt",
                    "is more than " + maxFutureSkew.toSeconds() + " s in the future; check the sender's clock"));
        }
        if (e.occurredAt().isBefore(now.minus(maxAge))) {
            errors.add(new FieldError("occurredAt", "is older than " + maxAge.toDays() + " days"));
        }
        return errors;
    }

    /** Amounts and custom numbers: up to a billion, four decimals. */
    private static final BigDecimal LARGEST = new BigDecimal("999999999.9999");

    private static void checkValue(EventType type, BigDecimal value, List<FieldError> errors) {
        switch (type.valuePolicy()) {
            case NONE -> {
                if (value != null) {
                    errors.add(new FieldError("value", "must be absent for type " + type.wireName()));
                }
            }
            case AMOUNT, NUMBER -> {
                if (value == null) {
                    return;
                }
                boolean negativeAllowed = type.valuePolicy() == EventType.ValuePolicy.NUMBER;
                if (value.abs().compareTo(LARGEST) > 0
                        || value.stripTrailingZeros().scale() > 4
                        || (!negativeAllowed && value.signum() < 0)) {
                    errors.add(new FieldError(
                            "value",
                            "must be " + (negativeAllowed ? "a number" : "an amount of 0 or more")
                                    + " below a billion with at most 4 decimals for type " + type.wireName()));
                }
            }
            default -> checkWhole(type, value, errors);
        }
    }

    private static void checkWhole(EventType type, BigDecimal value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError("value", "is required for type " + type.wireName()));
            return;
        }
        boolean whole = value.stripTrailingZeros().scale() <= 0;
        if (!whole
                || value.compareTo(BigDecimal.valueOf(type.min())) < 0
                || value.compareTo(BigDecimal.valueOf(type.max())) > 0) {
            String allowed = type == EventType.THUMBS
                    ? "-1 (down) or 1 (up)"
                    : "a whole number from " + type.min() + " to " + type.max();
            errors.add(new FieldError("value", "must be " + allowed + " for type " + type.wireName()));
        } else if (type == EventType.THUMBS && value.signum() == 0) {
            errors.add(new FieldError("value", "must be -1 (down) or 1 (up) for type thumbs"));
        }
    }
}
