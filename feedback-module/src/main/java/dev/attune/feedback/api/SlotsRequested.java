package dev.attune.feedback.api;

import java.util.List;
import java.util.UUID;

/**
 * A widget showed recommendation slots (by name) to a visitor on a page; whoever fills slots answers through
 * {@link VisitorChannel} with messages of type {@code recommendations}.
 */
public record SlotsRequested(UUID siteId, String subjectId, List<String> slots, String url) {}
