package dev.attune.feedback.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an event is. Explicit answers (rating, thumbs, NPS, CSAT, free text) and implicit signals (page view, click,
 * dwell, scroll depth, add to cart, purchase, custom), each with the value it accepts.
 */
public enum EventType {
    RATING("rating", true, ValuePolicy.WHOLE, 1, 5, true),
    THUMBS("thumbs", true, ValuePolicy.THUMBS, -1, 1, true),
    NPS("nps", true, ValuePolicy.WHOLE, 0, 10, false),
    CSAT("csat", true, ValuePolicy.WHOLE, 1, 5, false),
    TEXT("text", true, ValuePolicy.NONE, 0, 0, false),
    /** An answer to a survey's choice question: properties.surveyId, properties.questionId, properties.choices. */
    SURVEY_ANSWER("survey_answer", true, ValuePolicy.NONE, 0, 0, false),
    PAGE_VIEW("page_view", false, ValuePolicy.NONE, 0, 0, false),
    CLICK("click", false, ValuePolicy.NONE, 0, 0, false),
    /** Seconds spent, a whole number up to a day. */
    DWELL("dwell", false, ValuePolicy.WHOLE, 0, 86_400, false),
    /** Deepest point reached, in whole percent. */
    SCROLL_DEPTH("scroll_depth", false, ValuePolicy.WHOLE, 0, 100, false),
    /** Optional amount (price times quantity). */
    ADD_TO_CART("add_to_cart", false, ValuePolicy.AMOUNT, 0, 0, true),
    PURCHASE("purchase", false, ValuePolicy.AMOUNT, 0, 0, true),
    /** A site's own event, named in properties.name; an optional number. */
    CUSTOM("custom", false, ValuePolicy.NUMBER, 0, 0, false);

    /** How a type's value is checked. */
    public enum ValuePolicy {
        WHOLE,
        THUMBS,
        NONE,
        AMOUNT,
        NUMBER
    }

    private final String wireName;
    private final boolean explicit;
    private final ValuePolicy valuePolicy;
    private final int min;
    private final int max;
    private final boolean needsItem;

    EventType(String wireName, boolean explicit, ValuePolicy valuePolicy, int min, int max, boolean needsItem) {
        this.wireName = wireName;
        this.explicit = explicit;
        this.valuePolicy = valuePolicy;
        this.min = min;
        this.max = max;
        this.needsItem = needsItem;
    }

    public String wireName() {
        return wireName;
    }

    /** An answer the visitor gave on purpose, as opposed to a signal observed. */
    public boolean explicit() {
        return explicit;
    }

    public ValuePolicy valuePolicy() {
        return valuePolicy;
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

    public static Optional<EventType> fromWire(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wireName.equals(n)).findFirst();
    }
}
