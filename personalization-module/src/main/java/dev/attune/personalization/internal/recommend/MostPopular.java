package dev.attune.personalization.internal.recommend;

/**
 * Most popular items: the sum of interaction weights per item, the same list for everybody (the cold-start fallback).
 * With a half-life and timed interactions it is "trending": each interaction counts 2^(-age / half-life), age measured
 * from the latest interaction of the training data.
 */
public final class MostPopular implements Recommender {
    private final Params params;

    /** {@code halfLifeDays} 0 means no decay. */
    public record Params(double halfLifeDays) {
        public Params {
            if (!(halfLifeDays >= 0)) {
                throw new IllegalArgumentException("halfLifeDays must be >= 0");
            }
        }
    }

    public MostPopular(Params params) {
        this.params = params;
    }

    @Override
    public String name() {
        return params.halfLifeDays() > 0 ? "trending" : "most-popular";
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Model fit(Interactions train) {
        double[] totals = new double[train.itemCount()];
        boolean decay = params.halfLifeDays() > 0 && train.timed();
        long now = train.latestTime();
        double halfLifeSeconds = params.halfLifeDays() * 86_400d;
        for (int k = 0; k < train.size(); k++) {
            double w = train.weight(k);
            if (decay) {
                w *= Math.pow(2, -(now - train.time(k)) / halfLifeSeconds);
            }
            totals[train.item(k)] += w;
        }
        float[] scores = new float[totals.length];
        for (int i = 0; i < totals.length; i++) {
            scores[i] = (float) totals[i];
        }
        return new Popularity(scores);
    }

    /** The same scores for everybody. */
    private static final class Popularity implements Model {
        private final float[] scores;

        Popularity(float[] scores) {
            this.scores = scores;
        }

        @Override
        public int itemCount() {
            return scores.length;
        }

        @Override
        public void score(SparseVector history, float[] out) {
            System.arraycopy(scores, 0, out, 0, scores.length);
        }

        @Override
        public Explanation explain(SparseVector history, int item) {
            return Explanation.popular(item, scores[item]);
        }
    }
}
