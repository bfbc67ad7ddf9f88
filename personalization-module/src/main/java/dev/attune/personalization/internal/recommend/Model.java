package dev.attune.personalization.internal.recommend;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * A fitted, immutable, thread-safe recommendation model over the items of its training data. It scores every item for
 * a person from that person's history vector only (no stored user row), so serving can re-score someone whose history
 * just changed without refitting; matrix factorisation folds the person in from the history with its fixed item
 * factors.
 */
public interface Model {
    /** Number of items scored (the item indices of the training data). */
    int itemCount();

    /** Writes the score of every item into {@code out} (length {@link #itemCount()}); higher is better. */
    void score(SparseVector history, float[] out);

    /** Why {@code item} scores what it does for this history (normally: the history item that contributed most). */
    Explanation explain(SparseVector history, int item);

    /** The {@code n} best items, best first, leaving out every item {@code excluded} accepts. */
    default List<ScoredItem> recommend(SparseVector history, int n, IntPredicate excluded) {
        float[] scores = new float[itemCount()];
        score(history, scores);
        return TopN.select(scores, n, excluded);
    }

    /** The {@code n} best items the person has not interacted with yet. */
    default List<ScoredItem> recommend(SparseVector history, int n) {
        return recommend(history, n, history::contains);
    }
}
