package dev.attune.identity.internal.linkage;

import java.util.List;
import java.util.Map;

/**
 * The candidate pairs of a set of records (from blocking) with the agreement level of every comparison: what the model
 * is fitted on and what is scored. Levels are kept in one byte array, pair by pair, so millions of pairs stay cheap.
 */
public final class CandidatePairs {
    private final List<LinkRecord> records;
    private final PreparedRecords prepared;
    private final LinkageConfig config;
    private final int[] left;
    private final int[] right;
    private final byte[] levels;
    private final Map<String, Long> pairsPerKey;
    private final int skippedBlocks;

    CandidatePairs(
            List<LinkRecord> records,
            PreparedRecords prepared,
            LinkageConfig config,
            int[] left,
            int[] right,
            byte[] levels,
            Map<String, Long> pairsPerKey,
            int skippedBlocks) {
        this.records = records;
        this.prepared = prepared;
        this.config = config;
        this.left = left;
        this.right = right;
        this.levels = levels;
        this.pairsPerKey = pairsPerKey;
        this.skippedBlocks = skippedBlocks;
    }

    /** Number of distinct candidate pairs. */
    public int size() {
        return left.length;
    }

    public LinkRecord left(int pair) {
        return records.get(left[pair]);
    }

    public LinkRecord right(int pair) {
        return records.get(right[pair]);
    }

    /** The level of one comparison of one pair ({@link Comparison#MISSING} when a value is absent). */
    public int level(int pair, int comparison) {
        return levels[pair * config.comparisons().size() + comparison];
    }

    /** Pairs each blocking key produced (before the union; a pair found by several keys counts for each). */
    public Map<String, Long> pairsPerKey() {
        return pairsPerKey;
    }

    /** Blocks skipped for being larger than {@link LinkageConfig#maxBlockSize()}. */
    public int skippedBlocks() {
        return skippedBlocks;
    }

    /** The records, prepared for comparing any two of them (random pairs for the starting u). */
    PreparedRecords prepared() {
        return prepared;
    }

    LinkageConfig config() {
        return config;
    }
}
