package dev.attune.feedback.internal.persistence;

import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.api.QuarantineReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
    @Inject
    FeedbackDataSource db;

    /** Claims each incoming event's exactly-once key; only the events it returns are new. */
    private static final String KEYED = """
            keyed AS (
                INSERT INTO feedback.event_key (site_id, event_id, received_at)
                SELECT site_id, event_id, now() FROM incoming
                ON CONFLICT (site_id, event_id) DO NOTHING
                RETURNING site_id, event_id)""";

    /** Queues the rows of the CTE {@code stored} (just inserted into feedback.event) for publishing, in the bulk lane. */
    static final String QUEUE_STORED = """
            queued AS (
                INSERT INTO feedback.outbox (site_id, event_id, type, subject_id, item_id, value, text, properties, context,
                                             occurred_at, received_at)
                SELECT site_id, event_id, type, subject_id, item_id, value, text, properties, context, occurred_at, received_at
                FROM stored
                RETURNING site_id, event_id)""";

    /** Stores the new events and queues them for publishing, in the live lane where the candidate says so. */
    private static final String STORE = """
            WITH incoming AS (
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::jsonb[],
                                     ?::timestamptz[], ?::jsonb[], ?::boolean[])
                    AS t(event_id, site_id, type, subject_id, item_id, value, text, properties, occurred_at, context, live)),
            """ + KEYED + """
            ,
            stored AS (
                INSERT INTO feedback.event (event_id, site_id, type, subject_id, item_id, value, text, properties, occurred_at, context)
                SELECT i.event_id, i.site_id, i.type, i.subject_id, i.item_id, i.value, i.text, i.properties, i.occurred_at, i.context
                FROM incoming i JOIN keyed k ON k.site_id = i.site_id AND k.event_id = i.event_id
                RETURNING *),
            queued AS (
                INSERT INTO feedback.outbox (site_id, event_id, type, subject_id, item_id, value, text, properties, context,
                                             occurred_at, received_at, live)
                SELECT s.site_id, s.event_id, s.type, s.subject_id, s.item_id, s.value, s.text, s.properties, s.context,
                       s.occurred_at, s.received_at, i.live
                FROM stored s JOIN incoming i ON i.site_id = s.site_id AND i.event_id = s.event_id
                RETURNING site_id, event_id)
            SELECT site_id, event_id FROM queued""";

    private static final String QUARANTINE = """
            WITH incoming AS (
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::jsonb[],
                                     ?::timestamptz[], ?::jsonb[], ?::text[], ?::text[], ?::text[])
                    AS t(event_id, site_id, type, subject_id, item_id, value, text, properties, occurred_at, context,
                         reason, detail, client_address)),
            """ + KEYED + """
            ,
            held AS (
                INSERT INTO feedback.quarantine (site_id, event_id, reason, detail, type, subject_id, item_id, value, text,
                                                 properties, context, occurred_at, client_address)
                SELECT i.site_id, i.event_id, i.reason, i.detail, i.type, i.subject_id, i.item_id, i.value, i.text,
                       i.properties, i.context, i.occurred_at, i.client_address
                FROM incoming i JOIN keyed k ON k.site_id = i.site_id AND k.event_id = i.event_id
                RETURNING site_id, event_id)
            SELECT site_id, event_id FROM held""";

    /**
     * A candidate for storage; the same (site, event id) twice in one batch is stored once. With a quarantine reason
     * it goes to quarantine instead (same exactly-once key, never published). {@code live}: a visitor is waiting for
     * what it changes (the relay publishes it before a bulk backlog).
     */
    public record Candidate(
            UUID siteId,
            NewFeedbackEvent event,
            QuarantineReason quarantineReason,
            String quarantineDetail,
            String clientAddress,
            boolean live) {
        public Candidate(UUID siteId, NewFeedbackEvent event) {
            this(siteId, event, null, null, null, false);
        }

        public Key key() {
            return new Key(siteId, event.eventId());
        }

        public boolean quarantined() {
            return quarantineReason != null;
        }
    }

    public record Key(UUID siteId, UUID eventId) {}

    @Inject
    EventPartitions partitions;

    /** Within the caller's JTA transaction (today's partition is made first, in that transaction, when missing). */
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
        partitions.ensureToday(); // a clock and a volatile read, unless the day changed since the last batch
        return db.inTransaction(c -> store(c, batch));
    }

    /**
     * The keys this call stored (in the event store or in quarantine); every other candidate was a duplicate. The caller
     * owns the transaction and today's partition. Public for the ingest benchmark, which drives this same statement
     * straight over JDBC to show what the storage design itself costs beside raw COPY.
     */
    public static Set<Key> store(Connection c, List<Candidate> batch) throws SQLException {
        Set<Key> seen = new HashSet<>();
        List<Candidate> clean = new ArrayList<>(batch.size());
        List<Candidate> held = new ArrayList<>();
        for (Candidate candidate : batch) {
            if (seen.add(candidate.key())) {
                (candidate.quarantined() ? held : clean).add(candidate);
            }
        }
        Set<Key> stored = new HashSet<>();
        if (!clean.isEmpty()) {
            stored.addAll(execute(c, STORE, clean, false));
        }
        if (!held.isEmpty()) {
            stored.addAll(execute(c, QUARANTINE, held, true));
        }
        return stored;
    }

    private static Set<Key> execute(Connection c, String sql, List<Candidate> rows, boolean quarantine)
            throws SQLException {
        int n = rows.size();
        String[][] columns = new String[quarantine ? 13 : 11][n];
        for (int r = 0; r < n; r++) {
            Candidate candidate = rows.get(r);
            NewFeedbackEvent e = candidate.event();
            columns[0][r] = e.eventId().toString();
            columns[1][r] = candidate.siteId().toString();
            columns[2][r] = e.type().wireName();
            columns[3][r] = e.subjectId();
            columns[4][r] = e.itemId();
            columns[5][r] = e.value() == null ? null : e.value().toPlainString();
            columns[6][r] = e.text();
            columns[7][r] = e.propertiesJson();
            columns[8][r] = e.occurredAt().toString();
            columns[9][r] = e.contextJson();
            if (!quarantine) {
                columns[10][r] = Boolean.toString(candidate.live());
            } else {
                columns[10][r] = candidate.quarantineReason().wireName();
                columns[11][r] = candidate.quarantineDetail();
                columns[12][r] = candidate.clientAddress();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < columns.length; i++) {
                ps.setArray(i + 1, c.createArrayOf("text", columns[i]));
            }
            Set<Key> stored = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(new Key(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2))));
                }
            }
            return stored;
        }
    }
}
