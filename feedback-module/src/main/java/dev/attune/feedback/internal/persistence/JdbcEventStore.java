package dev.attune.feedback.internal.persistence;

import dev.attune.feedback.api.NewFeedbackEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Stores a batch of events and their outbox rows in one statement: one round trip whatever the batch size, and the
 * outbox row exists exactly when the event was stored by this call. The caller owns the transaction.
 */
@ApplicationScoped
public class JdbcEventStore {
    @jakarta.inject.Inject
    FeedbackDataSource db;

    private static final String STORE = """
            WITH incoming AS (
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::jsonb[],
                                     ?::timestamptz[], ?::jsonb[])
                    AS t(event_id, site_id, type, subject_id, item_id, value, text, properties, occurred_at, context)),
            keyed AS (
                INSERT INTO feedback.event_key (site_id, event_id, received_at)
                SELECT site_id, event_id, now() FROM incoming
                ON CONFLICT (site_id, event_id) DO NOTHING
                RETURNING site_id, event_id),
            stored AS (
                INSERT INTO feedback.event (event_id, site_id, type, subject_id, item_id, value, text, properties, occurred_at, context)
                SELECT i.event_id, i.site_id, i.type, i.subject_id, i.item_id, i.value, i.text, i.properties, i.occurred_at, i.context
                FROM incoming i JOIN keyed k ON k.site_id = i.site_id AND k.event_id = i.event_id
                RETURNING *),
            queued AS (
                INSERT INTO feedback.outbox (site_id, event_id, type, subject_id, item_id, value, text, properties, context,
                                             occurred_at, received_at)
                SELECT site_id, event_id, type, subject_id, item_id, value, text, properties, context, occurred_at, received_at
                FROM stored
                RETURNING site_id, event_id)
            SELECT site_id, event_id FROM queued""";

    /** PostgreSQL's "no partition of relation found for row". */
    private static final String NO_PARTITION = "23514";

    /** A candidate for storage; the same (site, event id) twice in one batch is stored once. */
    public record Candidate(UUID siteId, NewFeedbackEvent event) {
        public Key key() {
            return new Key(siteId, event.eventId());
        }
    }

    public record Key(UUID siteId, UUID eventId) {
    }

    @jakarta.inject.Inject
    EventPartitions partitions;

    /** Within the caller's JTA transaction (today's partition is made beforehand, outside it, when missing). */
    public Set<Key> storeInCurrentTransaction(List<Candidate> batch) {
        partitions.ensureToday();
        try (Connection c = db.connection()) {
            return store(c, batch);
        } catch (SQLException e) {
            throw new IllegalStateException("Storing feedback events failed: " + e.getMessage(), e);
        }
    }

    /** In a transaction of its own, committed before this returns: the group-commit writer's path. */
    public Set<Key> storeAndCommit(List<Candidate> batch) throws SQLException {
        try {
            return storeAndCommitOnce(batch);
        } catch (SQLException e) {
            if (!NO_PARTITION.equals(e.getSQLState())) {
                throw e;
            }
            // the clock passed midnight before partition maintenance ran: make the day's partition and go on
            partitions.ensureToday();
            return storeAndCommitOnce(batch);
        }
    }

    private Set<Key> storeAndCommitOnce(List<Candidate> batch) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Set<Key> stored = store(c, batch);
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The keys this call stored; every other candidate was a duplicate. */
    private Set<Key> store(Connection c, List<Candidate> batch) throws SQLException {
        int n = batch.size();
        String[] ids = new String[n];
        String[] sites = new String[n];
        String[] types = new String[n];
        String[] subjects = new String[n];
        String[] items = new String[n];
        String[] values = new String[n];
        String[] texts = new String[n];
        String[] properties = new String[n];
        String[] times = new String[n];
        String[] contexts = new String[n];
        Set<Key> seen = new HashSet<>();
        int rows = 0;
        for (Candidate candidate : batch) {
            if (!seen.add(candidate.key())) {
                continue;
            }
            NewFeedbackEvent e = candidate.event();
            ids[rows] = e.eventId().toString();
            sites[rows] = candidate.siteId().toString();
            types[rows] = e.type().wireName();
            subjects[rows] = e.subjectId();
            items[rows] = e.itemId();
            values[rows] = e.value() == null ? null : e.value().toPlainString();
            texts[rows] = e.text();
            properties[rows] = e.propertiesJson();
            times[rows] = e.occurredAt().toString();
            contexts[rows] = e.contextJson();
            rows++;
        }
        try (PreparedStatement ps = c.prepareStatement(STORE)) {
            String[][] columns = {ids, sites, types, subjects, items, values, texts, properties, times, contexts};
            for (int i = 0; i < columns.length; i++) {
                ps.setArray(i + 1, c.createArrayOf("text", java.util.Arrays.copyOf(columns[i], rows)));
            }
            Set<Key> stored = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(new Key(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
                }
            }
            return stored;
        }
    }
}
