package dev.attune.feedback.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Explicit feedback types and the values each accepts. */
public enum EventType {
    RATING("rating", 1, 5, true),
    THUMBS("thumbs", -1, 1, true),
    NPS("nps", 0, 10, false),
    CSAT("csat", 1, 5, false),
    TEXT("text", 0, 0, false);

    private final String wireName;
    private final int min;
    private final int max;
    private final boolean needsItem;

    EventType(String wireName, int min, int max, boolean needsItem) {
        this.wireName = wireName;
        this.min = min;
        this.max = max;
        this.needsItem = needsItem;
    }

    public String wireName() {
        return wireName;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public boolean needsItem() {
        return needsItem;
    }

    public boolean hasValue() {
        return this != TEXT;
    }

    public static Optional<EventType> fromWire(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wireName.equals(n)).findFirst();
    }
}
