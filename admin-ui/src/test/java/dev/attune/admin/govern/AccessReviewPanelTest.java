package dev.attune.admin.govern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import dev.attune.admin.collect.SitesView;
import dev.attune.admin.shell.MainLayout;
import dev.attune.admin.shell.MainLayout.Area;
import dev.attune.platform.api.ConsoleUserService.User;
import dev.attune.platform.api.Roles;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessReviewPanelTest {
    private static Area area(Class<?> view) {
        return MainLayout.AREAS.stream()
                .filter(a -> a.view() == view)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void a_role_changes_what_it_edits_reads_what_it_may_open_and_nothing_else() {
        Area sites = area(SitesView.class);
        Area audit = area(AuditLogView.class);

        assertThat(AccessReviewPanel.access(sites, Roles.ADMIN)).isEqualTo(AccessReviewPanel.CHANGE);
        assertThat(AccessReviewPanel.access(sites, Roles.ANALYST)).isEqualTo(AccessReviewPanel.READ);
        assertThat(AccessReviewPanel.access(sites, Roles.AUDITOR)).isEqualTo(AccessReviewPanel.NONE);
        assertThat(AccessReviewPanel.access(audit, Roles.AUDITOR)).isEqualTo(AccessReviewPanel.READ);
        assertThat(AccessReviewPanel.access(sites, Set.of(Roles.AUDITOR, Roles.ANALYST)))
                .isEqualTo(AccessReviewPanel.READ);
    }

    @Test
    void the_export_has_a_row_per_user_and_a_disabled_user_can_do_nothing() throws Exception {
        StringWriter out = new StringWriter();

        AccessReviewPanel.writeCsv(
                List.of(
                        new User("ann", Set.of(Roles.ADMIN), false, false, Instant.EPOCH),
                        new User("bob", Set.of(Roles.ADMIN), true, true, Instant.EPOCH)),
                out);

        List<String> lines = List.of(out.toString().split("\r\n"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("username,roles,disabled,must_change_password,created_at,Feedback,");
        assertThat(lines.get(1)).startsWith("ann," + Roles.ADMIN + ",false,false,1970-01-01T00:00:00Z,read,change,");
        assertThat(lines.get(2).substring(lines.get(2).indexOf("Z,") + 2).split(","))
                .containsOnly("—");
    }

    @Test
    void the_matrix_counts_the_enabled_holders_of_each_role() {
        TestVaadin.setUp(); // the export link registers its download with the UI
        try {
            AccessReviewPanel panel = new AccessReviewPanel(event -> {});

            panel.show(List.of(
                    new User("ann", Set.of(Roles.ADMIN), false, false, Instant.EPOCH),
                    new User("bob", Set.of(Roles.ADMIN, Roles.ANALYST), true, false, Instant.EPOCH)));

            assertThat(panel.matrix.getColumnByKey(Roles.ADMIN).getHeaderText()).isEqualTo(Roles.ADMIN + " (1)");
            assertThat(panel.matrix.getColumnByKey(Roles.ANALYST).getHeaderText())
                    .isEqualTo(Roles.ANALYST + " (0)");
        } finally {
            TestVaadin.tearDown();
        }
    }
}
