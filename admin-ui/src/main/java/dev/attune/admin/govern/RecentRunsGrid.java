package dev.attune.admin.govern;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import dev.attune.admin.components.Grids;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.AuditTrail.Entry;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The recent retention runs, read from the audit log: one line per run, where the entries a profile run writes (one
 * per site) are taken together, each in a sentence with its detail as a tooltip.
 */
class RecentRunsGrid extends Grid<RecentRunsGrid.RunRow> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** At most this many lines. */
    static final int RECENT = 50;

    static final String PROFILES_RUN = "retention.profiles";

    /**
     * One line of the recent runs: an audit entry, or the entries of one profile retention run (the module records one per
     * site) taken together.
     */
    record RunRow(Instant at, String actor, String action, String outcome, String summary, String detail) {}

    RecentRunsGrid() {
        super(RunRow.class, false);
        setId("retention-runs");
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setHeight("20rem");
        addColumn(r -> TIME.format(r.at()))
                .setHeader("When (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(RunRow::at);
        addColumn(RunRow::actor).setHeader("Actor").setAutoWidth(true).setFlexGrow(0);
        addColumn(RunRow::action).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
        addComponentColumn(r -> AuditEntryPanel.outcomeBadge(r.outcome()))
                .setHeader("Outcome")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(RunRow::outcome);
        addColumn(RunRow::summary)
                .setHeader("What happened")
                .setFlexGrow(1)
                .setResizable(true)
                .setTooltipGenerator(RunRow::detail);
        Grids.sortable(this);
        setEmptyStateText("No retention runs recorded yet (or they are older than the audit log keeps).");
    }

    /** Shows the runs among these entries (newest first); site names by id name the sites of profile runs. */
    void show(List<Entry> entries, Map<String, String> siteNames) {
        setItems(runRows(entries, siteNames));
    }

    /**
     * The entries, newest first, as lines: consecutive {@code retention.profiles} entries of one run (same trigger, each
     * site once) become one line; at most {@value #RECENT} lines.
     */
    static List<RunRow> runRows(List<Entry> entries, Map<String, String> siteNames) {
        List<RunRow> rows = new ArrayList<>();
        List<Entry> group = new ArrayList<>();
        for (Entry e : entries) {
            if (rows.size() >= RECENT) {
                break;
            }
            if (e.action().equals(PROFILES_RUN)) {
                if (!group.isEmpty() && !sameRun(group, e)) {
                    rows.add(profileRun(group, siteNames));
                    group = new ArrayList<>();
                }
                group.add(e);
                continue;
            }
            if (!group.isEmpty()) {
                rows.add(profileRun(group, siteNames));
                group = new ArrayList<>();
            }
            rows.add(new RunRow(
                    e.at(), e.actor(), e.action(), e.outcome(), summary(e), AuditEntryPanel.pretty(e.detail())));
        }
        if (!group.isEmpty() && rows.size() < RECENT) {
            rows.add(profileRun(group, siteNames));
        }
        return rows;
    }

    /** Whether an entry belongs to the run gathered so far: same trigger, a site not seen yet, written within minutes. */
    private static boolean sameRun(List<Entry> group, Entry e) {
        Entry last = group.get(group.size() - 1);
        String trigger = text(detail(e.detail()), "trigger");
        return trigger.equals(text(detail(last.detail()), "trigger"))
                && group.stream().noneMatch(g -> Objects.equals(g.target(), e.target()))
                && Duration.between(e.at(), last.at()).abs().compareTo(Duration.ofMinutes(5)) <= 0;
    }

    /** One profile retention run: totals, the sites where something was deleted, and each site's part in the detail. */
    private static RunRow profileRun(List<Entry> group, Map<String, String> siteNames) {
        long profilesDeleted = 0;
        long enrichments = 0;
        List<String> withDeletions = new ArrayList<>();
        StringBuilder detail = new StringBuilder();
        for (int i = group.size() - 1; i >= 0; i--) { // in the order the run went through the sites
            Entry e = group.get(i);
            JsonObject d = detail(e.detail());
            long p = number(d, "profilesDeleted");
            long x = number(d, "enrichmentsDeleted");
            profilesDeleted += p;
            enrichments += x;
            String site = siteNames.getOrDefault(e.target(), e.target());
            if (p > 0) {
                withDeletions.add(site + " " + p);
            }
            detail.append(site)
                    .append(String.format(
                            Locale.ROOT,
                            ": %,d profiles, %,d enrichments deleted (not seen for %s)%n",
                            p,
                            x,
                            RetentionView.days((int) number(d, "days"))));
        }
        Entry newest = group.get(0);
        String trigger = text(detail(newest.detail()), "trigger");
        String summary = String.format(
                        Locale.ROOT,
                        "Profiles: %,d deleted, %,d enrichments, across %d site%s",
                        profilesDeleted,
                        enrichments,
                        group.size(),
                        group.size() == 1 ? "" : "s")
                + (withDeletions.isEmpty()
                        ? ""
                        : " — "
                                + String.join(
                                        ", ", withDeletions.stream().limit(10).toList())
                                + (withDeletions.size() > 10 ? ", …" : ""))
                + (trigger.isEmpty() ? "" : " · " + trigger);
        String outcome = group.stream()
                .map(Entry::outcome)
                .filter(o -> !AuditOutcome.SUCCESS.name().equals(o))
                .findFirst()
                .orElse(AuditOutcome.SUCCESS.name());
        return new RunRow(
                newest.at(),
                newest.actor(),
                PROFILES_RUN,
                outcome,
                summary,
                detail.toString().strip());
    }

    /** An entry's detail in a sentence, for the runs this view knows; the JSON in short otherwise. */
    static String summary(Entry e) {
        JsonObject d = detail(e.detail());
        String trigger = d.containsKey("trigger") ? " · " + text(d, "trigger") : "";
        return switch (e.action()) {
            case "retention.run" ->
                String.format(Locale.ROOT, "Raw events: %,d deleted", number(d, "eventsDeleted"))
                        + (d.containsKey("droppedPartitions")
                                        && d.get("droppedPartitions").getValueType() == JsonValue.ValueType.ARRAY
                                        && !d.getJsonArray("droppedPartitions").isEmpty()
                                ? ", " + d.getJsonArray("droppedPartitions").size() + " partitions dropped"
                                : "")
                        + trigger;
            case "retention.audit" ->
                String.format(
                        Locale.ROOT,
                        "Audit log: %,d entries deleted (older than %s)",
                        number(d, "deleted"),
                        RetentionView.days((int) number(d, "days")));
            case "retention.requested" ->
                e.actor() + " ran " + RetentionJob.label(text(d, "job")).toLowerCase(Locale.ROOT) + " from the console";
            case "retention.failed" -> RetentionJob.label(text(d, "job")) + " failed: " + text(d, "error");
            default -> shorten(e.detail());
        };
    }

    private static JsonObject detail(String json) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            JsonValue v = JSON.createReader(new StringReader(json)).readValue();
            return v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT;
        } catch (JsonException | IllegalStateException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static long number(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null) {
            return 0;
        }
        return switch (v.getValueType()) {
            case NUMBER -> o.getJsonNumber(key).longValue();
            case STRING -> {
                try {
                    yield Long.parseLong(o.getString(key));
                } catch (NumberFormatException e) {
                    yield 0;
                }
            }
            default -> 0;
        };
    }

    private static String text(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        return v.getValueType() == JsonValue.ValueType.STRING ? o.getString(key) : v.toString();
    }

    private static String shorten(String json) {
        String s = json == null ? "" : json;
        return s.length() <= 160 ? s : s.substring(0, 157) + "…";
    }
}
