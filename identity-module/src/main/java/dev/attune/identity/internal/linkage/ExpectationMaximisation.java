package dev.attune.identity.internal.linkage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fits a {@link LinkageModel} on unlabelled candidate pairs by expectation-maximisation under conditional independence
 * of the comparisons given the match status. Pairs are first grouped by their vector of levels (a few thousand distinct
 * vectors however many pairs), so each iteration is cheap. u starts from the level frequencies of random record pairs
 * (nearly all non-matches), m from "mostly exact", lambda from 10 %; all three are then re-estimated.
 */
final class ExpectationMaximisation {
    private static final int MAX_ITERATIONS = 1000;
    /** EM stops when no probability moves by more than this in an iteration. */
    private static final double TOLERANCE = 1e-7;
    /** Random pairs behind the starting u. */
    private static final int RANDOM_PAIRS = 200_000;
    /**
     * Pseudo-count per comparison and class, spread evenly over the levels, and between matches and non-matches for
     * lambda: no probability becomes 0 or 1 (an infinite weight).
     */
    private static final double PSEUDO_COUNT = 1;

    private static final double INITIAL_LAMBDA = 0.1;
    private static final double INITIAL_M_EXACT = 0.9;
    private static final long SEED = 20_240_601L;

    private ExpectationMaximisation() {}

    static LinkageModel fit(CandidatePairs pairs) {
        List<Comparison> comparisons = pairs.config().comparisons();
        int n = comparisons.size();
        Patterns patterns = Patterns.of(pairs, n);
        double[][] m = new double[n][];
        double[][] u = randomPairFrequencies(pairs.prepared(), comparisons);
        for (int c = 0; c < n; c++) {
            int levels = comparisons.get(c).levels();
            m[c] = new double[levels];
            for (int level = 0; level < levels; level++) {
                m[c][level] = level == levels - 1 ? INITIAL_M_EXACT : (1 - INITIAL_M_EXACT) / (levels - 1);
            }
        }
        double lambda = INITIAL_LAMBDA;
        int iteration = 0;
        boolean converged = patterns.count() == 0;
        while (!converged && iteration < MAX_ITERATIONS) {
            iteration++;
            double[] posterior = expectation(patterns, lambda, m, u);
            double[][] matchCounts = new double[n][];
            double[][] nonMatchCounts = new double[n][];
            for (int c = 0; c < n; c++) {
                matchCounts[c] = new double[m[c].length];
                nonMatchCounts[c] = new double[m[c].length];
            }
            double matches = 0;
            for (int p = 0; p < patterns.count(); p++) {
                double inMatches = patterns.weight()[p] * posterior[p];
                double inNonMatches = patterns.weight()[p] - inMatches;
                matches += inMatches;
                for (int c = 0; c < n; c++) {
                    int level = patterns.levels()[p * n + c];
                    if (level != Comparison.MISSING) {
                        matchCounts[c][level] += inMatches;
                        nonMatchCounts[c][level] += inNonMatches;
                    }
                }
            }
            double share = (matches + PSEUDO_COUNT / 2) / (patterns.total() + PSEUDO_COUNT); // never 0 or 1
            double change = Math.abs(share - lambda);
            lambda = share;
            for (int c = 0; c < n; c++) {
                change = Math.max(change, normalise(matchCounts[c], m[c]));
                change = Math.max(change, normalise(nonMatchCounts[c], u[c]));
            }
            converged = change < TOLERANCE;
        }
        return new LinkageModel(pairs.config(), lambda, m, u, iteration, converged);
    }

    /** Posterior match probability of every pattern. */
    private static double[] expectation(Patterns patterns, double lambda, double[][] m, double[][] u) {
        int n = m.length;
        double[][] logRatio = new double[n][];
        for (int c = 0; c < n; c++) {
            logRatio[c] = new double[m[c].length];
            for (int level = 0; level < m[c].length; level++) {
                logRatio[c][level] = Math.log(m[c][level] / u[c][level]);
            }
        }
        double prior = Math.log(lambda / (1 - lambda));
        double[] posterior = new double[patterns.count()];
        for (int p = 0; p < posterior.length; p++) {
            double logOdds = prior;
            for (int c = 0; c < n; c++) {
                int level = patterns.levels()[p * n + c];
                logOdds += level == Comparison.MISSING ? 0 : logRatio[c][level];
            }
            posterior[p] = 1 / (1 + Math.exp(-logOdds));
        }
        return posterior;
    }

    /** Writes smoothed probabilities of the counts into {@code target}; returns the largest change. */
    private static double normalise(double[] counts, double[] target) {
        double total = PSEUDO_COUNT;
        for (double count : counts) {
            total += count;
        }
        double change = 0;
        for (int level = 0; level < counts.length; level++) {
            double probability = (counts[level] + PSEUDO_COUNT / counts.length) / total;
            change = Math.max(change, Math.abs(probability - target[level]));
            target[level] = probability;
        }
        return change;
    }

    /** Smoothed level frequencies of random pairs of distinct records (all pairs when there are few). */
    private static double[][] randomPairFrequencies(PreparedRecords records, List<Comparison> comparisons) {
        int n = comparisons.size();
        double[][] counts = new double[n][];
        for (int c = 0; c < n; c++) {
            counts[c] = new double[comparisons.get(c).levels()];
        }
        int size = records.size();
        if ((long) size * (size - 1) / 2 <= RANDOM_PAIRS) {
            for (int i = 0; i < size; i++) {
                for (int j = i + 1; j < size; j++) {
                    count(records, i, j, counts);
                }
            }
        } else {
            SplittableRandom random = new SplittableRandom(SEED);
            for (int s = 0; s < RANDOM_PAIRS; s++) {
                int i = random.nextInt(size);
                int j = random.nextInt(size - 1);
                count(records, i, j >= i ? j + 1 : j, counts);
            }
        }
        double[][] u = new double[n][];
        for (int c = 0; c < n; c++) {
            u[c] = new double[counts[c].length];
            normalise(counts[c], u[c]);
        }
        return u;
    }

    private static void count(PreparedRecords records, int a, int b, double[][] counts) {
        for (int c = 0; c < counts.length; c++) {
            int level = records.level(c, a, b);
            if (level != Comparison.MISSING) {
                counts[c][level]++;
            }
        }
    }

    /** The distinct level vectors of the pairs ({@code levels}, vector by vector) and how many pairs have each. */
    private record Patterns(byte[] levels, double[] weight, double total) {
        int count() {
            return weight.length;
        }

        static Patterns of(CandidatePairs pairs, int n) {
            Map<Long, Integer> index = new HashMap<>();
            byte[] levels = new byte[pairs.size() * n];
            double[] weight = new double[pairs.size()];
            for (int p = 0; p < pairs.size(); p++) {
                long key = 0;
                for (int c = 0; c < n; c++) {
                    key = key << 4 | (pairs.level(p, c) + 1);
                }
                Integer known = index.get(key);
                if (known == null) {
                    known = index.size();
                    index.put(key, known);
                    for (int c = 0; c < n; c++) {
                        levels[known * n + c] = (byte) pairs.level(p, c);
                    }
                }
                weight[known]++;
            }
            int count = index.size();
            return new Patterns(Arrays.copyOf(levels, count * n), Arrays.copyOf(weight, count), pairs.size());
        }
    }
}
