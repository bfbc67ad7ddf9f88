/** Enrichment of events: sentiment of free text (a Java port of VADER 3.3.2). */
package dev.attune.personalization.internal.enrichment;
