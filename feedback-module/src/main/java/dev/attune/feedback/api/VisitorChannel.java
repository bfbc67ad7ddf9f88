package dev.attune.feedback.api;

import jakarta.json.JsonObject;
import java.util.Set;
import java.util.UUID;

/**
 * Pushes a message to a visitor's open widget sockets (on this instance), e.g. fresh recommendations. The message
 * gets {@code "type"} set to the given type; the widget hands it to its listeners of that type.
 */
public interface VisitorChannel {

    /** How many open sockets of that visitor got it (0: none open here). */
    int push(UUID siteId, String subjectId, String type, JsonObject message);

    /** Whether the visitor has an open socket here (worth computing a push for). */
    boolean connected(UUID siteId, String subjectId);

    /** The recommendation slots on the visitor's open pages here (none when not connected). */
    Set<String> slots(UUID siteId, String subjectId);

    /**
     * Shows a live survey of the site on the visitor's open widget now, if the survey's targeting (for the page that
     * socket is on), its caps and the site's cooldown allow; the showing is recorded. Whether it was shown.
     */
    boolean offerSurvey(UUID siteId, String subjectId, UUID surveyId);
}
