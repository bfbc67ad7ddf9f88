package dev.attune.feedback.api;

import java.time.Instant;

/** One line of the append-only consent ledger. */
public record ConsentEntry(
        long id,
        String subjectId,
        Purpose purpose,
        boolean granted,
        String policyVersion,
        String source,
        Instant recordedAt) {}
