package dev.attune.admin.govern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.govern.RecentRunsGrid.RunRow;
import dev.attune.platform.api.AuditTrail.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentRunsGridTest {
    private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");
    private static final Map<String, String> SITES = Map.of("s1", "Shop", "s2", "Blog");

    private static Entry entry(int secondsBefore, String action, String target, String outcome, String detail) {
        return new Entry(1, T.minusSeconds(secondsBefore), "system", action, target, outcome, null, detail, "h");
    }

    private static Entry profiles(int secondsBefore, String site, int deleted, String trigger) {
        return entry(
                secondsBefore,
                "retention.profiles",
                site,
                "SUCCESS",
                "{\"profilesDeleted\":" + deleted + ",\"enrichmentsDeleted\":2,\"days\":30,\"trigger\":\"" + trigger
                        + "\"}");
    }

    @Test
    void the_entries_of_one_profile_run_become_one_line_with_totals_and_site_names() {
        List<RunRow> rows = RecentRunsGrid.runRows(
                List.of(profiles(0, "s1", 3, "schedule"), profiles(1, "s2", 0, "schedule")), SITES);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("retention.profiles");
            assertThat(r.at()).isEqualTo(T);
            assertThat(r.summary()).isEqualTo("Profiles: 3 deleted, 4 enrichments, across 2 sites — Shop 3 · schedule");
            assertThat(r.detail()).contains("Blog: 0 profiles", "Shop: 3 profiles");
        });
    }

    @Test
    void a_site_seen_again_or_another_trigger_starts_another_run() {
        List<RunRow> rows = RecentRunsGrid.runRows(
                List.of(
                        profiles(0, "s1", 1, "schedule"),
                        profiles(1, "s1", 1, "schedule"),
                        profiles(2, "s2", 1, "console")),
                SITES);

        assertThat(rows).hasSize(3);
    }

    @Test
    void a_failed_site_makes_the_run_fail() {
        Entry failed = entry(1, "retention.profiles", "s2", "FAILURE", "{\"trigger\":\"schedule\"}");

        List<RunRow> rows = RecentRunsGrid.runRows(List.of(profiles(0, "s1", 1, "schedule"), failed), SITES);

        assertThat(rows).singleElement().extracting(RunRow::outcome).isEqualTo("FAILURE");
    }

    @Test
    void other_runs_are_said_in_a_sentence() {
        List<RunRow> rows = RecentRunsGrid.runRows(
                List.of(
                        entry(
                                0,
                                "retention.run",
                                "feedback.event",
                                "SUCCESS",
                                "{\"eventsDeleted\":1234,\"droppedPartitions\":[\"a\",\"b\"],\"trigger\":\"console\"}"),
                        entry(1, "retention.audit", "platform.audit_entry", "SUCCESS", "{\"deleted\":5,\"days\":1}"),
                        entry(2, "retention.requested", "feedback.event", "SUCCESS", "{\"job\":\"events\"}"),
                        entry(
                                3,
                                "retention.failed",
                                "platform.audit_entry",
                                "FAILURE",
                                "{\"job\":\"audit\",\"error\":\"timeout\"}"),
                        entry(4, "retention.other", "x", "SUCCESS", "not json")),
                SITES);

        assertThat(rows)
                .extracting(RunRow::summary)
                .containsExactly(
                        "Raw events: 1,234 deleted, 2 partitions dropped · console",
                        "Audit log: 5 entries deleted (older than 1 day)",
                        "system ran event retention from the console",
                        "Audit retention failed: timeout",
                        "not json");
    }

    @Test
    void at_most_fifty_lines() {
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            many.add(entry(i, "retention.run", "feedback.event", "SUCCESS", "{}"));
        }

        assertThat(RecentRunsGrid.runRows(many, SITES)).hasSize(RecentRunsGrid.RECENT);
    }
}
