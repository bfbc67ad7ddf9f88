/** The "Collect" menu section: what comes in and how: feedback, sites and keys, surveys, the consent ledger, quarantine, webhooks. */
package dev.attune.admin.collect;
