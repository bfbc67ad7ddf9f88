package dev.attune.identity.internal.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Deduplication of a set of records: {@link #compare} blocks them into candidate pairs and compares each pair,
 * {@link #fit} estimates the model on those pairs without labels, {@link #score} scores them.
 */
public final class Linker {
    private Linker() {}

    /** Blocks the records (the union of every key's pairs) and compares every candidate pair. */
    public static CandidatePairs compare(List<LinkRecord> records, LinkageConfig config) {
        Map<String, Long> pairsPerKey = new LinkedHashMap<>();
        long[] pairs = new long[1024];
        int size = 0;
        int skipped = 0;
        for (BlockingKey key : config.blockingKeys()) {
            Map<String, List<Integer>> blocks = new HashMap<>();
            for (int r = 0; r < records.size(); r++) {
                String value = key.of(records.get(r));
                if (value != null) {
                    blocks.computeIfAbsent(value, v -> new ArrayList<>()).add(r);
                }
            }
            long produced = 0;
            for (List<Integer> block : blocks.values()) {
                if (block.size() > config.maxBlockSize()) {
                    skipped++;
                    continue;
                }
                for (int i = 0; i < block.size(); i++) {
                    for (int j = i + 1; j < block.size(); j++) {
                        if (size == pairs.length) {
                            pairs = Arrays.copyOf(pairs, size * 2);
                        }
                        pairs[size++] = (long) block.get(i) << 32 | block.get(j); // records ascend within a block
                    }
                }
                produced += (long) block.size() * (block.size() - 1) / 2;
            }
            pairsPerKey.put(key.name(), produced);
        }
        long[] distinct = Arrays.stream(pairs, 0, size).sorted().distinct().toArray();
        int[] left = new int[distinct.length];
        int[] right = new int[distinct.length];
        for (int p = 0; p < distinct.length; p++) {
            left[p] = (int) (distinct[p] >>> 32);
            right[p] = (int) distinct[p];
        }
        PreparedRecords prepared = new PreparedRecords(records, config.comparisons());
        byte[] levels = levels(prepared, config.comparisons().size(), left, right);
        return new CandidatePairs(records, prepared, config, left, right, levels, pairsPerKey, skipped);
    }

    /** Fits the model on the candidate pairs of the records. */
    public static LinkageModel fit(List<LinkRecord> records, LinkageConfig config) {
        return fit(compare(records, config));
    }

    /** Fits the model on candidate pairs already compared. */
    public static LinkageModel fit(CandidatePairs pairs) {
        return ExpectationMaximisation.fit(pairs);
    }

    /** The candidate pairs of the records classified as match or review, most probable first. */
    public static List<ScoredPair> score(List<LinkRecord> records, LinkageModel model) {
        return score(compare(records, model.config()), model);
    }

    /**
     * The pairs classified as match or review, most probable first (the rest, typically nearly all, are left out).
     * The pairs must have been compared with the model's configuration.
     */
    public static List<ScoredPair> score(CandidatePairs pairs, LinkageModel model) {
        int n = model.config().comparisons().size();
        List<ScoredPair> scored = new ArrayList<>();
        for (int p = 0; p < pairs.size(); p++) {
            double weight = model.priorWeight();
            for (int c = 0; c < n; c++) {
                weight += model.weight(c, pairs.level(p, c));
            }
            ScoredPair pair = model.scored(pairs.left(p), pairs.right(p), weight);
            if (pair.classification() != Classification.NON_MATCH) {
                scored.add(pair);
            }
        }
        scored.sort(Comparator.comparingDouble(ScoredPair::weight).reversed());
        return scored;
    }

    /** The level of every comparison of every pair, pair by pair. */
    private static byte[] levels(PreparedRecords prepared, int n, int[] left, int[] right) {
        byte[] levels = new byte[left.length * n];
        IntStream.range(0, left.length).parallel().forEach(p -> {
            for (int c = 0; c < n; c++) {
                levels[p * n + c] = (byte) prepared.level(c, left[p], right[p]);
            }
        });
        return levels;
    }
}
