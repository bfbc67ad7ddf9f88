/**
 * The identity module's published API: identifiers and persons ({@link dev.attune.identity.api.IdentityService}),
 * merges and splits as CDI events, and privacy requests ({@link dev.attune.identity.api.PrivacyService}).
 */
package dev.attune.identity.api;
