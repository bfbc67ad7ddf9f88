package dev.attune.feedback.api;

import java.util.UUID;

/**
 * Implemented by the module that keeps segments (when deployed): whether a subject is in a segment now. Surveys
 * targeted at a segment are shown only when an implementation says yes.
 */
public interface SegmentLookup {
    boolean isMember(UUID siteId, String subjectId, String segment);
}
