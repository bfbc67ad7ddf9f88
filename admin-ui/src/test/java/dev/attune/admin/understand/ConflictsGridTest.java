package dev.attune.admin.understand;

import static dev.attune.admin.understand.IdentityFixtures.ANN;
import static dev.attune.admin.understand.IdentityFixtures.BOB;
import static dev.attune.admin.understand.IdentityFixtures.SITE;
import static dev.attune.admin.understand.IdentityFixtures.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import dev.attune.admin.TestVaadin;
import dev.attune.identity.api.Conflict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictsGridTest {
    private static final Conflict OPEN =
            new Conflict(7, SITE, "user_ids", ANN, BOB, "identify", "u-1 vs u-2", T, null, null);
    private static final Conflict RESOLVED =
            new Conflict(8, SITE, "shared_device", BOB, null, "graph", "", T, T, "alice");

    @Test
    void resolve_reports_the_open_conflict() {
        ConflictsGrid grid = new ConflictsGrid(true);
        List<ConflictsGrid.ResolveEvent> resolved = TestVaadin.record(grid, ConflictsGrid.ResolveEvent.class);

        ((Button) TestVaadin.cell(grid, 7, OPEN)).click();

        assertThat(resolved).extracting(ConflictsGrid.ResolveEvent::conflict).containsExactly(OPEN);
        assertThat(TestVaadin.cell(grid, 7, RESOLVED)).isNotInstanceOf(Button.class);
    }

    @Test
    void each_person_named_opens_them() {
        ConflictsGrid grid = new ConflictsGrid(false);
        List<ConflictsGrid.OpenPersonEvent> opened = TestVaadin.record(grid, ConflictsGrid.OpenPersonEvent.class);

        Button other = (Button) TestVaadin.cell(grid, 2, OPEN);
        other.click();

        assertThat(other.getText()).isEqualTo("7b1d0c22");
        assertThat(opened).extracting(ConflictsGrid.OpenPersonEvent::personId).containsExactly(BOB);
    }

    @Test
    void who_only_reads_has_no_resolve_column() {
        assertThat(new ConflictsGrid(true).getColumns()).hasSize(8);
        assertThat(new ConflictsGrid(false).getColumns()).hasSize(7);
    }
}
