package dev.attune.personalization.internal.recommend;

/**
 * Why an item was recommended: normally because of one item of the person's history ({@code because}, with its
 * additive {@code contribution} to the item's score, "because you liked X"); for popularity, no history item
 * ({@code because} = -1).
 */
public record Explanation(int item, Reason reason, int because, double contribution) {
    /** The kinds of reasons a model can give. */
    public enum Reason {
        /** A history item contributed most ("because you liked X"). */
        HISTORY_ITEM,
        /** Many people interact with it (recently, for trending). */
        POPULAR,
        /** Nothing to go on (empty history, or no history item contributes). */
        NONE
    }

    public static Explanation popular(int item, double score) {
        return new Explanation(item, Reason.POPULAR, -1, score);
    }

    public static Explanation none(int item) {
        return new Explanation(item, Reason.NONE, -1, 0);
    }

    public static Explanation because(int item, int historyItem, double contribution) {
        return new Explanation(item, Reason.HISTORY_ITEM, historyItem, contribution);
    }

    /** Text for people, with external ids from {@code items}. */
    public String describe(IdIndex items) {
        return switch (reason) {
            case HISTORY_ITEM -> "because you liked " + items.id(because);
            case POPULAR -> "popular";
            case NONE -> "recommended";
        };
    }
}
