/**
 * The identity module's implementation: {@code domain} (identifier normalisation, keyed hashing and encryption),
 * {@code persistence} (the graph's tables), {@code application} (merges, splits, privacy requests), {@code rest},
 * and {@code linkage} (probabilistic record linkage).
 */
package dev.attune.identity.internal;
