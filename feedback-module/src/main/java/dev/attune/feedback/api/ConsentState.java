package dev.attune.feedback.api;

import java.util.Map;

/** A subject's consent now, per purpose, and whether each came from a recorded choice or the site's default. */
public record ConsentState(String subjectId, Map<Purpose, Boolean> granted, Map<Purpose, Boolean> chosen) {
    public boolean allows(Purpose purpose) {
        return purpose == Purpose.NECESSARY || Boolean.TRUE.equals(granted.get(purpose));
    }
}
