package dev.attune.personalization.api;

import java.time.Instant;
import java.util.UUID;

/** A subject entered ({@code entered}) or left a segment: fired after the membership is stored. */
public record SegmentChanged(UUID siteId, String subject, String segment, boolean entered, Instant at) {}
