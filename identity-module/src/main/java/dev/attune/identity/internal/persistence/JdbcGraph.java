package dev.attune.identity.internal.persistence;

import dev.attune.identity.api.Conflict;
import dev.attune.identity.api.Edge;
import dev.attune.identity.api.Identifier;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.Person;
import dev.attune.identity.api.PersonGraph;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The identity graph's tables. Callers hold the site's graph lock ({@link #lockSite}) for every change. */
@ApplicationScoped
public class JdbcGraph {
    private static final String PERSON = """
            p.id, p.site_id, p.identifiers, p.shared_device, p.created_at, p.updated_at,
            coalesce((SELECT array_agg(i.subject_id ORDER BY i.id) FROM identity.identifier i WHERE i.person_id = p.id
                      AND i.subject_id IS NOT NULL), '{}')""";
    private static final String IDENTIFIER = "id, kind, subject_id, hint, first_seen, last_seen, person_id, value_hash";

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    private Sql sql;

    /** A stored identifier with what the graph needs besides the published view. */
    public record Node(Identifier identifier, UUID personId, byte[] hash) {
        public long id() {
            return identifier.id();
        }

        public IdentifierKind kind() {
            return identifier.kind();
        }
    }

    /** A live edge with what an unmerge needs. */
    public record Link(Edge edge, UUID absorbedPerson, Long absorbedEnd) {}

    /** A person's figures without its subjects (what a merge decides on). */
    public record Component(UUID id, int identifiers, boolean sharedDevice, Instant createdAt) {}

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    /** Serialises graph changes of one site across threads and instances until the transaction ends. */
    public void lockSite(UUID siteId) {
        sql.one("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> 1, "identity.graph:" + siteId);
    }

    public Optional<Node> node(UUID siteId, IdentifierKind kind, byte[] hash) {
        return sql.one(
                "SELECT " + IDENTIFIER + " FROM identity.identifier WHERE site_id = ? AND kind = ? AND value_hash = ?",
                JdbcGraph::node,
                siteId,
                kind.wireName(),
                hash);
    }

    public Optional<Node> node(long id) {
        return sql.one("SELECT " + IDENTIFIER + " FROM identity.identifier WHERE id = ?", JdbcGraph::node, id);
    }

    public List<Node> nodes(UUID personId) {
        return sql.list(
                "SELECT " + IDENTIFIER + " FROM identity.identifier WHERE person_id = ? ORDER BY id",
                JdbcGraph::node,
                personId);
    }

    public void touch(long identifierId) {
        sql.update(
                "UPDATE identity.identifier SET last_seen = now() WHERE id = ? AND last_seen < now() - interval '1 minute'",
                identifierId);
    }

    public void insertPerson(UUID id, UUID siteId) {
        sql.update("INSERT INTO identity.person (id, site_id, identifiers) VALUES (?, ?, 0)", id, siteId);
    }

    public long insertIdentifier(
            UUID siteId,
            IdentifierKind kind,
            byte[] hash,
            String subject,
            byte[] sealed,
            Integer keyVersion,
            String hint,
            UUID personId) {
        long id = sql.one(
                        """
                INSERT INTO identity.identifier (site_id, kind, value_hash, subject_id, value_enc, key_version, hint, person_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                        rs -> rs.getLong(1),
                        siteId,
                        kind.wireName(),
                        hash,
                        subject,
                        sealed,
                        keyVersion,
                        hint,
                        personId)
                .orElseThrow();
        sql.update(
                "UPDATE identity.person SET identifiers = identifiers + 1, updated_at = now() WHERE id = ?", personId);
        return id;
    }

    public Optional<Person> person(UUID id) {
        return sql.one(
                "SELECT " + PERSON + " FROM identity.person p WHERE p.id = ? AND p.merged_into IS NULL",
                JdbcGraph::person,
                id);
    }

    public Optional<Component> component(UUID id) {
        return sql.one(
                "SELECT id, identifiers, shared_device, created_at FROM identity.person WHERE id = ? AND merged_into IS NULL",
                rs -> new Component(rs.getObject(1, UUID.class), rs.getInt(2), rs.getBoolean(3), instant(rs, 4)),
                id);
    }

    /** The anonymous subjects of a person, oldest identifier first. */
    public List<String> subjects(UUID personId) {
        return sql.list(
                "SELECT subject_id FROM identity.identifier WHERE person_id = ? AND subject_id IS NOT NULL ORDER BY id",
                rs -> rs.getString(1),
                personId);
    }

    /** The person's oldest anonymous subject (its key), if it has one. */
    public Optional<String> keySubject(UUID personId) {
        return sql.one(
                "SELECT subject_id FROM identity.identifier WHERE person_id = ? AND subject_id IS NOT NULL ORDER BY id LIMIT 1",
                rs -> rs.getString(1),
                personId);
    }

    /** The subjects of many persons (each oldest first); a person without subjects maps to an empty list. */
    public Map<UUID, List<String>> subjectsOfPersons(Set<? extends UUID> personIds) {
        Map<UUID, List<String>> subjects = new HashMap<>();
        personIds.forEach(p -> subjects.put(p, new ArrayList<>()));
        sql.list(
                "SELECT person_id, subject_id FROM identity.identifier WHERE person_id = ANY (?::uuid[]) AND subject_id IS NOT NULL "
                        + "ORDER BY id",
                rs -> {
                    subjects.get(rs.getObject(1, UUID.class)).add(rs.getString(2));
                    return null;
                },
                (Object) personIds.stream().map(UUID::toString).toArray(String[]::new));
        subjects.replaceAll((p, list) -> List.copyOf(list));
        return subjects;
    }

    /** The persons of many anonymous subjects; subjects the graph does not know are left out. */
    public Map<String, UUID> personsOfSubjects(UUID siteId, List<String> subjects) {
        Map<String, UUID> persons = new HashMap<>();
        sql.list(
                "SELECT subject_id, person_id FROM identity.identifier WHERE site_id = ? AND subject_id = ANY (?) AND subject_id IS NOT NULL",
                rs -> {
                    persons.put(rs.getString(1), rs.getObject(2, UUID.class));
                    return null;
                },
                siteId,
                subjects.toArray(String[]::new));
        return persons;
    }

    /** The person of an anonymous subject, if the graph knows it. */
    public Optional<UUID> personOfSubject(UUID siteId, String subject) {
        return sql.one(
                "SELECT person_id FROM identity.identifier WHERE site_id = ? AND subject_id = ?",
                rs -> rs.getObject(1, UUID.class),
                siteId,
                subject);
    }

    /** The person row even when it is a tombstone (merged into another): its id can be restored by an unmerge. */
    public Optional<UUID> mergedInto(UUID id) {
        return sql.one("SELECT merged_into FROM identity.person WHERE id = ?", rs -> rs.getObject(1, UUID.class), id);
    }

    public List<Person> recent(UUID siteId, int limit) {
        return sql.list(
                "SELECT " + PERSON + " FROM identity.person p WHERE p.site_id = ? AND p.merged_into IS NULL "
                        + "ORDER BY p.updated_at DESC, p.id LIMIT ?",
                JdbcGraph::person,
                siteId,
                limit);
    }

    /** User-id hashes of a person (at most two different ones are needed to see a conflict). */
    public List<byte[]> userHashes(UUID personId) {
        return sql.list(
                "SELECT value_hash FROM identity.identifier WHERE person_id = ? AND kind = 'user' ORDER BY id LIMIT 2",
                rs -> rs.getBytes(1),
                personId);
    }

    public boolean liveEdge(long a, long b) {
        return sql.one(
                        "SELECT 1 FROM identity.edge WHERE a = ? AND b = ? AND removed_at IS NULL",
                        rs -> 1,
                        Math.min(a, b),
                        Math.max(a, b))
                .isPresent();
    }

    public long insertEdge(
            UUID siteId,
            long a,
            long b,
            String source,
            double confidence,
            String actor,
            UUID absorbedPerson,
            Long absorbedEnd) {
        return sql.one(
                        """
                INSERT INTO identity.edge (site_id, a, b, source, confidence, created_by, absorbed_person, absorbed_end)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                        rs -> rs.getLong(1),
                        siteId,
                        Math.min(a, b),
                        Math.max(a, b),
                        source,
                        confidence,
                        actor,
                        absorbedPerson,
                        absorbedEnd)
                .orElseThrow();
    }

    /** Moves every identifier of {@code from} to {@code to} and leaves {@code from} as a tombstone; answers how many moved. */
    public int absorb(UUID from, UUID to) {
        int moved = sql.update("UPDATE identity.identifier SET person_id = ? WHERE person_id = ?", to, from);
        sql.update(
                "UPDATE identity.person SET merged_into = ?, identifiers = 0, updated_at = now() WHERE id = ?",
                to,
                from);
        sql.update(
                "UPDATE identity.person SET identifiers = identifiers + ?, updated_at = now() WHERE id = ?", moved, to);
        return moved;
    }

    /** Moves the given identifiers to {@code to} (a new person, or a tombstone brought back) and recounts both persons. */
    public void split(UUID from, UUID to, List<Long> identifierIds, int sharedDeviceSize) {
        sql.update(
                "UPDATE identity.identifier SET person_id = ? WHERE id = ANY (?)",
                to,
                identifierIds.toArray(Long[]::new));
        for (UUID p : List.of(from, to)) {
            sql.update("""
                    UPDATE identity.person SET merged_into = NULL, updated_at = now(),
                           identifiers = (SELECT count(*) FROM identity.identifier WHERE person_id = ?),
                           shared_device = (SELECT count(*) FROM identity.identifier WHERE person_id = ?) > ?
                     WHERE id = ?""", p, p, sharedDeviceSize, p);
        }
    }

    public void flagShared(UUID personId) {
        sql.update("UPDATE identity.person SET shared_device = true WHERE id = ?", personId);
    }

    public List<Link> liveLinks(UUID personId) {
        return sql.list("""
                SELECT e.id, e.a, e.b, e.source, e.confidence, e.created_by, e.created_at, e.removed_at, e.removed_by,
                       e.absorbed_person, e.absorbed_end
                  FROM identity.edge e JOIN identity.identifier i ON i.id = e.a
                 WHERE i.person_id = ? AND e.removed_at IS NULL ORDER BY e.id""", JdbcGraph::link, personId);
    }

    public Optional<Link> link(UUID siteId, long edgeId) {
        return sql.one("""
                SELECT e.id, e.a, e.b, e.source, e.confidence, e.created_by, e.created_at, e.removed_at, e.removed_by,
                       e.absorbed_person, e.absorbed_end
                  FROM identity.edge e WHERE e.id = ? AND e.site_id = ?""", JdbcGraph::link, edgeId, siteId);
    }

    public void removeEdge(long edgeId, String actor) {
        sql.update("UPDATE identity.edge SET removed_at = now(), removed_by = ? WHERE id = ?", actor, edgeId);
    }

    public void history(
            UUID siteId, String action, UUID personId, UUID otherPerson, Long edgeId, String actor, String detail) {
        sql.update(
                "INSERT INTO identity.history (site_id, action, person_id, other_person, edge_id, actor, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                siteId,
                action,
                personId,
                otherPerson,
                edgeId,
                actor,
                detail);
    }

    public List<PersonGraph.HistoryEntry> history(UUID personId, int limit) {
        return sql.list(
                """
                SELECT id, action, person_id, other_person, edge_id, actor, detail, at FROM identity.history
                 WHERE person_id = ? OR other_person = ? ORDER BY at DESC, id DESC LIMIT ?""",
                rs -> new PersonGraph.HistoryEntry(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class),
                        (Long) rs.getObject(5),
                        rs.getString(6),
                        rs.getString(7),
                        instant(rs, 8)),
                personId,
                personId,
                limit);
    }

    public void conflict(UUID siteId, String kind, UUID personId, UUID otherPerson, String source, String detail) {
        sql.update(
                "INSERT INTO identity.conflict (site_id, kind, person_id, other_person, source, detail) VALUES (?, ?, ?, ?, ?, ?)",
                siteId,
                kind,
                personId,
                otherPerson,
                source,
                detail);
    }

    public List<Conflict> conflicts(UUID siteId, boolean openOnly, int limit) {
        return sql.list(
                "SELECT id, site_id, kind, person_id, other_person, source, detail, created_at, resolved_at, resolved_by "
                        + "FROM identity.conflict WHERE site_id = ?" + (openOnly ? " AND resolved_at IS NULL" : "")
                        + " ORDER BY created_at DESC, id DESC LIMIT ?",
                rs -> new Conflict(
                        rs.getLong(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getObject(4, UUID.class),
                        rs.getObject(5, UUID.class),
                        rs.getString(6),
                        rs.getString(7),
                        instant(rs, 8),
                        instant(rs, 9),
                        rs.getString(10)),
                siteId,
                limit);
    }

    public boolean resolveConflict(UUID siteId, long id, String actor) {
        return sql.update(
                        "UPDATE identity.conflict SET resolved_at = now(), resolved_by = ? WHERE id = ? AND site_id = ? AND resolved_at IS NULL",
                        actor,
                        id,
                        siteId)
                == 1;
    }

    /** Identifier and contact values sealed under another key version than {@code current}: table, id, site, version, bytes. */
    public List<Object[]> sealedUnder(int current, int limit) {
        return sql.list(
                """
                (SELECT 'identifier', id, site_id, key_version, value_enc FROM identity.identifier WHERE value_enc IS NOT NULL AND key_version <> ?
                 LIMIT ?)
                UNION ALL
                (SELECT 'contact', id, site_id, key_version, fields_enc FROM identity.contact WHERE key_version <> ? LIMIT ?)""",
                rs -> new Object[] {
                    rs.getString(1), rs.getLong(2), rs.getObject(3, UUID.class), rs.getInt(4), rs.getBytes(5)
                },
                current,
                limit,
                current,
                limit);
    }

    public void reseal(String table, long id, int version, byte[] sealed) {
        sql.update(
                "UPDATE identity." + (table.equals("contact") ? "contact SET fields_enc" : "identifier SET value_enc")
                        + " = ?, key_version = ? WHERE id = ?",
                sealed,
                version,
                id);
    }

    /** Sealed clear values of a person's identifiers, for an export: identifier id, key version, sealed bytes. */
    public List<Object[]> sealedValuesById(UUID personId) {
        return sql.list(
                "SELECT id, key_version, value_enc FROM identity.identifier WHERE person_id = ? AND value_enc IS NOT NULL ORDER BY id",
                rs -> new Object[] {rs.getLong(1), rs.getInt(2), rs.getBytes(3)},
                personId);
    }

    private static Node node(ResultSet rs) throws SQLException {
        Identifier i = new Identifier(
                rs.getLong(1),
                IdentifierKind.fromWire(rs.getString(2)).orElseThrow(),
                rs.getString(3),
                rs.getString(4),
                instant(rs, 5),
                instant(rs, 6));
        return new Node(i, rs.getObject(7, UUID.class), rs.getBytes(8));
    }

    private static Person person(ResultSet rs) throws SQLException {
        String[] subjects = (String[]) rs.getArray(7).getArray();
        return new Person(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getInt(3),
                rs.getBoolean(4),
                instant(rs, 5),
                instant(rs, 6),
                List.of(subjects));
    }

    private static Link link(ResultSet rs) throws SQLException {
        Edge e = new Edge(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getDouble(5),
                rs.getString(6),
                instant(rs, 7),
                instant(rs, 8),
                rs.getString(9));
        return new Link(e, rs.getObject(10, UUID.class), (Long) rs.getObject(11));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
