package dev.attune.identity.internal.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.identity.internal.linkage.BlockingKey.Part;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * EM on a generated population whose m and u are known by construction: every pair of records is a candidate, fields
 * of non-matches agree by chance (u = 1 / number of values), duplicates keep each field with a known probability.
 */
class ExpectationMaximisationTest {
    private static final int ORIGINALS = 1000;
    private static final int DUPLICATES = 300;
    /** Values per categorical field, and the probability a duplicate keeps the original's value. */
    private static final int[] VALUES = {3, 10, 20, 50, 100, 200};

    private static final double[] KEEP = {0.95, 0.9, 0.85, 0.8, 0.9, 0.7};
    private static final double MISSING = 0.05;
    /** The 6-digit id of a duplicate: kept, one digit changed, or another id altogether. */
    private static final double ID_KEPT = 0.75;

    private static final double ID_TYPO = 0.2;

    @Test
    void em_recovers_lambda_m_and_u_of_a_generated_population() {
        Random random = new Random(7);
        List<LinkRecord> records = new ArrayList<>();
        List<Map<String, String>> originals = new ArrayList<>();
        for (int i = 0; i < ORIGINALS; i++) {
            Map<String, String> fields = new HashMap<>();
            for (int f = 0; f < VALUES.length; f++) {
                fields.put("f" + f, "v" + random.nextInt(VALUES[f]));
            }
            fields.put("id", String.valueOf(100_000 + random.nextInt(900_000)));
            originals.add(fields);
            records.add(record("o" + i, fields, random));
        }
        for (int d = 0; d < DUPLICATES; d++) { // duplicates of the first originals, one each
            Map<String, String> fields = new HashMap<>(originals.get(d));
            for (int f = 0; f < VALUES.length; f++) {
                if (random.nextDouble() >= KEEP[f]) {
                    fields.put("f" + f, "v" + random.nextInt(VALUES[f]));
                }
            }
            double id = random.nextDouble();
            if (id >= ID_KEPT + ID_TYPO) {
                fields.put("id", String.valueOf(100_000 + random.nextInt(900_000)));
            } else if (id >= ID_KEPT) {
                char[] digits = fields.get("id").toCharArray();
                int at = 1 + random.nextInt(5);
                digits[at] = (char) ('0' + (digits[at] - '0' + 1 + random.nextInt(9)) % 10);
                fields.put("id", new String(digits));
            }
            records.add(record("d" + d, fields, random));
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (int f = 0; f < VALUES.length; f++) {
            comparisons.add(Comparison.exact("f" + f));
        }
        comparisons.add(Comparison.numeric("id"));
        LinkageConfig config = new LinkageConfig(
                comparisons, List.of(BlockingKey.of("everyone", Part.value("all"))), 0.95, 0.5, Integer.MAX_VALUE);

        CandidatePairs pairs = Linker.compare(records, config);
        LinkageModel model = Linker.fit(pairs);

        long allPairs = (long) records.size() * (records.size() - 1) / 2;
        assertEquals(allPairs, pairs.size());
        assertTrue(model.converged(), "EM converged");
        assertEquals(DUPLICATES / (double) allPairs, model.lambda(), 0.05 * DUPLICATES / allPairs);
        // against the level frequencies the generator actually produced among matches and non-matches
        double[][][] truth = levelFrequencies(pairs, comparisons);
        for (int c = 0; c < comparisons.size(); c++) {
            for (int level = 0; level < comparisons.get(c).levels(); level++) {
                double m = truth[0][c][level];
                double u = truth[1][c][level];
                assertEquals(
                        m, model.m(c, level), 0.02, "m of " + comparisons.get(c).field() + " level " + level);
                assertEquals(
                        u,
                        model.u(c, level),
                        Math.max(1e-4, 0.02 * u),
                        "u of " + comparisons.get(c).field() + " level " + level);
            }
        }
        // and the generator produced what it was meant to
        for (int f = 0; f < VALUES.length; f++) {
            assertEquals(KEEP[f] + (1 - KEEP[f]) / VALUES[f], truth[0][f][1], 0.06, "generated m of f" + f);
            assertEquals(1.0 / VALUES[f], truth[1][f][1], 0.1 / VALUES[f], "generated u of f" + f);
        }
        int id = VALUES.length;
        assertEquals(ID_KEPT, truth[0][id][2], 0.06, "generated m of an exact id");
        assertEquals(ID_TYPO, truth[0][id][1], 0.06, "generated m of an id one digit off");

        int truePositives = 0;
        List<ScoredPair> matches = Linker.score(pairs, model).stream()
                .filter(p -> p.classification() == Classification.MATCH)
                .toList();
        for (ScoredPair match : matches) {
            truePositives += isMatch(match.left(), match.right()) ? 1 : 0;
        }
        assertTrue(truePositives >= 0.95 * DUPLICATES, "recall: " + truePositives);
        assertTrue(truePositives >= 0.95 * matches.size(), "precision: " + truePositives + " of " + matches.size());
    }

    @Test
    void without_candidate_pairs_the_model_keeps_its_starting_values() {
        List<LinkRecord> records = List.of(
                new LinkRecord("a", Map.of("f", "x", "key", "1")), new LinkRecord("b", Map.of("f", "x", "key", "2")));
        LinkageModel model = Linker.fit(
                records,
                new LinkageConfig(
                        List.of(Comparison.exact("f")),
                        List.of(BlockingKey.of("key", Part.value("key"))),
                        0.95,
                        0.5,
                        10));
        assertEquals(0, model.iterations());
        assertTrue(model.converged());
        assertEquals(0.1, model.lambda());
        assertTrue(Double.isFinite(model.weight(0, 0)) && Double.isFinite(model.weight(0, 1)));
        assertEquals(List.of(), Linker.score(records, model));
    }

    /** Original i and duplicate i ("o12", "d12") are the only matches. */
    private static boolean isMatch(LinkRecord a, LinkRecord b) {
        return a.id().charAt(0) != b.id().charAt(0) && a.id().substring(1).equals(b.id().substring(1));
    }

    /** Share of each level among the non-missing levels of the true matches ([0]) and non-matches ([1]). */
    private static double[][][] levelFrequencies(CandidatePairs pairs, List<Comparison> comparisons) {
        double[][][] counts = new double[2][comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            counts[0][c] = new double[comparisons.get(c).levels()];
            counts[1][c] = new double[comparisons.get(c).levels()];
        }
        for (int p = 0; p < pairs.size(); p++) {
            int group = isMatch(pairs.left(p), pairs.right(p)) ? 0 : 1;
            for (int c = 0; c < comparisons.size(); c++) {
                if (pairs.level(p, c) != Comparison.MISSING) {
                    counts[group][c][pairs.level(p, c)]++;
                }
            }
        }
        for (double[][] group : counts) {
            for (double[] levels : group) {
                double total = Arrays.stream(levels).sum();
                for (int level = 0; level < levels.length; level++) {
                    levels[level] /= total;
                }
            }
        }
        return counts;
    }

    /** A record with every field possibly missing, all in one block. */
    private static LinkRecord record(String id, Map<String, String> fields, Random random) {
        Map<String, String> kept = new HashMap<>();
        fields.forEach((field, value) -> kept.put(field, random.nextDouble() < MISSING ? null : value));
        kept.put("all", "x");
        return new LinkRecord(id, kept);
    }
}
