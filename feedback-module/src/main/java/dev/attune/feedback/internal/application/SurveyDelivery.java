package dev.attune.feedback.internal.application;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.attune.feedback.api.SegmentLookup;
import dev.attune.feedback.api.Survey;
import dev.attune.feedback.internal.domain.SurveyDefinition;
import dev.attune.feedback.internal.persistence.JdbcSurveys;
import dev.attune.feedback.internal.persistence.JdbcSurveys.Display;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides which surveys a visitor may see on a page (targeting, share, segment, frequency caps, the site's cooldown)
 * and records a showing when the widget's trigger fires, checking the caps again under a lock so two tabs cannot
 * both show one.
 */
@ApplicationScoped
public class SurveyDelivery {
    private static final Logger LOG = Logger.getLogger(SurveyDelivery.class.getName());

    @Inject
    JdbcSurveys surveys;

    @Inject
    DefaultSurveyService service;

    @Inject
    Instance<SegmentLookup> segments;

    /** A live survey with its parsed definition. */
    record Live(Survey survey, SurveyDefinition definition) {}

    /** Active surveys per site (emptied after every change committed here; other instances within the TTL). */
    private final LoadingCache<UUID, List<Live>> active = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(1))
            .build(this::load);

    private List<Live> load(UUID siteId) {
        List<Live> live = new ArrayList<>();
        for (Survey s : surveys.active(siteId)) {
            try {
                live.add(new Live(s, SurveyDefinition.parse(s.definitionJson())));
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Survey " + s.id() + " has a definition that no longer parses; it is not shown",
                        e);
            }
        }
        return List.copyOf(live);
    }

    /** Forget the cached surveys of a site (after its commit, so the next read sees it). */
    public void forget(UUID siteId) {
        active.invalidate(siteId);
    }

    /** The surveys this visitor may be shown on this page, each with the trigger the widget should arm. */
    public List<JsonObject> eligible(UUID siteId, String subjectId, String url, String device) {
        List<Live> live = active.get(siteId);
        if (live.isEmpty() || subjectId == null) {
            return List.of();
        }
        List<Display> shown = surveys.displays(siteId, subjectId);
        int cooldown = service.cooldownHours(siteId);
        Instant now = Instant.now();
        List<JsonObject> out = new ArrayList<>();
        for (Live l : live) {
            if (targets(l, siteId, subjectId, url, device)
                    && allowed(l.survey().id(), l.definition(), shown, cooldown, now)) {
                out.add(JSON.createObjectBuilder()
                        .add("id", l.survey().id().toString())
                        .add("version", l.survey().version())
                        .add("trigger", l.definition().trigger())
                        .build());
            }
        }
        return out;
    }

    /**
     * The survey to render now, if it is still live, aimed at this visitor and page, and within every cap; the
     * showing is recorded before this returns.
     */
    public Optional<JsonObject> due(UUID siteId, String subjectId, UUID surveyId, String url, String device) {
        if (subjectId == null) {
            return Optional.empty();
        }
        Optional<Live> live = active.get(siteId).stream()
                .filter(l -> l.survey().id().equals(surveyId))
                .findFirst();
        if (live.isEmpty() || !targets(live.get(), siteId, subjectId, url, device)) {
            return Optional.empty();
        }
        int cooldown = service.cooldownHours(siteId);
        SurveyDefinition d = live.get().definition();
        if (!surveys.recordIf(
                siteId, subjectId, surveyId, shown -> allowed(surveyId, d, shown, cooldown, Instant.now()))) {
            return Optional.empty();
        }
        JsonObject json = d.json();
        var survey = JSON.createObjectBuilder()
                .add("id", surveyId.toString())
                .add("version", live.get().survey().version())
                .add("questions", json.getJsonArray("questions"));
        if (json.containsKey("thankYou")) {
            survey.add("thankYou", json.getString("thankYou"));
        }
        return Optional.of(survey.build());
    }

    public void answered(UUID siteId, String subjectId, UUID surveyId) {
        surveys.markAnswered(siteId, subjectId, surveyId);
    }

    private boolean targets(Live l, UUID siteId, String subjectId, String url, String device) {
        SurveyDefinition.Targeting t = l.definition().targeting();
        if (!t.matches(url, SurveyDefinition.device(device))
                || !t.inShare(l.survey().id(), subjectId)) {
            return false;
        }
        if (t.segment() == null) {
            return true;
        }
        // Without a segment module deployed, nobody is known to be in a segment: a segment survey is not shown.
        for (SegmentLookup lookup : segments) {
            if (lookup.isMember(siteId, subjectId, t.segment())) {
                return true;
            }
        }
        return false;
    }

    /** Within the survey's own caps (times shown, days between) and the site's cooldown after any survey. */
    static boolean allowed(UUID surveyId, SurveyDefinition d, List<Display> shown, int cooldownHours, Instant now) {
        int times = 0;
        Instant lastOfThis = null;
        for (Display s : shown) {
            if (cooldownHours > 0 && s.shownAt().isAfter(now.minus(Duration.ofHours(cooldownHours)))) {
                return false;
            }
            if (s.surveyId().equals(surveyId)) {
                times++;
                if (lastOfThis == null || s.shownAt().isAfter(lastOfThis)) {
                    lastOfThis = s.shownAt();
                }
            }
        }
        if (times >= d.maxDisplays()) {
            return false;
        }
        return lastOfThis == null
                || d.daysBetween() == 0
                || lastOfThis.isBefore(now.minus(Duration.ofDays(d.daysBetween())));
    }
}
