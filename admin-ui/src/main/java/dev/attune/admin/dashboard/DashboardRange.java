package dev.attune.admin.dashboard;

import dev.attune.personalization.api.KpiService.Bucket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's time ranges, each ending now: how far back it starts, the KPI buckets its charts are drawn in and
 * the buckets quarantine is counted in (coarser, to keep the number of queries small; none for the last hour).
 * Ranges start on a bucket boundary in UTC, so every bucket but the last (the one now is in) is complete: "Last 7
 * days" and "Last 30 days" are UTC calendar days including today.
 */
enum DashboardRange {
    LAST_HOUR("Last hour", Bucket.MINUTE, ChronoUnit.MINUTES, 60, null),
    LAST_24_HOURS("Last 24 hours", Bucket.HOUR, ChronoUnit.HOURS, 24, ChronoUnit.HOURS),
    LAST_7_DAYS("Last 7 days", Bucket.HOUR, ChronoUnit.DAYS, 7, ChronoUnit.DAYS),
    LAST_30_DAYS("Last 30 days", Bucket.DAY, ChronoUnit.DAYS, 30, ChronoUnit.DAYS);

    private final String label;
    private final Bucket bucket;
    private final ChronoUnit spanUnit;
    private final int spanCount;
    private final ChronoUnit quarantineUnit;

    DashboardRange(String label, Bucket bucket, ChronoUnit spanUnit, int spanCount, ChronoUnit quarantineUnit) {
        this.label = label;
        this.bucket = bucket;
        this.spanUnit = spanUnit;
        this.spanCount = spanCount;
        this.quarantineUnit = quarantineUnit;
    }

    String label() {
        return label;
    }

    /** The KPI bucket the range's time series come in. */
    Bucket bucket() {
        return bucket;
    }

    /** Whether quarantine is drawn over time for this range (not for the last hour: too fine for the queries it costs). */
    boolean quarantineOverTime() {
        return quarantineUnit != null;
    }

    /** The first instant of the range ending at {@code now}: {@code spanCount} units including the one now is in. */
    Instant from(Instant now) {
        return now.truncatedTo(spanUnit).minus(spanCount - 1L, spanUnit);
    }

    /** The starts of the KPI buckets from {@link #from} up to the one {@code now} is in. */
    List<Instant> grid(Instant now) {
        return steps(from(now), now, unit(bucket));
    }

    /** The starts of the quarantine buckets from {@link #from} up to the one {@code now} is in; empty when not drawn. */
    List<Instant> quarantineGrid(Instant now) {
        return quarantineUnit == null ? List.of() : steps(from(now), now, quarantineUnit);
    }

    /** How long one quarantine bucket is. */
    Duration quarantineStep() {
        return quarantineUnit == null ? Duration.ZERO : quarantineUnit.getDuration();
    }

    /** The label of a bucket of this range: minutes and hours in {@code zone} (the browser's), days as UTC dates. */
    String label(Bucket bucket, Instant start, ZoneId zone) {
        return switch (bucket) {
            case MINUTE -> DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).format(start.atZone(zone));
            case HOUR ->
                DateTimeFormatter.ofPattern(this == LAST_24_HOURS ? "HH:mm" : "EEE d HH:mm", Locale.ENGLISH)
                        .format(start.atZone(zone));
            case DAY -> DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH).format(start.atZone(ZoneOffset.UTC));
        };
    }

    static ChronoUnit unit(Bucket bucket) {
        return switch (bucket) {
            case MINUTE -> ChronoUnit.MINUTES;
            case HOUR -> ChronoUnit.HOURS;
            case DAY -> ChronoUnit.DAYS;
        };
    }

    private static List<Instant> steps(Instant from, Instant now, ChronoUnit unit) {
        List<Instant> out = new ArrayList<>();
        for (Instant t = from; !t.isAfter(now); t = t.plus(1, unit)) {
            out.add(t);
        }
        return out;
    }
}
