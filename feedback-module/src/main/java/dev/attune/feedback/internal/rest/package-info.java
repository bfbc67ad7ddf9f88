/** The feedback module's HTTP surface: public ingest with site keys, and the admin API for sites. */
package dev.attune.feedback.internal.rest;
