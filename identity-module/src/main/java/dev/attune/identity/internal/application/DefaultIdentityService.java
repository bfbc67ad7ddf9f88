package dev.attune.identity.internal.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.attune.feedback.api.SubjectLinks;
import dev.attune.identity.api.Conflict;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.IdentifierRef;
import dev.attune.identity.api.IdentityService;
import dev.attune.identity.api.Person;
import dev.attune.identity.api.PersonErased;
import dev.attune.identity.api.PersonGraph;
import dev.attune.identity.api.PersonSplit;
import dev.attune.identity.api.PersonsMerged;
import dev.attune.identity.internal.domain.Identifiers;
import dev.attune.identity.internal.persistence.JdbcGraph;
import dev.attune.identity.internal.persistence.JdbcGraph.Link;
import dev.attune.identity.internal.persistence.JdbcGraph.Node;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import java.security.Principal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The identity graph. Every change takes the site's graph lock (a transaction-scoped advisory lock, so it holds across
 * instances) and runs in one transaction with its audit entry; merges move the smaller component into the larger
 * (incremental: the work is the size of the smaller one), leaving the absorbed person as a tombstone so an unmerge can
 * bring it back under its old id. Subject → person-key answers are cached and dropped after every merge or split.
 */
@ApplicationScoped
public class DefaultIdentityService implements IdentityService, SubjectLinks {
    /** Traits of an identify call that are identifiers (others are not stored). */
    static final Map<String, IdentifierKind> IDENTIFYING_TRAITS =
            Map.of("email", IdentifierKind.EMAIL, "phone", IdentifierKind.PHONE, "deviceId", IdentifierKind.DEVICE);

    @Inject
    JdbcGraph graph;

    @Inject
    IdentityKeys keys;

    @Inject
    AuditLog audit;

    @Inject
    Instance<SecurityContext> security;

    @Inject
    Event<PersonsMerged> merged;

    @Inject
    Event<PersonSplit> split;

    @Inject
    @ConfigProperty(name = "attune.identity.shared-device-size", defaultValue = "50")
    int sharedDeviceSize;

    /** Subject → its person (empty: unknown to the graph); only the subjects that change person are dropped on a merge. */
    private final Cache<String, Optional<UUID>> personOf =
            Caffeine.newBuilder().maximumSize(500_000).build();
    /** Person → its subjects, oldest first. */
    private final Cache<UUID, List<String>> subjectsOf =
            Caffeine.newBuilder().maximumSize(100_000).build();

    @Override
    @Transactional
    public Person identify(UUID siteId, String subject, String userId, Map<String, String> traits, String source) {
        List<FieldError> errors = new ArrayList<>();
        String anon = valid(errors, "subjectId", IdentifierKind.ANONYMOUS, subject, true);
        String user = valid(errors, "userId", IdentifierKind.USER, userId, false);
        Map<IdentifierKind, String> extra = new LinkedHashMap<>();
        (traits == null ? Map.<String, String>of() : traits).forEach((name, value) -> {
            IdentifierKind kind = IDENTIFYING_TRAITS.get(name);
            if (kind != null && value != null && !value.isBlank()) {
                extra.put(kind, valid(errors, "traits/" + name, kind, value, true));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid identify", errors);
        }
        graph.lockSite(siteId);
        Node anonymous = ensure(siteId, IdentifierKind.ANONYMOUS, anon);
        Node anchor = anonymous;
        if (user != null) {
            anchor = connect(siteId, anonymous, IdentifierKind.USER, user, source);
        }
        for (Map.Entry<IdentifierKind, String> e : extra.entrySet()) {
            connect(siteId, graph.node(anchor.id()).orElseThrow(), e.getKey(), e.getValue(), source);
        }
        return graph.person(graph.node(anonymous.id()).orElseThrow().personId()).orElseThrow();
    }

    @Override
    @Transactional
    public Person alias(UUID siteId, IdentifierRef a, IdentifierRef b, String source, double confidence) {
        List<FieldError> errors = new ArrayList<>();
        String va = a == null || a.kind() == null
                ? missing(errors, "a")
                : valid(errors, "a/value", a.kind(), a.value(), true);
        String vb = b == null || b.kind() == null
                ? missing(errors, "b")
                : valid(errors, "b/value", b.kind(), b.value(), true);
        if (!(confidence > 0 && confidence <= 1)) {
            errors.add(new FieldError("confidence", "must be greater than 0 and at most 1"));
        }
        if (errors.isEmpty() && a.kind() == b.kind() && va.equals(vb)) {
            errors.add(new FieldError("b", "is the same identifier as a (an identifier cannot alias itself)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid alias", errors);
        }
        graph.lockSite(siteId);
        Node na = ensure(siteId, a.kind(), va);
        Node nb = ensure(siteId, b.kind(), vb);
        link(siteId, na, nb, source, confidence, true);
        return graph.person(graph.node(na.id()).orElseThrow().personId()).orElseThrow();
    }

    @Override
    public Optional<Person> lookup(UUID siteId, IdentifierRef identifier) {
        String v;
        try {
            v = Identifiers.normalise(identifier.kind(), identifier.value());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("value", e.getMessage());
        }
        return graph.node(siteId, identifier.kind(), keys.keys().hash(siteId, identifier.kind(), v))
                .flatMap(n -> graph.person(n.personId()));
    }

    @Override
    public Optional<Person> person(UUID personId) {
        return graph.person(personId);
    }

    @Override
    public Optional<PersonGraph> graph(UUID personId) {
        return graph.person(personId)
                .map(p -> new PersonGraph(
                        p,
                        graph.nodes(p.id()).stream().map(Node::identifier).toList(),
                        graph.liveLinks(p.id()).stream().map(Link::edge).toList(),
                        graph.history(p.id(), 200)));
    }

    @Override
    public String personKey(UUID siteId, String subject) {
        List<String> all = subjects(siteId, subject);
        return all.isEmpty() ? subject : all.get(0);
    }

    @Override
    public Set<String> linkedSubjects(UUID siteId, String subject) {
        List<String> all = subjects(siteId, subject);
        return all.isEmpty() ? Set.of(subject) : new LinkedHashSet<>(all);
    }

    /** For the consent ledger: consent is per person (the strictest choice among a person's subjects wins). */
    @Override
    public Set<String> linked(UUID siteId, String subjectId) {
        return linkedSubjects(siteId, subjectId);
    }

    /**
     * Many subjects at once (the consent check of an ingest batch): the subjects the caches do not know are looked up
     * in one query, their persons' subject lists in one more.
     */
    @Override
    public Map<String, Set<String>> linked(UUID siteId, Collection<String> subjectIds) {
        String prefix = siteId + "|";
        Map<String, Optional<UUID>> persons =
                personOf.getAll(subjectIds.stream().map(s -> prefix + s).toList(), missing -> {
                    Map<String, UUID> found = graph.personsOfSubjects(
                            siteId,
                            missing.stream()
                                    .map(k -> k.substring(prefix.length()))
                                    .toList());
                    Map<String, Optional<UUID>> loaded = new HashMap<>();
                    missing.forEach(k -> loaded.put(k, Optional.ofNullable(found.get(k.substring(prefix.length())))));
                    return loaded;
                });
        Set<UUID> known = new HashSet<>();
        persons.values().forEach(p -> p.ifPresent(known::add));
        Map<UUID, List<String>> subjectLists =
                known.isEmpty() ? Map.of() : subjectsOf.getAll(known, graph::subjectsOfPersons);
        Map<String, Set<String>> linked = new HashMap<>();
        for (String subject : subjectIds) {
            List<String> all = persons.get(prefix + subject)
                    .map(p -> subjectLists.getOrDefault(p, List.of()))
                    .orElse(List.of());
            linked.put(subject, all.isEmpty() ? Set.of(subject) : new LinkedHashSet<>(all));
        }
        return linked;
    }

    private List<String> subjects(UUID siteId, String subject) {
        Optional<UUID> person = personOf.get(siteId + "|" + subject, k -> graph.personOfSubject(siteId, subject));
        return person.map(p -> subjectsOf.get(p, k -> List.copyOf(graph.subjects(p))))
                .orElse(List.of());
    }

    @Override
    @Transactional
    public Person merge(UUID siteId, UUID personA, UUID personB) {
        if (personA.equals(personB)) {
            throw InvalidInputException.of("b", "is the same person as a");
        }
        graph.lockSite(siteId);
        Node a = oldest(siteId, personA, "a");
        Node b = oldest(siteId, personB, "b");
        link(siteId, a, b, "console", 1.0, true);
        return graph.person(graph.node(a.id()).orElseThrow().personId()).orElseThrow();
    }

    @Override
    @Transactional
    public List<Person> unmerge(UUID siteId, long edgeId) {
        graph.lockSite(siteId);
        Link link = graph.link(siteId, edgeId)
                .orElseThrow(() -> new ApiProblem(404, "Unknown link", "No link " + edgeId + " in this site"));
        if (link.edge().removedAt() != null) {
            throw new ApiProblem(
                    409,
                    "Link already removed",
                    "Link " + edgeId + " was removed at " + link.edge().removedAt());
        }
        Node a = graph.node(link.edge().a()).orElseThrow();
        UUID person = a.personId();
        List<Node> nodes = graph.nodes(person);
        graph.removeEdge(edgeId, actor());
        Map<Long, List<Long>> adjacent = new HashMap<>();
        for (Link l : graph.liveLinks(person)) {
            adjacent.computeIfAbsent(l.edge().a(), k -> new ArrayList<>())
                    .add(l.edge().b());
            adjacent.computeIfAbsent(l.edge().b(), k -> new ArrayList<>())
                    .add(l.edge().a());
        }
        Set<Long> fromA = reachable(link.edge().a(), adjacent);
        if (fromA.contains(link.edge().b())) {
            graph.history(
                    siteId,
                    "unmerge",
                    person,
                    null,
                    edgeId,
                    actor(),
                    "link removed; the person stays connected through other links");
            audit.record(
                    "identity.unmerge",
                    person.toString(),
                    AuditOutcome.SUCCESS,
                    Map.of("link", edgeId, "split", false));
            return List.of(graph.person(person).orElseThrow());
        }
        Set<Long> fromB = reachable(link.edge().b(), adjacent);
        // The part that was absorbed by this link gets its old person back; otherwise the part without the oldest
        // identifier moves.
        Set<Long> moving;
        UUID target;
        if (link.absorbedPerson() != null
                && graph.mergedInto(link.absorbedPerson()).map(person::equals).orElse(false)) {
            moving = fromA.contains(link.absorbedEnd()) ? fromA : fromB;
            target = link.absorbedPerson();
        } else {
            long oldest = nodes.get(0).id();
            moving = fromA.contains(oldest) ? fromB : fromA;
            target = UUID.randomUUID();
            graph.insertPerson(target, siteId);
        }
        Set<String> keptSubjects = new LinkedHashSet<>();
        Set<String> movedSubjects = new LinkedHashSet<>();
        for (Node n : nodes) {
            if (n.identifier().subject() != null) {
                (moving.contains(n.id()) ? movedSubjects : keptSubjects)
                        .add(n.identifier().subject());
            }
        }
        graph.split(person, target, List.copyOf(moving), sharedDeviceSize);
        graph.history(
                siteId,
                "unmerge",
                person,
                target,
                edgeId,
                actor(),
                moving.size() + " identifiers now belong to " + target);
        audit.record(
                "identity.unmerge",
                person.toString(),
                AuditOutcome.SUCCESS,
                Map.of(
                        "link",
                        edgeId,
                        "split",
                        true,
                        "newPerson",
                        target.toString(),
                        "identifiersMoved",
                        moving.size()));
        forget(siteId, movedSubjects, person, target);
        split.fire(new PersonSplit(siteId, person, target, keptSubjects, movedSubjects));
        return List.of(graph.person(person).orElseThrow(), graph.person(target).orElseThrow());
    }

    @Override
    public List<Person> recent(UUID siteId, int limit) {
        return graph.recent(siteId, Math.max(1, Math.min(limit, 1000)));
    }

    @Override
    public List<Conflict> conflicts(UUID siteId, boolean openOnly, int limit) {
        return graph.conflicts(siteId, openOnly, Math.max(1, Math.min(limit, 1000)));
    }

    @Override
    @Transactional
    public void resolveConflict(UUID siteId, long conflictId) {
        if (!graph.resolveConflict(siteId, conflictId, actor())) {
            throw new ApiProblem(404, "Unknown conflict", "No open conflict " + conflictId + " in this site");
        }
        audit.record(
                "identity.conflict.resolve",
                String.valueOf(conflictId),
                AuditOutcome.SUCCESS,
                Map.of("site", siteId.toString()));
    }

    /**
     * Cached subject lists are dropped again once the change is committed (a read between the change and the commit may
     * have cached the old state), before any other module's observer asks for them.
     */
    void onMerged(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(Interceptor.Priority.LIBRARY_BEFORE)
                    PersonsMerged m) {
        forget(m.siteId(), m.absorbedSubjects(), m.survivor(), m.absorbed());
    }

    void onSplit(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(Interceptor.Priority.LIBRARY_BEFORE)
                    PersonSplit s) {
        forget(s.siteId(), s.splitSubjects(), s.person(), s.split());
    }

    void onErased(@Observes PersonErased e) {
        forget(e.siteId(), e.subjects(), e.personId());
    }

    /** Subjects that changed person (or appeared), and the persons whose subject lists changed. */
    void forget(UUID siteId, Set<String> subjects, UUID... persons) {
        subjects.forEach(s -> personOf.invalidate(siteId + "|" + s));
        for (UUID p : persons) {
            subjectsOf.invalidate(p);
        }
    }

    /**
     * Links two identifiers. Same person: records the extra link. Different persons: merges them, unless both carry
     * different user ids (a conflict: refused with 409 when the caller asked for exactly this, recorded otherwise).
     */
    void link(UUID siteId, Node a, Node b, String source, double confidence, boolean explicit) {
        String actor = actor();
        if (a.personId().equals(b.personId())) {
            if (!graph.liveEdge(a.id(), b.id())) {
                graph.insertEdge(siteId, a.id(), b.id(), source, confidence, actor, null, null);
            }
            return;
        }
        JdbcGraph.Component pa = graph.component(a.personId()).orElseThrow();
        JdbcGraph.Component pb = graph.component(b.personId()).orElseThrow();
        if (differentUsers(graph.userHashes(pa.id()), graph.userHashes(pb.id()))) {
            String detail = "linking " + a.identifier().kind().wireName() + " "
                    + a.identifier().hint() + " to " + b.identifier().kind().wireName() + " "
                    + b.identifier().hint() + " would join two different user ids";
            if (explicit) {
                throw new ApiProblem(409, "Two user ids", detail + "; nothing was changed");
            }
            graph.conflict(siteId, "user_ids", pa.id(), pb.id(), source, detail);
            audit.record(
                    "identity.conflict",
                    pa.id().toString(),
                    AuditOutcome.DENIED,
                    Map.of("other", pb.id().toString(), "source", source));
            return;
        }
        boolean aSurvives = pa.identifiers() > pb.identifiers()
                || (pa.identifiers() == pb.identifiers() && !pa.createdAt().isAfter(pb.createdAt()));
        JdbcGraph.Component survivor = aSurvives ? pa : pb;
        JdbcGraph.Component absorbed = aSurvives ? pb : pa;
        String survivorKey = graph.keySubject(survivor.id()).orElse(null);
        Set<String> absorbedSubjects = Set.copyOf(graph.subjects(absorbed.id()));
        Node absorbedEnd = aSurvives ? b : a;
        long edge =
                graph.insertEdge(siteId, a.id(), b.id(), source, confidence, actor, absorbed.id(), absorbedEnd.id());
        int moved = graph.absorb(absorbed.id(), survivor.id());
        graph.history(
                siteId,
                "merge",
                survivor.id(),
                absorbed.id(),
                edge,
                actor,
                source + ": " + moved + " identifiers joined ("
                        + a.identifier().kind().wireName() + " "
                        + a.identifier().hint() + " ↔ " + b.identifier().kind().wireName() + " "
                        + b.identifier().hint() + ")");
        audit.record(
                "identity.merge",
                survivor.id().toString(),
                AuditOutcome.SUCCESS,
                Map.of("absorbed", absorbed.id().toString(), "link", edge, "source", source, "confidence", confidence));
        flagIfShared(siteId, survivor.id(), source, edge);
        forget(siteId, absorbedSubjects, survivor.id(), absorbed.id());
        merged.fire(new PersonsMerged(siteId, survivor.id(), absorbed.id(), survivorKey, absorbedSubjects));
    }

    private static boolean differentUsers(List<byte[]> a, List<byte[]> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        Set<String> all = new HashSet<>();
        a.forEach(h -> all.add(Arrays.toString(h)));
        b.forEach(h -> all.add(Arrays.toString(h)));
        return all.size() > 1;
    }

    /**
     * The identifier linked to {@code to}: a new one joins {@code to}'s person directly (an identifier added, not two
     * persons merged), an existing one is linked (which may merge, or be refused as a conflict).
     */
    Node connect(UUID siteId, Node to, IdentifierKind kind, String normalised, String source) {
        byte[] hash = keys.keys().hash(siteId, kind, normalised);
        Optional<Node> existing = graph.node(siteId, kind, hash);
        if (existing.isPresent()) {
            graph.touch(existing.get().id());
            link(siteId, to, existing.get(), source, 1.0, false);
            return graph.node(existing.get().id()).orElseThrow();
        }
        if (kind == IdentifierKind.USER && !graph.userHashes(to.personId()).isEmpty()) {
            Node own = ensure(siteId, kind, normalised); // a second user id: a person of its own, and a conflict
            link(siteId, to, own, source, 1.0, false);
            return own;
        }
        long id = insert(siteId, kind, normalised, hash, to.personId());
        long edge = graph.insertEdge(siteId, to.id(), id, source, 1.0, actor(), null, null);
        flagIfShared(siteId, to.personId(), source, edge);
        return graph.node(id).orElseThrow();
    }

    /** A person grown past the configured size is flagged once as a likely shared device (a conflict to review). */
    private void flagIfShared(UUID siteId, UUID personId, String source, long edge) {
        JdbcGraph.Component c = graph.component(personId).orElseThrow();
        if (c.identifiers() > sharedDeviceSize && !c.sharedDevice()) {
            graph.flagShared(personId);
            graph.conflict(
                    siteId,
                    "shared_device",
                    personId,
                    null,
                    source,
                    c.identifiers() + " identifiers in one person (more than " + sharedDeviceSize
                            + "): likely a shared device");
            graph.history(
                    siteId,
                    "flag",
                    personId,
                    null,
                    edge,
                    actor(),
                    "likely shared device: " + c.identifiers() + " identifiers");
        }
    }

    Node ensure(UUID siteId, IdentifierKind kind, String normalised) {
        byte[] hash = keys.keys().hash(siteId, kind, normalised);
        Optional<Node> existing = graph.node(siteId, kind, hash);
        if (existing.isPresent()) {
            graph.touch(existing.get().id());
            return existing.get();
        }
        UUID person = UUID.randomUUID();
        graph.insertPerson(person, siteId);
        return graph.node(insert(siteId, kind, normalised, hash, person)).orElseThrow();
    }

    private long insert(UUID siteId, IdentifierKind kind, String normalised, byte[] hash, UUID person) {
        boolean anonymous = kind == IdentifierKind.ANONYMOUS;
        long id = graph.insertIdentifier(
                siteId,
                kind,
                hash,
                anonymous ? normalised : null,
                anonymous ? null : keys.keys().seal(siteId, normalised),
                anonymous ? null : keys.keys().currentVersion(),
                Identifiers.hint(kind, normalised),
                person);
        if (anonymous) {
            forget(siteId, Set.of(normalised), person);
        }
        return id;
    }

    private Node oldest(UUID siteId, UUID personId, String field) {
        Person p = graph.person(personId)
                .filter(x -> x.siteId().equals(siteId))
                .orElseThrow(() -> InvalidInputException.of(field, "no such person in this site"));
        return graph.nodes(p.id()).get(0);
    }

    private static Set<Long> reachable(long start, Map<Long, List<Long>> adjacent) {
        Set<Long> seen = new HashSet<>(List.of(start));
        Deque<Long> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            for (long next : adjacent.getOrDefault(todo.pop(), List.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }

    private static String valid(
            List<FieldError> errors, String field, IdentifierKind kind, String value, boolean required) {
        if (value == null && !required) {
            return null;
        }
        try {
            return Identifiers.normalise(kind, value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    private static String missing(List<FieldError> errors, String field) {
        errors.add(new FieldError(
                field, "is required: {\"kind\": one of anonymous, device, user, email, phone, custom, \"value\"}"));
        return null;
    }

    String actor() {
        try {
            Principal p = security.isResolvable() ? security.get().getCallerPrincipal() : null;
            return p == null ? "system" : p.getName();
        } catch (RuntimeException outsideRequest) {
            return "system";
        }
    }
}
