/** The personalization module's published API: what it has learned from feedback, for the console and other modules. */
package dev.attune.personalization.api;
