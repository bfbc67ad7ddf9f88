/** The identity module's implementation: identity graph, record linkage, pseudonymization (to come). */
package dev.attune.identity.internal;
