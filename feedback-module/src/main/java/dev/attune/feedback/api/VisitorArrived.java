package dev.attune.feedback.api;

import java.util.UUID;

/**
 * A visitor's widget said hello (or navigated) on a page: modules that push to the visitor (experiment assignments,
 * for instance) answer through {@link VisitorChannel}.
 */
public record VisitorArrived(UUID siteId, String subjectId, String url) {
}
