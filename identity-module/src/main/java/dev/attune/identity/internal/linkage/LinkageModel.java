package dev.attune.identity.internal.linkage;

import java.util.ArrayList;
import java.util.List;

/**
 * A fitted Fellegi-Sunter model: the share of matches among candidate pairs (lambda) and, per comparison level, the
 * probability m of seeing it in a match and u in a non-match. A level weighs log2(m / u) bits; a pair weighs the prior
 * log2(lambda / (1 - lambda)) plus its levels' weights, which under conditional independence of the comparisons is the
 * log2 posterior odds of a match.
 */
public final class LinkageModel {
    private final LinkageConfig config;
    private final double lambda;
    private final double[][] m;
    private final double[][] u;
    private final double[][] weights;
    private final int iterations;
    private final boolean converged;

    LinkageModel(LinkageConfig config, double lambda, double[][] m, double[][] u, int iterations, boolean converged) {
        this.config = config;
        this.lambda = lambda;
        this.m = m;
        this.u = u;
        this.iterations = iterations;
        this.converged = converged;
        weights = new double[m.length][];
        for (int c = 0; c < m.length; c++) {
            weights[c] = new double[m[c].length];
            for (int level = 0; level < m[c].length; level++) {
                weights[c][level] = Math.log(m[c][level] / u[c][level]) / Math.log(2);
            }
        }
    }

    public LinkageConfig config() {
        return config;
    }

    /** Estimated share of matches among the candidate pairs. */
    public double lambda() {
        return lambda;
    }

    /** P(level | match) of a comparison. */
    public double m(int comparison, int level) {
        return m[comparison][level];
    }

    /** P(level | non-match) of a comparison. */
    public double u(int comparison, int level) {
        return u[comparison][level];
    }

    /** log2(m / u) of a level; 0 for {@link Comparison#MISSING}. */
    public double weight(int comparison, int level) {
        return level == Comparison.MISSING ? 0 : weights[comparison][level];
    }

    /** log2 prior odds of a match, log2(lambda / (1 - lambda)). */
    public double priorWeight() {
        return Math.log(lambda / (1 - lambda)) / Math.log(2);
    }

    /** EM iterations run. */
    public int iterations() {
        return iterations;
    }

    /** Whether EM stopped because the parameters settled (not at the iteration cap). */
    public boolean converged() {
        return converged;
    }

    /** Posterior match probability of a weight in bits. */
    public static double probability(double weight) {
        return 1 / (1 + Math.pow(2, -weight));
    }

    /** The decision at the configured thresholds. */
    public Classification classify(double probability) {
        return probability >= config.matchThreshold()
                ? Classification.MATCH
                : probability >= config.reviewThreshold() ? Classification.REVIEW : Classification.NON_MATCH;
    }

    /** Scores any two records (say a new sign-up against a candidate), blocked or not. */
    public ScoredPair score(LinkRecord a, LinkRecord b) {
        double weight = priorWeight();
        for (FieldScore field : explain(a, b)) {
            weight += field.weight();
        }
        return scored(a, b, weight);
    }

    /** Every comparison's level and weight for two records: why they score what they score. */
    public List<FieldScore> explain(LinkRecord a, LinkRecord b) {
        List<FieldScore> scores = new ArrayList<>();
        for (int c = 0; c < config.comparisons().size(); c++) {
            Comparison comparison = config.comparisons().get(c);
            int level = comparison.level(a, b);
            scores.add(new FieldScore(
                    comparison.field(),
                    comparison.kind(),
                    level,
                    comparison.label(level),
                    comparison.similarity(a, b),
                    weight(c, level)));
        }
        return scores;
    }

    ScoredPair scored(LinkRecord a, LinkRecord b, double weight) {
        double probability = probability(weight);
        return new ScoredPair(a, b, weight, probability, classify(probability));
    }
}
