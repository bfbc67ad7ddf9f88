package dev.attune.identity.internal.application;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.LinkageService;
import dev.attune.identity.internal.domain.Identifiers;
import dev.attune.identity.internal.linkage.Classification;
import dev.attune.identity.internal.linkage.LinkRecord;
import dev.attune.identity.internal.linkage.LinkageConfig;
import dev.attune.identity.internal.linkage.LinkageModel;
import dev.attune.identity.internal.linkage.Linker;
import dev.attune.identity.internal.linkage.ScoredPair;
import dev.attune.identity.internal.persistence.JdbcGraph;
import dev.attune.identity.internal.persistence.JdbcGraph.Node;
import dev.attune.identity.internal.persistence.JdbcLinkage;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Contact imports through the identity graph and the linkage model. One transaction under the site's graph lock: a
 * malformed file changes nothing. Matches are linked with their probability as confidence (source {@code linkage}), so
 * a wrong one is undone like any other link; the uncertain band waits for a reviewer.
 */
@ApplicationScoped
public class DefaultLinkageService implements LinkageService {
    static final int MAX_ROWS = 50_000;
    private static final int MAX_ERRORS = 20;
    /** CSV columns the linkage model compares (the product's person-contact configuration). */
    static final List<String> FIELDS = List.of(
            LinkageConfig.GIVEN_NAME,
            LinkageConfig.SURNAME,
            LinkageConfig.EMAIL,
            LinkageConfig.PHONE,
            LinkageConfig.DATE_OF_BIRTH,
            LinkageConfig.STREET,
            LinkageConfig.POSTCODE,
            LinkageConfig.CITY,
            LinkageConfig.STATE);

    @Inject
    DefaultIdentityService identity;

    @Inject
    JdbcGraph graph;

    @Inject
    JdbcLinkage store;

    @Inject
    IdentityKeys keys;

    @Inject
    AuditLog audit;

    private record Row(String id, String userId, String email, String phone, Map<String, String> fields) {}

    @Override
    @Transactional
    public ImportSummary importContacts(
            UUID siteId, String source, String fileName, Reader csv, Double matchThreshold, Double reviewThreshold) {
        String src = source == null || source.isBlank() ? "crm" : source.strip();
        if (!src.matches("[a-z0-9_-]{1,40}")) {
            throw InvalidInputException.of("source", "must be 1 to 40 lowercase letters, digits, '_' or '-'");
        }
        LinkageConfig defaults = LinkageConfig.personContact();
        double match = matchThreshold == null ? defaults.matchThreshold() : matchThreshold;
        double review = reviewThreshold == null ? Math.min(defaults.reviewThreshold(), match) : reviewThreshold;
        if (!(match > 0 && match < 1)) {
            throw InvalidInputException.of("match", "must be a probability between 0 and 1 (exclusive)");
        }
        if (!(review > 0 && review <= match)) {
            throw InvalidInputException.of("review", "must be greater than 0 and at most the match threshold");
        }
        LinkageConfig config = new LinkageConfig(
                defaults.comparisons(), defaults.blockingKeys(), match, review, defaults.maxBlockSize());
        List<Row> rows = parse(csv);
        long started = System.nanoTime();
        graph.lockSite(siteId);
        UUID importId = UUID.randomUUID();
        String actor = identity.actor();
        // the import row first: contacts refer to it
        store.insertImport(new ImportSummary(
                importId, siteId, src, fileName, rows.size(), 0, 0, 0, 0, null, null, 0, actor, Instant.now()));
        List<Long> nodes = new ArrayList<>();
        List<Long> contacts = new ArrayList<>();
        List<LinkRecord> records = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            Node contact = identity.ensure(siteId, IdentifierKind.CUSTOM, src + ":" + row.id());
            for (Map.Entry<IdentifierKind, String> e : Map.of(
                            IdentifierKind.USER,
                            nz(row.userId()),
                            IdentifierKind.EMAIL,
                            nz(row.email()),
                            IdentifierKind.PHONE,
                            nz(row.phone()))
                    .entrySet()) {
                if (!e.getValue().isEmpty()) {
                    identity.link(
                            siteId,
                            graph.node(contact.id()).orElseThrow(),
                            identity.ensure(siteId, e.getKey(), e.getValue()),
                            "import",
                            1.0,
                            false);
                }
            }
            JsonObjectBuilder sealed = JSON.createObjectBuilder().add("id", row.id());
            row.fields().forEach(sealed::add);
            contacts.add(store.insertContact(
                    siteId,
                    importId,
                    contact.id(),
                    keys.keys().seal(siteId, sealed.build().toString()),
                    keys.keys().currentVersion()));
            nodes.add(contact.id());
            records.add(new LinkRecord(String.valueOf(r), row.fields()));
        }
        int candidates;
        int matches = 0;
        int inReview = 0;
        int merged = 0;
        Double lambda = null;
        Integer iterations = null;
        var pairs = Linker.compare(records, config);
        candidates = pairs.size();
        if (candidates > 0) {
            LinkageModel model = Linker.fit(pairs);
            lambda = model.lambda();
            iterations = model.iterations();
            for (ScoredPair p : Linker.score(pairs, model)) {
                int a = Integer.parseInt(p.left().id());
                int b = Integer.parseInt(p.right().id());
                if (p.classification() == Classification.MATCH) {
                    matches++;
                    Node na = graph.node(nodes.get(a)).orElseThrow();
                    Node nb = graph.node(nodes.get(b)).orElseThrow();
                    boolean apart = !na.personId().equals(nb.personId());
                    identity.link(siteId, na, nb, "linkage", Math.min(1.0, Math.max(1e-6, p.probability())), false);
                    if (apart
                            && graph.node(na.id())
                                    .orElseThrow()
                                    .personId()
                                    .equals(graph.node(nb.id()).orElseThrow().personId())) {
                        merged++; // not when the link was refused (two user ids: a conflict instead)
                    }
                } else {
                    inReview++;
                    store.insertReview(
                            siteId,
                            importId,
                            contacts.get(a),
                            contacts.get(b),
                            p.probability(),
                            p.weight(),
                            model.explain(p.left(), p.right()).stream()
                                    .map(Object::toString)
                                    .collect(Collectors.joining("\n")));
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ImportSummary summary = new ImportSummary(
                importId,
                siteId,
                src,
                fileName,
                rows.size(),
                candidates,
                matches,
                inReview,
                merged,
                lambda,
                iterations,
                seconds,
                actor,
                Instant.now());
        store.finishImport(summary);
        audit.record(
                "identity.import",
                importId.toString(),
                AuditOutcome.SUCCESS,
                Map.of(
                        "site",
                        siteId.toString(),
                        "records",
                        rows.size(),
                        "matches",
                        matches,
                        "review",
                        inReview,
                        "merged",
                        merged));
        return summary;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static List<Row> parse(Reader csv) {
        List<FieldError> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get()
                .parse(csv)) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || !header.containsKey("id")) {
                throw InvalidInputException.of(
                        "(file)",
                        "needs a header row with an 'id' column, and any of user_id, " + String.join(", ", FIELDS));
            }
            Set<String> ids = new HashSet<>();
            int row = 0;
            for (CSVRecord record : parser) {
                row++;
                if (rows.size() >= MAX_ROWS) {
                    throw InvalidInputException.of("(file)", "has more than " + MAX_ROWS + " rows; split it");
                }
                String where = "rows/" + row;
                String id = get(record, "id");
                if (id.isEmpty() || id.length() > 200) {
                    errors.add(new FieldError(where + "/id", "is required, at most 200 characters"));
                } else if (!ids.add(id)) {
                    errors.add(new FieldError(where + "/id", "'" + id + "' appears twice"));
                }
                String user = checked(errors, where + "/user_id", IdentifierKind.USER, get(record, "user_id"));
                String email =
                        checked(errors, where + "/email", IdentifierKind.EMAIL, get(record, LinkageConfig.EMAIL));
                String phone =
                        checked(errors, where + "/phone", IdentifierKind.PHONE, get(record, LinkageConfig.PHONE));
                Map<String, String> fields = new LinkedHashMap<>();
                for (String f : FIELDS) {
                    String v = get(record, f);
                    if (!v.isEmpty()) {
                        fields.put(f, v.length() > 500 ? v.substring(0, 500) : v);
                    }
                }
                if (errors.size() >= MAX_ERRORS) {
                    break;
                }
                rows.add(new Row(id, user, email, phone, fields));
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw InvalidInputException.of("(file)", "is not readable CSV: " + e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid contacts file", errors);
        }
        if (rows.isEmpty()) {
            throw InvalidInputException.of("(file)", "has no rows");
        }
        return rows;
    }

    private static String get(CSVRecord record, String column) {
        return record.isMapped(column) && record.isSet(column) && record.get(column) != null
                ? record.get(column).strip()
                : "";
    }

    private static String checked(List<FieldError> errors, String field, IdentifierKind kind, String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Identifiers.normalise(kind, value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    @Override
    public List<ImportSummary> imports(UUID siteId, int limit) {
        return store.imports(siteId, Math.max(1, Math.min(limit, 500)));
    }

    @Override
    public Map<String, UUID> persons(UUID siteId, UUID importId) {
        Map<String, UUID> out = new LinkedHashMap<>();
        for (Object[] c : store.contactsOfImport(siteId, importId)) {
            out.put(open(siteId, (Integer) c[0], (byte[]) c[1]).get("id"), (UUID) c[2]);
        }
        if (out.isEmpty() && store.imports(siteId, 500).stream().noneMatch(i -> i.id().equals(importId))) {
            throw new ApiProblem(404, "Unknown import", "No import " + importId + " in this site");
        }
        return out;
    }

    @Override
    public List<ReviewItem> reviews(UUID siteId, String status, int limit) {
        if (status != null && !List.of("open", "accepted", "rejected").contains(status)) {
            throw InvalidInputException.of("status", "must be open, accepted or rejected");
        }
        return store.reviews(siteId, status, Math.max(1, Math.min(limit, 500))).stream()
                .map(r -> item(siteId, r))
                .toList();
    }

    @Override
    @Transactional
    public ReviewItem decide(UUID siteId, long reviewId, boolean samePerson) {
        graph.lockSite(siteId);
        JdbcLinkage.Review r = store.review(siteId, reviewId)
                .orElseThrow(() ->
                        new ApiProblem(404, "Unknown review item", "No review item " + reviewId + " in this site"));
        if (!r.status().equals("open")) {
            throw new ApiProblem(
                    409, "Already decided", "Review item " + reviewId + " was " + r.status() + " by " + r.decidedBy());
        }
        if (samePerson) {
            identity.link(
                    siteId,
                    graph.node(r.identifierA()).orElseThrow(),
                    graph.node(r.identifierB()).orElseThrow(),
                    "review",
                    1.0,
                    true);
        }
        store.decide(reviewId, samePerson, identity.actor());
        audit.record(
                "identity.review." + (samePerson ? "accept" : "reject"),
                String.valueOf(reviewId),
                AuditOutcome.SUCCESS,
                Map.of("site", siteId.toString(), "probability", r.probability()));
        return item(siteId, store.review(siteId, reviewId).orElseThrow());
    }

    private ReviewItem item(UUID siteId, JdbcLinkage.Review r) {
        return new ReviewItem(
                r.id(),
                r.importId(),
                r.probability(),
                r.weight(),
                List.of(r.explanation().split("\n")),
                open(siteId, r.versionA(), r.sealedA()),
                open(siteId, r.versionB(), r.sealedB()),
                r.personA(),
                r.personB(),
                r.status(),
                r.decidedBy(),
                r.decidedAt());
    }

    /** A contact's sealed fields in clear. */
    Map<String, String> open(UUID siteId, int version, byte[] sealed) {
        JsonObject o = JSON.createReader(new StringReader(keys.keys().open(siteId, version, sealed)))
                .readObject();
        Map<String, String> out = new HashMap<>();
        o.forEach((k, v) -> out.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
        return new LinkedHashMap<>(out);
    }
}
