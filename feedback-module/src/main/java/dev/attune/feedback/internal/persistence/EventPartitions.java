package dev.attune.feedback.internal.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily partitions of {@code feedback.event} (UTC days). Maintenance makes the coming days' partitions ahead of
 * time; the store makes today's on demand should maintenance not have run; retention drops whole old days.
 */
@ApplicationScoped
public class EventPartitions {
    @Inject
    FeedbackDataSource db;

    private final Clock clock = Clock.systemUTC();
    private volatile LocalDate ensuredThrough = LocalDate.MIN;

    /** One day's partition: its name, its first instant and the first instant after it. */
    public record Partition(String name, Instant from, Instant to) {}

    /** Makes sure today's and tomorrow's partitions exist (cheap when they are known to). */
    public void ensureToday() {
        LocalDate today = LocalDate.now(clock);
        if (!ensuredThrough.isBefore(today.plusDays(1))) {
            return;
        }
        ensureDays(today, 2);
    }

    /** Makes sure the partitions from {@code first} for {@code days} days exist. */
    public void ensureDays(LocalDate first, int days) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT feedback.ensure_event_partition(?)")) {
            for (int i = 0; i < days; i++) {
                ps.setDate(1, Date.valueOf(first.plusDays(i)));
                ps.executeQuery().close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Creating event partitions failed: " + e.getMessage(), e);
        }
        LocalDate last = first.plusDays(days - 1L);
        if (last.isAfter(ensuredThrough)) {
            ensuredThrough = last;
        }
    }

    /** Every partition, oldest first. */
    public List<Partition> list() {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("""
                     SELECT child.relname FROM pg_inherits i
                     JOIN pg_class child ON child.oid = i.inhrelid
                     JOIN pg_class parent ON parent.oid = i.inhparent
                     JOIN pg_namespace n ON n.oid = parent.relnamespace
                     WHERE n.nspname = 'feedback' AND parent.relname = 'event' AND child.relname ~ '^event_[0-9]{8}$'
                     ORDER BY child.relname""");
                ResultSet rs = ps.executeQuery()) {
            List<Partition> partitions = new ArrayList<>();
            while (rs.next()) {
                String name = rs.getString(1);
                LocalDate day = LocalDate.parse(name.substring("event_".length()), DateTimeFormatter.BASIC_ISO_DATE);
                partitions.add(new Partition(
                        name,
                        day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            }
            return partitions;
        } catch (SQLException e) {
            throw new IllegalStateException("Listing event partitions failed: " + e.getMessage(), e);
        }
    }
}
