/**
 * Enrichment of events ({@link dev.attune.personalization.internal.enrichment.Enricher}): sentiment of free text (a
 * Java port of VADER 3.3.2), user agents, local time and referrer classes.
 */
package dev.attune.personalization.internal.enrichment;
