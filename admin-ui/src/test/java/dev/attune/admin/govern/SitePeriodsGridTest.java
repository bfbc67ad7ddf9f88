package dev.attune.admin.govern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import dev.attune.admin.govern.RetentionView.SiteRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class SitePeriodsGridTest {
    private final SiteRow row = new SiteRow(RetentionFormTest.SITE, 30);

    @Test
    void change_reports_the_site_to_edit() {
        SitePeriodsGrid grid = new SitePeriodsGrid(true);
        List<SitePeriodsGrid.EditEvent> edits = TestVaadin.record(grid, SitePeriodsGrid.EditEvent.class);

        grid.editButton(row).click();

        assertThat(edits)
                .singleElement()
                .extracting(SitePeriodsGrid.EditEvent::row)
                .isEqualTo(row);
    }

    @Test
    void only_admins_get_the_change_column() {
        assertThat(new SitePeriodsGrid(true).getColumns()).hasSize(4);
        assertThat(new SitePeriodsGrid(false).getColumns()).hasSize(3);
    }
}
