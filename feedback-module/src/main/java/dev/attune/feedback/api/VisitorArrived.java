package dev.attune.feedback.api;

import java.util.UUID;

/**
 * A visitor's widget said hello (or navigated) on a page: modules that push to the visitor (experiment assignments,
 * for instance) answer through {@link VisitorChannel}. {@code device}: desktop, mobile or tablet as the widget says (may be null).
 */
public record VisitorArrived(UUID siteId, String subjectId, String url, String device) {}
