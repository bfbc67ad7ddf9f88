package dev.attune.identity.internal.linkage;

/**
 * A scored pair; {@link LinkageModel#explain} gives the per-field reasons.
 *
 * @param weight         match weight in bits: log2 prior odds plus the log2 Bayes factor of every comparison
 * @param probability    posterior match probability, 1 / (1 + 2^-weight)
 * @param classification the decision at the configured thresholds
 */
public record ScoredPair(
        LinkRecord left, LinkRecord right, double weight, double probability, Classification classification) {}
