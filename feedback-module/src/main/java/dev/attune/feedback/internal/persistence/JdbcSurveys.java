package dev.attune.feedback.internal.persistence;

import dev.attune.feedback.api.Survey;
import dev.attune.feedback.api.SurveyStatus;
import dev.attune.platform.api.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Surveys, when each was shown to whom, and each site's cooldown. */
@ApplicationScoped
public class JdbcSurveys {
    private static final String SELECT = """
            SELECT s.id, s.site_id, s.name, s.status, s.definition::text, s.version, s.updated_at,
                   (SELECT count(*) FROM feedback.survey_display d WHERE d.survey_id = s.id),
                   (SELECT count(*) FROM feedback.survey_display d WHERE d.survey_id = s.id AND d.answered_at IS NOT NULL)
            FROM feedback.survey s""";

    /** A subject's showings of any survey of the site, newest first. */
    private static final String DISPLAYS = """
            SELECT survey_id, shown_at FROM feedback.survey_display WHERE site_id = ? AND subject_id = ?
            ORDER BY shown_at DESC LIMIT 1000""";

    @Inject
    FeedbackDataSource db;

    /** One showing of a survey to a subject. */
    public record Display(UUID surveyId, Instant shownAt) {}

    public List<Survey> list(UUID siteId) {
        return query(SELECT + " WHERE s.site_id = ? ORDER BY s.status = 'active' DESC, lower(s.name)", siteId);
    }

    public List<Survey> active(UUID siteId) {
        return query(SELECT + " WHERE s.site_id = ? AND s.status = 'active' ORDER BY s.updated_at", siteId);
    }

    public Optional<Survey> find(UUID id) {
        return query(SELECT + " WHERE s.id = ?", id).stream().findFirst();
    }

    public void insert(UUID id, UUID siteId, String name, String definition) {
        update(
                "INSERT INTO feedback.survey (id, site_id, name, definition) VALUES (?, ?, ?, ?::jsonb)",
                id,
                siteId,
                name,
                definition);
    }

    public boolean replace(UUID id, String name, String definition) {
        return update(
                        "UPDATE feedback.survey SET name = ?, definition = ?::jsonb, version = version + 1, updated_at = now() "
                                + "WHERE id = ?",
                        name,
                        definition,
                        id)
                == 1;
    }

    public boolean setStatus(UUID id, SurveyStatus status) {
        return update("UPDATE feedback.survey SET status = ?, updated_at = now() WHERE id = ?", status.wireName(), id)
                == 1;
    }

    public boolean delete(UUID id) {
        return update("DELETE FROM feedback.survey WHERE id = ?", id) == 1;
    }

    public Optional<Integer> cooldownHours(UUID siteId) {
        try (Connection c = db.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT cooldown_hours FROM feedback.survey_settings WHERE site_id = ?")) {
            ps.setObject(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public void setCooldownHours(UUID siteId, int hours) {
        update(
                "INSERT INTO feedback.survey_settings (site_id, cooldown_hours) VALUES (?, ?) "
                        + "ON CONFLICT (site_id) DO UPDATE SET cooldown_hours = EXCLUDED.cooldown_hours",
                siteId,
                hours);
    }

    /** The subject's showings of any survey of the site, newest first. */
    public List<Display> displays(UUID siteId, String subjectId) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(DISPLAYS)) {
            ps.setObject(1, siteId);
            ps.setString(2, subjectId);
            return displays(ps);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Records a showing if the check still passes on what is recorded, under a per-subject lock (two tabs asking at
     * once get one survey): {@code check} sees the subject's showings and says whether this one may go ahead.
     */
    public boolean recordIf(UUID siteId, String subjectId, UUID surveyId, Predicate<List<Display>> check) {
        try {
            return db.inTransaction(c -> {
                try (PreparedStatement lock =
                        c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                    lock.setString(1, "survey:" + siteId + ":" + subjectId);
                    lock.execute();
                }
                List<Display> shown;
                try (PreparedStatement ps = c.prepareStatement(DISPLAYS)) {
                    ps.setObject(1, siteId);
                    ps.setString(2, subjectId);
                    shown = displays(ps);
                }
                if (!check.test(shown)) {
                    return false;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO feedback.survey_display (site_id, survey_id, subject_id) VALUES (?, ?, ?)")) {
                    ps.setObject(1, siteId);
                    ps.setObject(2, surveyId);
                    ps.setString(3, subjectId);
                    ps.executeUpdate();
                }
                return true;
            });
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Marks the subject's latest showing of the survey answered (the first answer counts). */
    public void markAnswered(UUID siteId, String subjectId, UUID surveyId) {
        update("""
                UPDATE feedback.survey_display SET answered_at = now() WHERE id = (
                    SELECT id FROM feedback.survey_display WHERE site_id = ? AND subject_id = ? AND survey_id = ?
                    ORDER BY shown_at DESC LIMIT 1) AND answered_at IS NULL""", siteId, subjectId, surveyId);
    }

    private static List<Display> displays(PreparedStatement ps) throws SQLException {
        List<Display> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Display(
                        UUID.fromString(rs.getString(1)), rs.getTimestamp(2).toInstant()));
            }
        }
        return rows;
    }

    private List<Survey> query(String sql, UUID id) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            List<Survey> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Survey(
                            UUID.fromString(rs.getString(1)),
                            UUID.fromString(rs.getString(2)),
                            rs.getString(3),
                            SurveyStatus.fromWire(rs.getString(4)).orElseThrow(),
                            rs.getString(5),
                            rs.getInt(6),
                            rs.getTimestamp(7).toInstant(),
                            rs.getLong(8),
                            rs.getLong(9)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i] instanceof Instant at ? Timestamp.from(at) : parameters[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static RuntimeException failed(SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            return new InvalidInputException(
                    409,
                    "Survey name taken",
                    List.of(new InvalidInputException.FieldError("name", "another survey of this site has this name")));
        }
        return new IllegalStateException("Survey storage failed: " + e.getMessage(), e);
    }
}
