package dev.attune.personalization.internal.recommend;

/** An item index with its score, as returned by {@link Model#recommend}. */
public record ScoredItem(int item, float score) {}
