package dev.attune.identity.internal.persistence;

import dev.attune.identity.api.LinkageService.ImportSummary;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Imports, their sealed contacts, and the review queue. */
@ApplicationScoped
public class JdbcLinkage {
    private static final String IMPORT =
            "id, site_id, source, file_name, records, candidates, matches, review, merged, lambda, iterations, "
                    + "seconds, created_by, created_at";

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    private Sql sql;

    /** A review row with both contacts' sealed fields and their current persons. */
    public record Review(
            long id,
            UUID importId,
            double probability,
            double weight,
            String explanation,
            String status,
            String decidedBy,
            Instant decidedAt,
            long contactA,
            long contactB,
            long identifierA,
            long identifierB,
            UUID personA,
            UUID personB,
            int versionA,
            byte[] sealedA,
            int versionB,
            byte[] sealedB) {}

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    public void insertImport(ImportSummary s) {
        sql.update(
                "INSERT INTO identity.linkage_import (" + IMPORT
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(),
                s.siteId(),
                s.source(),
                s.fileName(),
                s.records(),
                s.candidates(),
                s.matches(),
                s.review(),
                s.merged(),
                s.lambda(),
                s.iterations(),
                s.seconds(),
                s.createdBy(),
                s.createdAt());
    }

    public void finishImport(ImportSummary s) {
        sql.update(
                """
                UPDATE identity.linkage_import SET candidates = ?, matches = ?, review = ?, merged = ?, lambda = ?, iterations = ?, seconds = ?
                 WHERE id = ?""",
                s.candidates(),
                s.matches(),
                s.review(),
                s.merged(),
                s.lambda(),
                s.iterations(),
                s.seconds(),
                s.id());
    }

    public long insertContact(UUID siteId, UUID importId, long identifierId, byte[] sealed, int keyVersion) {
        return sql.one(
                        "INSERT INTO identity.contact (site_id, import_id, identifier_id, fields_enc, key_version) VALUES (?, ?, ?, ?, ?) RETURNING id",
                        rs -> rs.getLong(1),
                        siteId,
                        importId,
                        identifierId,
                        sealed,
                        keyVersion)
                .orElseThrow();
    }

    public void insertReview(
            UUID siteId, UUID importId, long a, long b, double probability, double weight, String explanation) {
        sql.update(
                "INSERT INTO identity.linkage_review (site_id, import_id, a, b, probability, weight, explanation) VALUES (?, ?, ?, ?, ?, ?, ?)",
                siteId,
                importId,
                a,
                b,
                probability,
                weight,
                explanation);
    }

    public List<ImportSummary> imports(UUID siteId, int limit) {
        return sql.list(
                "SELECT " + IMPORT + " FROM identity.linkage_import WHERE site_id = ? ORDER BY created_at DESC LIMIT ?",
                JdbcLinkage::summary,
                siteId,
                limit);
    }

    public List<Review> reviews(UUID siteId, String status, int limit) {
        return sql.list(
                REVIEW
                        + " WHERE r.site_id = ? AND (?::text IS NULL OR r.status = ?) ORDER BY r.status = 'open' DESC, r.probability DESC, r.id LIMIT ?",
                JdbcLinkage::review,
                siteId,
                status,
                status,
                limit);
    }

    public Optional<Review> review(UUID siteId, long id) {
        return sql.one(REVIEW + " WHERE r.site_id = ? AND r.id = ?", JdbcLinkage::review, siteId, id);
    }

    public boolean decide(long id, boolean accepted, String actor) {
        return sql.update(
                        "UPDATE identity.linkage_review SET status = ?, decided_by = ?, decided_at = now() WHERE id = ? AND status = 'open'",
                        accepted ? "accepted" : "rejected",
                        actor,
                        id)
                == 1;
    }

    /** The contacts of an import with their current person: key version, sealed fields, person. */
    public List<Object[]> contactsOfImport(UUID siteId, UUID importId) {
        return sql.list(
                """
                SELECT c.key_version, c.fields_enc, i.person_id FROM identity.contact c JOIN identity.identifier i ON i.id = c.identifier_id
                 WHERE c.site_id = ? AND c.import_id = ? ORDER BY c.id""", rs -> new Object[] {rs.getInt(1), rs.getBytes(2), rs.getObject(3, UUID.class)}, siteId, importId);
    }

    /** Sealed fields of the contacts of a person's identifiers (for an export). */
    public List<Object[]> contactsOf(UUID personId) {
        return sql.list(
                """
                SELECT c.key_version, c.fields_enc, c.created_at FROM identity.contact c JOIN identity.identifier i ON i.id = c.identifier_id
                 WHERE i.person_id = ? ORDER BY c.id""",
                rs -> new Object[] {rs.getInt(1), rs.getBytes(2), rs.getObject(3, OffsetDateTime.class)},
                personId);
    }

    private static final String REVIEW = """
            SELECT r.id, r.import_id, r.probability, r.weight, r.explanation, r.status, r.decided_by, r.decided_at,
                   ca.id, cb.id, ca.identifier_id, cb.identifier_id, ia.person_id, ib.person_id,
                   ca.key_version, ca.fields_enc, cb.key_version, cb.fields_enc
              FROM identity.linkage_review r
              JOIN identity.contact ca ON ca.id = r.a JOIN identity.contact cb ON cb.id = r.b
              JOIN identity.identifier ia ON ia.id = ca.identifier_id JOIN identity.identifier ib ON ib.id = cb.identifier_id""";

    private static Review review(ResultSet rs) throws SQLException {
        return new Review(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getDouble(3),
                rs.getDouble(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                instant(rs, 8),
                rs.getLong(9),
                rs.getLong(10),
                rs.getLong(11),
                rs.getLong(12),
                rs.getObject(13, UUID.class),
                rs.getObject(14, UUID.class),
                rs.getInt(15),
                rs.getBytes(16),
                rs.getInt(17),
                rs.getBytes(18));
    }

    private static ImportSummary summary(ResultSet rs) throws SQLException {
        return new ImportSummary(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getInt(6),
                rs.getInt(7),
                rs.getInt(8),
                rs.getInt(9),
                (Double) rs.getObject(10),
                (Integer) rs.getObject(11),
                rs.getDouble(12),
                rs.getString(13),
                instant(rs, 14));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
