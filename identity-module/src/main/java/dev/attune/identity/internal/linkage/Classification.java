package dev.attune.identity.internal.linkage;

/** The decision on a pair, from its posterior match probability and the configured thresholds. */
public enum Classification {
    /** At or above the match threshold: the same person. */
    MATCH,
    /** Between the review and the match threshold: for a person to decide. */
    REVIEW,
    /** Below the review threshold. */
    NON_MATCH
}
