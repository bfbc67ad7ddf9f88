/**
 * The API fuzzer behind {@code bench/run fuzz} and {@code ApiFuzzIT}: reads the operations from the server's own
 * {@code /openapi}, generates malformed requests for each with jqwik's arbitraries (wrong types, missing and unknown
 * fields, huge strings and numbers, deep nesting, repeated keys, bad UTF-8, wrong content types, missing and wrong
 * credentials), sends them and checks every answer: never a 5xx, a 4xx is problem+json, and a refused request leaves
 * the main tables' row counts as they were.
 */
package dev.attune.bench.fuzz;
