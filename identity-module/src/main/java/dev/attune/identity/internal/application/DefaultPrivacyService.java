package dev.attune.identity.internal.application;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.identity.api.Identifier;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.Person;
import dev.attune.identity.api.PersonErased;
import dev.attune.identity.api.PrivacyRequest;
import dev.attune.identity.api.PrivacyService;
import dev.attune.identity.internal.persistence.JdbcGraph;
import dev.attune.identity.internal.persistence.JdbcLinkage;
import dev.attune.identity.internal.persistence.JdbcPrivacy;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Export and erasure of a person across every module ({@link PersonalData} beans) plus the identity module's own rows.
 * A request is queued with a deadline ({@code attune.identity.privacy-deadline-hours}, default 72), picked up by the
 * queue within seconds or processed at once on demand; a failure leaves it failed with the reason and the queue tries
 * again (erasure is idempotent). Every step is audited; the receipt holds counts only, never the person's data.
 */
@ApplicationScoped
public class DefaultPrivacyService implements PrivacyService {
    private static final Logger LOG = Logger.getLogger(DefaultPrivacyService.class.getName());

    @Inject
    JdbcPrivacy store;

    @Inject
    JdbcGraph graph;

    @Inject
    JdbcLinkage linkage;

    @Inject
    IdentityKeys keys;

    @Inject
    DefaultIdentityService identity;

    @Inject
    Instance<PersonalData> modules;

    @Inject
    AuditLog audit;

    @Inject
    Event<PersonErased> erased;

    @Inject
    @ConfigProperty(name = "attune.identity.privacy-deadline-hours", defaultValue = "72")
    int deadlineHours;

    @Override
    public PrivacyRequest requestExport(UUID siteId, UUID personId) {
        return request(siteId, personId, "export");
    }

    @Override
    public PrivacyRequest requestErasure(UUID siteId, UUID personId) {
        return request(siteId, personId, "erasure");
    }

    private PrivacyRequest request(UUID siteId, UUID personId, String kind) {
        graph.person(personId)
                .filter(p -> p.siteId().equals(siteId))
                .orElseThrow(() -> InvalidInputException.of("personId", "no such person in this site"));
        UUID id = UUID.randomUUID();
        store.insert(id, siteId, personId, kind, identity.actor(), Instant.now().plus(Duration.ofHours(deadlineHours)));
        audit.record(
                "privacy." + kind + ".request",
                personId.toString(),
                AuditOutcome.SUCCESS,
                Map.of("request", id.toString(), "site", siteId.toString(), "deadlineHours", deadlineHours));
        return store.find(id).orElseThrow();
    }

    @Override
    public PrivacyRequest process(UUID requestId) {
        PrivacyRequest r = store.find(requestId)
                .orElseThrow(() -> new ApiProblem(404, "Unknown request", "No privacy request " + requestId));
        if (!store.claim(requestId)) {
            return r; // done, or another worker has it
        }
        try {
            if (r.kind().equals("export")) {
                export(r);
            } else {
                erase(r);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Privacy request " + requestId + " failed; it will be tried again", e);
            store.fail(requestId, String.valueOf(e.getMessage()));
            audit.record(
                    "privacy." + r.kind(),
                    r.personId().toString(),
                    AuditOutcome.FAILURE,
                    Map.of("request", requestId.toString(), "error", String.valueOf(e.getMessage())));
        }
        return store.find(requestId).orElseThrow();
    }

    private void export(PrivacyRequest r) {
        Person person = graph.person(r.personId()).orElse(null);
        JsonObjectBuilder doc = JSON.createObjectBuilder()
                .add("person", r.personId().toString())
                .add("site", r.siteId().toString())
                .add("generatedAt", Instant.now().toString())
                .add("request", r.id().toString());
        JsonObjectBuilder receipt = JSON.createObjectBuilder();
        if (person == null) {
            doc.add("note", "the person no longer exists (merged into another or erased)");
        } else {
            Set<String> subjects = new LinkedHashSet<>(person.subjects());
            JsonArrayBuilder identifiers = JSON.createArrayBuilder();
            List<Identifier> nodes = graph.nodes(person.id()).stream()
                    .map(JdbcGraph.Node::identifier)
                    .toList();
            Map<Long, String> clear = new LinkedHashMap<>();
            for (Object[] row : graph.sealedValuesById(person.id())) {
                clear.put((Long) row[0], keys.keys().open(r.siteId(), (Integer) row[1], (byte[]) row[2]));
            }
            for (Identifier i : nodes) {
                JsonObjectBuilder o = JSON.createObjectBuilder()
                        .add("kind", i.kind().wireName())
                        .add(
                                "value",
                                i.kind() == IdentifierKind.ANONYMOUS ? i.subject() : clear.getOrDefault(i.id(), ""))
                        .add("firstSeen", i.firstSeen().toString())
                        .add("lastSeen", i.lastSeen().toString());
                identifiers.add(o);
            }
            JsonArrayBuilder contacts = JSON.createArrayBuilder();
            for (Object[] c : linkage.contactsOf(person.id())) {
                contacts.add(JSON.createReader(
                                new StringReader(keys.keys().open(r.siteId(), (Integer) c[0], (byte[]) c[1])))
                        .readObject());
            }
            JsonObjectBuilder own = JSON.createObjectBuilder(
                            JSON.createReader(new StringReader(store.export(person.id())))
                                    .readObject())
                    .add("identifiers", identifiers)
                    .add("contacts", contacts);
            doc.add("identity", own);
            receipt.add("identity", JSON.createObjectBuilder().add("identifiers", nodes.size()));
            for (PersonalData m : modules) {
                var part = m.export(r.siteId(), subjects);
                doc.add(m.module(), part);
                JsonObjectBuilder counts = JSON.createObjectBuilder();
                part.forEach((kind, rows) -> counts.add(kind, rows.asJsonArray().size()));
                receipt.add(m.module(), counts);
            }
        }
        store.finish(
                r.id(),
                JSON.createObjectBuilder().add("modules", receipt).build().toString(),
                doc.build().toString());
        audit.record(
                "privacy.export", r.personId().toString(), AuditOutcome.SUCCESS, Map.of("request", r.id().toString()));
    }

    private void erase(PrivacyRequest r) {
        Optional<Person> person = graph.person(r.personId());
        JsonObjectBuilder receipt = JSON.createObjectBuilder();
        Set<String> subjects =
                person.map(p -> (Set<String>) new LinkedHashSet<>(p.subjects())).orElse(Set.of());
        long total = 0;
        if (!subjects.isEmpty()) {
            for (PersonalData m : modules) {
                JsonObjectBuilder counts = JSON.createObjectBuilder();
                for (Map.Entry<String, Long> e : m.erase(r.siteId(), subjects).entrySet()) {
                    counts.add(e.getKey(), e.getValue());
                    total += e.getValue();
                }
                receipt.add(m.module(), counts);
            }
        }
        JsonObjectBuilder own = JSON.createObjectBuilder();
        for (Map.Entry<String, Long> e : store.erase(r.personId()).entrySet()) {
            own.add(e.getKey(), e.getValue());
            total += e.getValue();
        }
        receipt.add("identity", own);
        store.finish(
                r.id(),
                JSON.createObjectBuilder()
                        .add("modules", receipt)
                        .add("subjects", subjects.size())
                        .add("rowsDeleted", total)
                        .build()
                        .toString(),
                null);
        audit.record(
                "privacy.erasure",
                r.personId().toString(),
                AuditOutcome.SUCCESS,
                Map.of("request", r.id().toString(), "subjects", subjects.size(), "rowsDeleted", total));
        erased.fire(new PersonErased(r.siteId(), r.personId(), subjects, r.id()));
    }

    @Override
    public Optional<PrivacyRequest> find(UUID requestId) {
        return store.find(requestId);
    }

    @Override
    public Optional<String> document(UUID requestId) {
        return store.document(requestId);
    }

    @Override
    public List<PrivacyRequest> list(UUID siteId, int limit) {
        return store.list(siteId, Math.max(1, Math.min(limit, 1000)));
    }

    @Override
    public List<PersonalData.InventoryItem> inventory() {
        List<PersonalData.InventoryItem> all = new ArrayList<>(List.of(
                new PersonalData.InventoryItem(
                        "identity",
                        "identifiers",
                        "identity.identifier",
                        "anonymous ids (as is), user ids, emails, "
                                + "phones, device and custom ids as keyed hashes (HMAC-SHA-256); their clear values sealed (AES-GCM) for exports",
                        "knowing that several devices and accounts are one person",
                        "until erased (with the person)"),
                new PersonalData.InventoryItem(
                        "identity",
                        "links",
                        "identity.edge / identity.history",
                        "which identifiers were linked, by "
                                + "whom, from which source and how sure; merges and unmerges",
                        "reversible merges, audit",
                        "until erased"),
                new PersonalData.InventoryItem(
                        "identity",
                        "contacts",
                        "identity.contact",
                        "imported CRM contact fields (names, email, phone, "
                                + "birth date, address), sealed with AES-GCM",
                        "record linkage and its review",
                        "until erased"),
                new PersonalData.InventoryItem(
                        "identity",
                        "privacyRequests",
                        "identity.privacy_request",
                        "who asked for an export or erasure " + "of which person; export documents",
                        "accountability for data subject requests",
                        "documents 30 days; requests kept"),
                new PersonalData.InventoryItem(
                        "platform",
                        "audit",
                        "platform.audit_entry",
                        "who did what, when, from which address; before and " + "after of changes",
                        "accountability (tamper-evident chain)",
                        "attune.audit.retention-days (default 3 years)")));
        for (PersonalData m : modules) {
            all.addAll(m.inventory());
        }
        return all;
    }

    /** The queue's turn: stale runs back in the queue, then every waiting request, oldest deadline first. */
    void drain() {
        store.requeueStale();
        for (UUID id : store.pending(100)) {
            process(id);
        }
        store.pruneDocuments();
    }
}
