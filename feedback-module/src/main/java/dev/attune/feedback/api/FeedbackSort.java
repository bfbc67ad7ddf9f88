package dev.attune.feedback.api;

/** How the explorer orders events; ties always break by event id so pages never overlap. */
public record FeedbackSort(Field field, boolean ascending) {
    public enum Field {
        RECEIVED_AT,
        OCCURRED_AT,
        VALUE,
        ITEM,
        TYPE
    }

    public static FeedbackSort newestFirst() {
        return new FeedbackSort(Field.RECEIVED_AT, false);
    }
}
