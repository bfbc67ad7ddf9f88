package dev.attune.feedback.api;

import java.time.Instant;
import java.util.UUID;

/**
 * An in-app survey of a site: its definition (questions, targeting, trigger, frequency; see the survey definition
 * schema in docs/widget.md) as JSON, and how often it was shown and answered.
 */
public record Survey(
        UUID id,
        UUID siteId,
        String name,
        SurveyStatus status,
        String definitionJson,
        int version,
        Instant updatedAt,
        long displays,
        long answered) {}
