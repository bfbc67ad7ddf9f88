package dev.attune.feedback.internal.websocket;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SurveysChanged;
import dev.attune.feedback.api.VisitorChannel;
import dev.attune.feedback.internal.application.SurveyDelivery;
import dev.attune.feedback.internal.application.Workers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open widget sockets that said hello, by site and by visitor: where pushes go (recommendations, surveys after a
 * console change). Only this instance's sockets; a visitor connected elsewhere is reached by that instance.
 */
@ApplicationScoped
public class VisitorSessions implements VisitorChannel {
    private static final Logger LOG = Logger.getLogger(VisitorSessions.class.getName());
    static final String SUBJECT = "attune.subject";
    static final String URL = "attune.url";
    static final String DEVICE = "attune.device";
    static final String SLOTS = "attune.slots";

    private record Visitor(UUID siteId, String subjectId) {}

    private final Map<UUID, Set<Session>> bySite = new ConcurrentHashMap<>();
    private final Map<Visitor, Set<Session>> byVisitor = new ConcurrentHashMap<>();

    @Inject
    SurveyDelivery surveys;

    @Inject
    Workers workers;

    void hello(Session session, UUID siteId, String subjectId) {
        String before = (String) session.getUserProperties().get(SUBJECT);
        if (before != null && !before.equals(subjectId)) {
            remove(byVisitor, new Visitor(siteId, before), session);
        }
        session.getUserProperties().put(SUBJECT, subjectId);
        bySite.computeIfAbsent(siteId, k -> ConcurrentHashMap.newKeySet()).add(session);
        byVisitor
                .computeIfAbsent(new Visitor(siteId, subjectId), k -> ConcurrentHashMap.newKeySet())
                .add(session);
    }

    void closed(Session session, UUID siteId) {
        if (siteId == null) {
            return;
        }
        remove(bySite, siteId, session);
        String subject = (String) session.getUserProperties().get(SUBJECT);
        if (subject != null) {
            remove(byVisitor, new Visitor(siteId, subject), session);
        }
    }

    @Override
    public boolean connected(UUID siteId, String subjectId) {
        Set<Session> sessions = byVisitor.get(new Visitor(siteId, subjectId));
        return sessions != null && !sessions.isEmpty();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<String> slots(UUID siteId, String subjectId) {
        Set<Session> sessions = byVisitor.get(new Visitor(siteId, subjectId));
        Set<String> slots = new TreeSet<>();
        if (sessions != null) {
            for (Session s : sessions) {
                Object page = s.getUserProperties().get(SLOTS);
                if (page instanceof List<?> list) {
                    slots.addAll((List<String>) list);
                }
            }
        }
        return slots;
    }

    @Override
    public int push(UUID siteId, String subjectId, String type, JsonObject message) {
        Set<Session> sessions = byVisitor.get(new Visitor(siteId, subjectId));
        if (sessions == null || sessions.isEmpty()) {
            return 0;
        }
        String text =
                JSON.createObjectBuilder(message).add("type", type).build().toString();
        int sent = 0;
        for (Session s : sessions) {
            if (CollectSocket.sendText(s, text)) {
                sent++;
            }
        }
        return sent;
    }

    @Override
    public boolean offerSurvey(UUID siteId, String subjectId, UUID surveyId) {
        Set<Session> sessions = byVisitor.get(new Visitor(siteId, subjectId));
        if (sessions == null) {
            return false;
        }
        for (Session s : sessions) {
            if (!s.isOpen()) {
                continue;
            }
            var due = surveys.due(
                    siteId, subjectId, surveyId, (String) s.getUserProperties().get(URL), (String)
                            s.getUserProperties().get(DEVICE));
            if (due.isEmpty()) {
                return false; // not for this visitor or page, or capped: the showing was not recorded
            }
            if (CollectSocket.sendText(
                    s,
                    JSON.createObjectBuilder()
                            .add("type", "survey")
                            .add("survey", due.get())
                            .build()
                            .toString())) {
                return true;
            }
        }
        return false;
    }

    /** After a console change commits: each open widget of the site gets its surveys again, within a second. */
    void onSurveysChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) SurveysChanged change) {
        surveys.forget(change.siteId());
        Set<Session> sessions = bySite.get(change.siteId());
        if (sessions == null || sessions.isEmpty()) {
            return;
        }
        List<Session> open = List.copyOf(sessions);
        workers.answers().execute(() -> {
            for (Session s : open) {
                try {
                    sendSurveys(s, change.siteId());
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "Could not refresh the surveys of a socket", e);
                }
            }
        });
    }

    /** The surveys due on the socket's current page, with their triggers. */
    void sendSurveys(Session session, UUID siteId) {
        String subject = (String) session.getUserProperties().get(SUBJECT);
        if (subject == null || !session.isOpen()) {
            return;
        }
        List<JsonObject> due = surveys.eligible(
                siteId, subject, (String) session.getUserProperties().get(URL), (String)
                        session.getUserProperties().get(DEVICE));
        JsonArrayBuilder list = JSON.createArrayBuilder();
        due.forEach(list::add);
        CollectSocket.sendText(
                session,
                JSON.createObjectBuilder()
                        .add("type", "surveys")
                        .add("surveys", list)
                        .build()
                        .toString());
    }

    private static <K> void remove(Map<K, Set<Session>> map, K key, Session session) {
        map.computeIfPresent(key, (k, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }
}
