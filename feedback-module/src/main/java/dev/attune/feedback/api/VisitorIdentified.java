package dev.attune.feedback.api;

import java.util.Map;
import java.util.UUID;

/**
 * A visitor's widget said who the visitor is ({@code attune.identify}): the anonymous subject and the site's user id,
 * with traits. Published for the identity module; only sent when the subject has analytics consent.
 */
public record VisitorIdentified(UUID siteId, String subjectId, String userId, Map<String, String> traits) {}
