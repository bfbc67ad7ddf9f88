package dev.attune.feedback.internal.websocket;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentState;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.IngestSource;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.api.SlotsRequested;
import dev.attune.feedback.api.SubmissionResult;
import dev.attune.feedback.api.VisitorArrived;
import dev.attune.feedback.api.VisitorIdentified;
import dev.attune.feedback.internal.application.EventSchemaRegistry;
import dev.attune.feedback.internal.application.SurveyDelivery;
import dev.attune.feedback.internal.application.Workers;
import dev.attune.feedback.internal.domain.EventRules;
import dev.attune.feedback.internal.integrity.RateLimits;
import dev.attune.feedback.internal.rest.ConsentJson;
import dev.attune.feedback.internal.rest.EventResultsJson;
import dev.attune.feedback.internal.rest.WidgetMessages;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.JsonBodies;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The widget's socket: {@code /ws/v1/collect?key=pk_...} from an Origin the site allows. Messages
 * {@code {"type":"events","ref":"…","events":[…]}} (up to 100 events) are stored through the group-commit writer and
 * answered with one {@code ack} per message once committed: a result per event, accepted, duplicate or rejected
 * with its errors. When storing fails the answer is a {@code nack}: nothing of that message was acknowledged.
 * {@code hello} (subject, page, device, slots) and {@code page} (single-page navigation) are answered with the
 * {@code surveys} the visitor may see there; {@code survey_due} (a survey's trigger fired in the browser) with the
 * {@code survey} to render, or {@code survey_skipped}; {@code consent} and {@code identify} record choices and ids.
 * The server pushes {@code surveys} again after console changes and {@code recommendations} for the page's slots.
 */
@ServerEndpoint(value = "/ws/v1/collect", configurator = CollectSocketConfigurator.class)
public class CollectSocket {
    static final int MAX_EVENTS_PER_MESSAGE = 100;
    /** A widget socket with no message either way for this long is closed (the widget reconnects when needed). */
    static final long IDLE_MILLIS = TimeUnit.MINUTES.toMillis(30);

    private static final Logger LOG = Logger.getLogger(CollectSocket.class.getName());
    private static final String SITE = "attune.site";
    /** The one subject this socket acts for: the first it named (in hello, consent, identify or events). */
    private static final String BOUND = "attune.bound-subject";

    private static final String CLOSING = "attune.closing";

    static final String OTHER_SUBJECT = "must be the subject this socket said hello as; a socket acts for one visitor";

    @Inject
    SiteService sites;

    @Inject
    FeedbackService feedback;

    @Inject
    EventRules rules;

    @Inject
    ConsentService consent;

    @Inject
    Workers workers;

    @Inject
    RateLimits limits;

    @Inject
    EventSchemaRegistry schemas;

    static final String SOURCE = "attune.source";

    @Inject
    VisitorSessions visitors;

    @Inject
    SocketLimits socketLimits;

    @Inject
    SurveyDelivery surveys;

    @Inject
    Event<SlotsRequested> slotsRequested;

    @Inject
    Event<VisitorIdentified> identified;

    @Inject
    Event<VisitorArrived> arrived;

    /**
     * Binds the socket to {@code subject} if it is not bound yet; answers whether the socket acts for that subject.
     * With the public key anyone can open a socket, so a socket may never speak for someone else's anonymous id.
     */
    private static boolean actsFor(Session session, String subject) {
        Object bound = session.getUserProperties().putIfAbsent(BOUND, subject);
        return bound == null || bound.equals(subject);
    }

    /** The client's address as the container knows it (Tyrus exposes it on its session class), or null. */
    private static String remoteAddress(Session session) {
        try {
            Object address = session.getClass().getMethod("getRemoteAddr").invoke(session);
            return address == null ? null : address.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        // WebSocket 2.1: the session's properties are this connection's copy of what the handshake stored.
        Map<String, Object> properties = session.getUserProperties();
        String origin = (String) properties.get(CollectSocketConfigurator.ORIGIN);
        List<String> key = session.getRequestParameterMap().get("key");
        var site = key == null || key.isEmpty()
                ? Optional.<SiteSummary>empty()
                : sites.authenticatePublicKey(key.get(0), origin);
        if (site.isEmpty()) {
            session.close(new CloseReason(
                    CloseReason.CloseCodes.VIOLATED_POLICY,
                    key == null || key.isEmpty() ? "Missing key parameter" : "Unknown key or origin not allowed"));
            return;
        }
        String address = remoteAddress(session);
        Optional<CloseReason> refused =
                socketLimits.open(session, address, site.get().id());
        if (refused.isPresent()) {
            session.close(refused.get());
            return;
        }
        session.getUserProperties().put(SITE, site.get());
        session.getUserProperties().put(SOURCE, new IngestSource(IngestSource.Channel.BROWSER, address, (String)
                properties.get(CollectSocketConfigurator.USER_AGENT)));
        SessionTimers.use(session, workers.timers());
        session.setMaxIdleTimeout(IDLE_MILLIS);
        send(
                session,
                JSON.createObjectBuilder()
                        .add("type", "ready")
                        .add("site", site.get().name())
                        .build());
    }

    @OnClose
    public void close(Session session) {
        socketLimits.closed(session);
        SiteSummary site = (SiteSummary) session.getUserProperties().get(SITE);
        visitors.closed(session, site == null ? null : site.id());
    }

    /**
     * Who is here and where: {@code {"type":"hello","subjectId","url","device","slots":[…]}} on connect, {@code page}
     * on single-page navigation (same fields; subject optional). Answered with the surveys due on that page;
     * recommendation slots are asked of whoever fills them, who pushes {@code recommendations}.
     */
    private void page(Session session, SiteSummary site, String ref, JsonObject message) {
        Map<String, Object> p = session.getUserProperties();
        try {
            String subject = ConsentJson.optionalString(message, "subjectId", EventRules.MAX_ID_LENGTH);
            if (subject == null && p.get(VisitorSessions.SUBJECT) == null) {
                throw InvalidInputException.of("subjectId", "is required in hello");
            }
            if (subject != null && !actsFor(session, subject)) {
                throw InvalidInputException.of("subjectId", OTHER_SUBJECT);
            }
            String url = ConsentJson.optionalString(message, "url", 2000);
            String device = ConsentJson.optionalString(message, "device", 20);
            List<String> slots = new ArrayList<>();
            if (message.get("slots") instanceof JsonArray array) {
                for (JsonValue v : array) {
                    if (v instanceof JsonString slot
                            && slot.getString().matches("[A-Za-z0-9_-]{1,60}")
                            && slots.size() < 10) {
                        slots.add(slot.getString());
                    } else {
                        throw InvalidInputException.of(
                                "slots", "must be up to 10 slot names of letters, digits, - and _");
                    }
                }
            }
            if (subject != null) {
                visitors.hello(session, site.id(), subject);
            }
            if (url != null) {
                p.put(VisitorSessions.URL, url);
            }
            if (device != null) {
                p.put(VisitorSessions.DEVICE, device);
            }
            if (message.containsKey("slots")) {
                p.put(VisitorSessions.SLOTS, List.copyOf(slots));
            }
            if (ref != null) {
                send(
                        session,
                        with(ref, JSON.createObjectBuilder().add("type", "ok")).build());
            }
            visitors.sendSurveys(session, site.id());
            if (subject != null) {
                arrived.fire(new VisitorArrived(site.id(), subject, (String) p.get(VisitorSessions.URL), (String)
                        p.get(VisitorSessions.DEVICE)));
            }
            if (!slots.isEmpty()) {
                slotsRequested.fire(new SlotsRequested(
                        site.id(), (String) p.get(VisitorSessions.SUBJECT), List.copyOf(slots), (String)
                                p.get(VisitorSessions.URL)));
            }
        } catch (InvalidInputException e) {
            send(session, errors(ref, e));
        }
    }

    /** A survey's trigger fired in the browser: the survey to render if it is still due, else survey_skipped. */
    private void surveyDue(Session session, SiteSummary site, String ref, JsonObject message) {
        String subject = (String) session.getUserProperties().get(VisitorSessions.SUBJECT);
        UUID id;
        try {
            id = UUID.fromString(message.getString("survey", ""));
        } catch (IllegalArgumentException e) {
            send(session, error(ref, "survey", "must be a survey id"));
            return;
        }
        if (subject == null) {
            send(session, error(ref, "subjectId", "say hello with a subjectId first"));
            return;
        }
        var due = surveys.due(
                site.id(), subject, id, (String) session.getUserProperties().get(VisitorSessions.URL), (String)
                        session.getUserProperties().get(VisitorSessions.DEVICE));
        send(
                session,
                with(
                                ref,
                                due.map(survey -> JSON.createObjectBuilder()
                                                .add("type", "survey")
                                                .add("survey", survey))
                                        .orElseGet(() -> JSON.createObjectBuilder()
                                                .add("type", "survey_skipped")
                                                .add("survey", id.toString())))
                        .build());
    }

    /**
     * {@code attune.identify}: the site's user id for this anonymous subject, with string traits. Needs analytics
     * consent (without it nothing about the subject is kept); published for the identity module.
     */
    private void identify(Session session, SiteSummary site, String ref, JsonObject message) {
        try {
            String subject = ConsentJson.optionalString(message, "subjectId", EventRules.MAX_ID_LENGTH);
            String user = ConsentJson.optionalString(message, "userId", EventRules.MAX_ID_LENGTH);
            String userHash = ConsentJson.optionalString(message, "userHash", 128);
            List<FieldError> errors = new ArrayList<>();
            if (subject == null) {
                errors.add(new FieldError("subjectId", "is required"));
            } else if (!actsFor(session, subject)) {
                errors.add(new FieldError("subjectId", OTHER_SUBJECT));
            }
            if (user == null) {
                errors.add(new FieldError("userId", "is required"));
            }
            Map<String, String> traits = new LinkedHashMap<>();
            if (message.get("traits") instanceof JsonObject t) {
                for (var entry : t.entrySet()) {
                    if (traits.size() >= 50
                            || entry.getKey().length() > 100
                            || !(entry.getValue() instanceof JsonString v)
                            || v.getString().length() > 500) {
                        errors.add(new FieldError(
                                "traits/" + entry.getKey(), "traits are up to 50 strings of at most 500 characters"));
                        break;
                    }
                    traits.put(entry.getKey(), v.getString());
                }
            } else if (message.containsKey("traits") && message.get("traits") != JsonValue.NULL) {
                errors.add(new FieldError("traits", "must be an object of strings"));
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException(400, "Invalid identify", errors);
            }
            boolean allowed = consent.current(site.id(), subject).allows(Purpose.ANALYTICS);
            VisitorIdentified claim = new VisitorIdentified(site.id(), subject, user, Map.copyOf(traits), userHash);
            if (allowed) {
                // the identity module checks userHash and refuses an unverified identify where the site requires it
                identified.fire(claim);
            }
            send(
                    session,
                    with(
                                    ref,
                                    JSON.createObjectBuilder()
                                            .add("type", "identified")
                                            .add("stored", allowed)
                                            .add("verified", allowed && claim.verified()))
                            .build());
        } catch (InvalidInputException e) {
            send(session, errors(ref, e));
        }
    }

    @OnMessage(maxMessageSize = 256 * 1024)
    public void message(Session session, String text) {
        SiteSummary site = (SiteSummary) session.getUserProperties().get(SITE);
        if (site == null) {
            return;
        }
        if (session.getUserProperties().containsKey(CLOSING)) {
            return; // what a flooding socket sent before its close took effect: dropped, not answered
        }
        Optional<CloseReason> tooFast = socketLimits.message(session);
        if (tooFast.isPresent()) {
            session.getUserProperties().put(CLOSING, Boolean.TRUE);
            try {
                session.close(tooFast.get());
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing a socket over its message rate failed", e);
            }
            return;
        }
        JsonObject message;
        try {
            message = JsonBodies.object(JsonBodies.parse(text, "(message)"), "(message)");
        } catch (InvalidInputException e) { // too deep, a key twice, not JSON: an error answer, the socket stays open
            send(session, errors(null, e));
            return;
        }
        String ref = message.containsKey("ref") && message.get("ref").getValueType() == JsonValue.ValueType.STRING
                ? message.getString("ref")
                : null;
        String type = message.containsKey("type") && message.get("type").getValueType() == JsonValue.ValueType.STRING
                ? message.getString("type")
                : "";
        switch (type) {
            case "ping" ->
                send(
                        session,
                        with(ref, JSON.createObjectBuilder().add("type", "pong"))
                                .build());
            case "events" -> events(session, site, ref, message.get("events"));
            case "consent" -> consent(session, site, ref, message);
            case "hello", "page" -> page(session, site, ref, message);
            case "survey_due" -> surveyDue(session, site, ref, message);
            case "identify" -> identify(session, site, ref, message);
            default ->
                send(
                        session,
                        error(
                                ref,
                                "type",
                                "must be 'events', 'consent', 'hello', 'page', 'survey_due', "
                                        + "'identify' or 'ping'"));
        }
    }

    private void consent(Session session, SiteSummary site, String ref, JsonObject message) {
        try {
            String subject = ConsentJson.optionalString(message, "subjectId", EventRules.MAX_ID_LENGTH);
            if (subject != null && !actsFor(session, subject)) {
                throw InvalidInputException.of("subjectId", OTHER_SUBJECT);
            }
            ConsentState state = WidgetMessages.recordConsent(consent, site.id(), message, privacySignal(session));
            signalled(session).add(state.subjectId());
            // choices changed what the visitor may be part of (experiments): modules push again
            arrived.fire(new VisitorArrived(
                    site.id(),
                    state.subjectId(),
                    (String) session.getUserProperties().get(VisitorSessions.URL),
                    (String) session.getUserProperties().get(VisitorSessions.DEVICE)));
            send(
                    session,
                    with(ref, JSON.createObjectBuilder().add("type", "consent").add("state", ConsentJson.state(state)))
                            .build());
        } catch (InvalidInputException e) {
            send(session, errors(ref, e));
        }
    }

    private static boolean privacySignal(Session session) {
        return Boolean.TRUE.equals(session.getUserProperties().get(CollectSocketConfigurator.GPC));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> signalled(Session session) {
        return (Set<String>) session.getUserProperties()
                .computeIfAbsent(CollectSocketConfigurator.SIGNALLED, k -> ConcurrentHashMap.newKeySet());
    }

    private void events(Session session, SiteSummary site, String ref, JsonValue raw) {
        WidgetMessages.Events read;
        try {
            read = WidgetMessages.readEvents(raw, MAX_EVENTS_PER_MESSAGE, rules, schemas, site.id(), Instant.now());
        } catch (InvalidInputException e) {
            send(session, errors(ref, e));
            return;
        }
        read = read.onlyFor(subject -> actsFor(session, subject), new FieldError("subjectId", OTHER_SUBJECT));
        List<NewFeedbackEvent> valid = read.valid();
        List<List<FieldError>> rejected = read.rejected();
        if (valid.isEmpty()) {
            send(session, ack(ref, List.of(), rejected));
            return;
        }
        if (privacySignal(session)) {
            WidgetMessages.withdrawForPrivacySignal(consent, site.id(), valid, signalled(session));
        }
        IngestSource source = (IngestSource) session.getUserProperties().get(SOURCE);
        var wait = limits.admitSite(site.id(), valid.size())
                .or(() -> limits.admitAddress(source.clientAddress(), valid.size()));
        if (wait.isPresent()) {
            send(
                    session,
                    nack(
                            ref,
                            valid,
                            Math.max(1, wait.get().toMillis()),
                            "rate limit reached; send again later with the same ids"));
            return;
        }
        feedback.submitAll(site.id(), valid, source)
                .whenCompleteAsync(
                        (results, failure) -> {
                            try {
                                if (failure == null) {
                                    send(session, ack(ref, results, rejected));
                                    surveyAnswers(site, valid, results);
                                } else {
                                    LOG.log(
                                            Level.FINE,
                                            "Storing " + valid.size()
                                                    + " events from a widget socket failed; answered nack",
                                            failure);
                                    send(session, nack(ref, valid, 1000, "not stored; send again with the same ids"));
                                }
                            } catch (RuntimeException e) {
                                // an answer that is never sent would otherwise vanish without a trace (the client
                                // resends unanswered ids)
                                LOG.log(Level.WARNING, "Answering a widget socket's events failed", e);
                            }
                        },
                        workers.answers());
    }

    /** The first answer to a survey showing marks it answered (the console counts completion from it). */
    private void surveyAnswers(SiteSummary site, List<NewFeedbackEvent> events, List<SubmissionResult> results) {
        for (int i = 0; i < events.size(); i++) {
            NewFeedbackEvent e = events.get(i);
            if (e.propertiesJson() != null
                    && e.propertiesJson().contains("\"surveyId\"")
                    && results.get(i).status() == SubmissionResult.Status.ACCEPTED) {
                try {
                    JsonObject p = JSON.createReader(new StringReader(e.propertiesJson()))
                            .readObject();
                    surveys.answered(site.id(), e.subjectId(), UUID.fromString(p.getString("surveyId")));
                } catch (RuntimeException ignored) {
                    // not one of our surveys' answers
                }
            }
        }
    }

    private static JsonObject ack(String ref, List<SubmissionResult> results, List<List<FieldError>> rejected) {
        return with(
                        ref,
                        JSON.createObjectBuilder()
                                .add("type", "ack")
                                .add("results", EventResultsJson.results(results, rejected)))
                .build();
    }

    /** Nothing of the message was acknowledged: its event ids, to send again after {@code retryAfterMs}. */
    private static JsonObject nack(String ref, List<NewFeedbackEvent> events, long retryAfterMs, String detail) {
        JsonArrayBuilder ids = JSON.createArrayBuilder();
        events.forEach(e -> ids.add(e.eventId().toString()));
        return with(
                        ref,
                        JSON.createObjectBuilder()
                                .add("type", "nack")
                                .add("ids", ids)
                                .add("retryAfterMs", retryAfterMs)
                                .add("detail", detail))
                .build();
    }

    /** The field errors of a refused message, answered on its ref. */
    private static JsonObject errors(String ref, InvalidInputException e) {
        return with(
                        ref,
                        JSON.createObjectBuilder()
                                .add("type", "error")
                                .add("errors", EventResultsJson.errors(e.errors())))
                .build();
    }

    private static JsonObject error(String ref, String field, String message) {
        return with(
                        ref,
                        JSON.createObjectBuilder()
                                .add("type", "error")
                                .add(
                                        "errors",
                                        JSON.createArrayBuilder()
                                                .add(JSON.createObjectBuilder()
                                                        .add("field", field)
                                                        .add("message", message))))
                .build();
    }

    private static JsonObjectBuilder with(String ref, JsonObjectBuilder builder) {
        return ref == null ? builder : builder.add("ref", ref);
    }

    private static void send(Session session, JsonObject message) {
        sendText(session, message.toString());
    }

    /** One writer at a time per session: acknowledgements and pushes complete on pool threads. */
    static boolean sendText(Session session, String text) {
        if (!session.isOpen()) {
            return false;
        }
        synchronized (session) {
            try {
                session.getBasicRemote().sendText(text);
                return true;
            } catch (IOException | IllegalStateException e) {
                LOG.log(
                        Level.FINE,
                        "Socket closed before its answer was sent; the client resends unacknowledged ids",
                        e);
                return false;
            }
        }
    }
}
