package dev.attune.feedback.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Surveys as the console and the admin API manage them; widgets of the site see a change within a second. */
public interface SurveyService {

    /** The site's surveys, active first, then by name. */
    List<Survey> list(UUID siteId);

    Optional<Survey> find(UUID surveyId);

    /**
     * Creates (no id) or replaces a survey's name and definition; a bad definition is rejected naming each bad field.
     * A new survey starts as a draft; saving an active one applies to widgets at once.
     */
    Survey save(UUID siteId, UUID surveyId, String name, String definitionJson);

    Survey setStatus(UUID surveyId, SurveyStatus status);

    void delete(UUID surveyId);

    /** Hours after showing any survey during which a visitor is shown no other (the site's global cooldown). */
    int cooldownHours(UUID siteId);

    void setCooldownHours(UUID siteId, int hours);
}
