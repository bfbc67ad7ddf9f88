package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.Survey;
import dev.attune.feedback.api.SurveyService;
import dev.attune.feedback.api.SurveyStatus;
import dev.attune.feedback.api.SurveysChanged;
import dev.attune.feedback.internal.domain.SurveyDefinition;
import dev.attune.feedback.internal.persistence.JdbcSurveys;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DefaultSurveyService implements SurveyService {
    static final int DEFAULT_COOLDOWN_HOURS = 24;

    @Inject
    JdbcSurveys surveys;

    @Inject
    SiteDirectory sites;

    @Inject
    AuditLog audit;

    @Inject
    Event<SurveysChanged> changed;

    @Override
    public List<Survey> list(UUID siteId) {
        return surveys.list(siteId);
    }

    @Override
    public Optional<Survey> find(UUID surveyId) {
        return surveys.find(surveyId);
    }

    @Override
    @Transactional
    public Survey save(UUID siteId, UUID surveyId, String name, String definitionJson) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            errors.add(new FieldError("name", "is required, at most 100 characters"));
        }
        if (definitionJson == null || definitionJson.isBlank()) {
            errors.add(new FieldError("definition", "is required"));
        } else {
            try {
                SurveyDefinition.parse(definitionJson);
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid survey", errors);
        }
        sites.require(siteId);
        UUID id = surveyId;
        if (id == null) {
            id = UUID.randomUUID();
            surveys.insert(id, siteId, name.strip(), definitionJson);
            audit.record(
                    "survey.create",
                    id.toString(),
                    AuditOutcome.SUCCESS,
                    Map.of("site", siteId.toString(), "name", name.strip()));
        } else {
            Survey before = require(id);
            if (!before.siteId().equals(siteId)) {
                throw InvalidInputException.of("siteId", "the survey belongs to another site");
            }
            surveys.replace(id, name.strip(), definitionJson);
            audit.record(
                    "survey.update",
                    id.toString(),
                    AuditOutcome.SUCCESS,
                    Map.of("site", siteId.toString(), "name", name.strip(), "version", before.version() + 1));
        }
        changed.fire(new SurveysChanged(siteId));
        return require(id);
    }

    @Override
    @Transactional
    public Survey setStatus(UUID surveyId, SurveyStatus status) {
        Survey before = require(surveyId);
        if (status == null) {
            throw InvalidInputException.of("status", "must be draft, active or paused");
        }
        surveys.setStatus(surveyId, status);
        audit.record(
                "survey.status",
                surveyId.toString(),
                AuditOutcome.SUCCESS,
                Map.of("from", before.status().wireName(), "to", status.wireName()));
        changed.fire(new SurveysChanged(before.siteId()));
        return require(surveyId);
    }

    @Override
    @Transactional
    public void delete(UUID surveyId) {
        Survey before = require(surveyId);
        surveys.delete(surveyId);
        audit.record("survey.delete", surveyId.toString(), AuditOutcome.SUCCESS, Map.of("name", before.name()));
        changed.fire(new SurveysChanged(before.siteId()));
    }

    @Override
    public int cooldownHours(UUID siteId) {
        return surveys.cooldownHours(siteId).orElse(DEFAULT_COOLDOWN_HOURS);
    }

    @Override
    @Transactional
    public void setCooldownHours(UUID siteId, int hours) {
        if (hours < 0 || hours > 8760) {
            throw InvalidInputException.of("cooldownHours", "must be 0 to 8760 (a year)");
        }
        sites.require(siteId);
        int before = cooldownHours(siteId);
        surveys.setCooldownHours(siteId, hours);
        audit.record("survey.cooldown", siteId.toString(), AuditOutcome.SUCCESS, Map.of("from", before, "to", hours));
        changed.fire(new SurveysChanged(siteId));
    }

    private Survey require(UUID id) {
        return surveys.find(id)
                .orElseThrow(() -> new InvalidInputException(
                        404, "No such survey", List.of(new FieldError("id", "no survey " + id))));
    }
}
