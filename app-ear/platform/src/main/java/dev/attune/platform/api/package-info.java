/**
 * The platform kernel's published API: the audit log every module writes through, the console roles,
 * the problem+json exceptions every module throws for bad input and the writer of problem+json answers, and the
 * targeting helpers (URL globs, stable hash buckets) surveys and experiments share. Other modules may import only this package.
 */
package dev.attune.platform.api;
