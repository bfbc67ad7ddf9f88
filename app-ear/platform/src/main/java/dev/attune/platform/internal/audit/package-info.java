/** The audit log: append-only rows in platform.audit_entry, each carrying the SHA-256 of its predecessor. */
package dev.attune.platform.internal.audit;
