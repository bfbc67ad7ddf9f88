/**
 * The identity module's published API. Empty until identity resolution lands: persons, identifiers, merges and
 * privacy rights will be published here; the module already owns the {@code identity} schema.
 */
package dev.attune.identity.api;
