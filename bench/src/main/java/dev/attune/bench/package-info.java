/** Benchmarks: each starts a fresh Attune, measures side by side with its physical limit, and prints one summary line. */
package dev.attune.bench;
