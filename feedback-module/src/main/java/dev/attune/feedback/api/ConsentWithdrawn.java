package dev.attune.feedback.api;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A subject withdrew consent for these purposes: modules delete or stop using what they derived for them. */
public record ConsentWithdrawn(UUID siteId, String subjectId, Set<Purpose> purposes, Instant at) {}
