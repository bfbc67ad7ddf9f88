/**
 * Probabilistic record linkage (Fellegi-Sunter): records are grouped into candidate pairs by several blocking keys,
 * each pair is compared field by field into agreement levels, the m and u probabilities of every level and the share
 * of matches are estimated by expectation-maximisation on the unlabelled pairs, and each pair gets a match weight
 * (sum of log2 Bayes factors), a posterior match probability and a classification (match, review, non-match).
 * Pure Java: no container, no database; {@link dev.attune.identity.internal.linkage.Linker} is the entry point.
 */
package dev.attune.identity.internal.linkage;
