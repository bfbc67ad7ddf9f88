package dev.attune.identity.internal.persistence;

import dev.attune.identity.api.PrivacyRequest;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Privacy requests, and the identity module's own part of an export or erasure. */
@ApplicationScoped
public class JdbcPrivacy {
    private static final String COLUMNS =
            "id, site_id, person_id, kind, status, requested_by, requested_at, due_at, finished_at, receipt::text, error";
    /** The person and every tombstone merged into it, however deep. */
    private static final String PERSONS = """
            WITH RECURSIVE p(id) AS (SELECT ?::uuid UNION SELECT t.id FROM identity.person t JOIN p ON t.merged_into = p.id)""";

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    private Sql sql;

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    public void insert(UUID id, UUID siteId, UUID personId, String kind, String actor, Instant due) {
        sql.update(
                "INSERT INTO identity.privacy_request (id, site_id, person_id, kind, status, requested_by, due_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)",
                id,
                siteId,
                personId,
                kind,
                actor,
                due);
    }

    /** Marks a queued (or failed) request running; false when another worker has it or it is done. */
    public boolean claim(UUID id) {
        return sql.update(
                        "UPDATE identity.privacy_request SET status = 'running', started_at = now() WHERE id = ? AND status IN ('queued', 'failed')",
                        id)
                == 1;
    }

    public void finish(UUID id, String receipt, String document) {
        sql.update(
                "UPDATE identity.privacy_request SET status = 'done', finished_at = now(), receipt = ?::jsonb, document = ?::jsonb, error = NULL WHERE id = ?",
                receipt,
                document,
                id);
    }

    public void fail(UUID id, String error) {
        sql.update("UPDATE identity.privacy_request SET status = 'failed', error = ? WHERE id = ?", error, id);
    }

    /** Requests waiting (queued, or failed and to be tried again), oldest deadline first. */
    public List<UUID> pending(int limit) {
        return sql.list("""
                SELECT id FROM identity.privacy_request
                 WHERE status IN ('queued', 'failed')
                 ORDER BY due_at LIMIT ?""", rs -> rs.getObject(1, UUID.class), limit);
    }

    /** A request running for more than 10 minutes lost its worker (a crash): queued again (erasure is idempotent). */
    public void requeueStale() {
        sql.update(
                "UPDATE identity.privacy_request SET status = 'queued' WHERE status = 'running' AND started_at < now() - interval '10 minutes'");
    }

    public Optional<PrivacyRequest> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM identity.privacy_request WHERE id = ?", JdbcPrivacy::request, id);
    }

    public Optional<String> document(UUID id) {
        return sql.one(
                "SELECT document::text FROM identity.privacy_request WHERE id = ? AND status = 'done' AND document IS NOT NULL",
                rs -> rs.getString(1),
                id);
    }

    public List<PrivacyRequest> list(UUID siteId, int limit) {
        return sql.list(
                "SELECT " + COLUMNS
                        + " FROM identity.privacy_request WHERE site_id = ? ORDER BY requested_at DESC LIMIT ?",
                JdbcPrivacy::request,
                siteId,
                limit);
    }

    /** Export documents are kept 30 days. */
    public int pruneDocuments() {
        return sql.update(
                "UPDATE identity.privacy_request SET document = NULL WHERE document IS NOT NULL AND finished_at < now() - interval '30 days'");
    }

    /**
     * The identity module's rows about the person: history, conflicts, links, identifiers, the person and its tombstones,
     * and earlier export documents (the requests themselves stay, with counts only).
     */
    public Map<String, Long> erase(UUID personId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("history", (long) sql.update(
                PERSONS + " DELETE FROM identity.history h USING p WHERE h.person_id = p.id OR h.other_person = p.id",
                personId));
        counts.put("conflicts", (long) sql.update(
                PERSONS + " DELETE FROM identity.conflict c USING p WHERE c.person_id = p.id OR c.other_person = p.id",
                personId));
        counts.put("links", (long) sql.update(
                PERSONS + " DELETE FROM identity.edge e USING p, identity.identifier i "
                        + "WHERE i.person_id = p.id AND (e.a = i.id OR e.b = i.id)",
                personId));
        counts.put("identifiers", (long)
                sql.update(PERSONS + " DELETE FROM identity.identifier i USING p WHERE i.person_id = p.id", personId));
        counts.put("persons", (long)
                sql.update(PERSONS + " DELETE FROM identity.person x USING p WHERE x.id = p.id", personId));
        counts.put("exportDocuments", (long) sql.update(
                PERSONS + " UPDATE identity.privacy_request r SET document = NULL FROM p "
                        + "WHERE r.person_id = p.id AND r.document IS NOT NULL",
                personId));
        return counts;
    }

    /** Every link (removed ones too) and the history of the person, as JSON, for an export. */
    public String export(UUID personId) {
        return sql.one("""
                SELECT jsonb_build_object(
                  'links', coalesce((SELECT jsonb_agg(to_jsonb(e) - 'absorbed_end' ORDER BY e.id) FROM identity.edge e
                                      WHERE e.a IN (SELECT i.id FROM identity.identifier i WHERE i.person_id = ?)
                                         OR e.b IN (SELECT i.id FROM identity.identifier i WHERE i.person_id = ?)), '[]'::jsonb),
                  'history', coalesce((SELECT jsonb_agg(to_jsonb(h) ORDER BY h.id) FROM identity.history h
                                        WHERE h.person_id = ? OR h.other_person = ?), '[]'::jsonb))::text""", rs -> rs.getString(1), personId, personId, personId, personId)
                .orElse("{}");
    }

    private static PrivacyRequest request(ResultSet rs) throws SQLException {
        return new PrivacyRequest(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                instant(rs, 7),
                instant(rs, 8),
                instant(rs, 9),
                rs.getString(10),
                rs.getString(11));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
