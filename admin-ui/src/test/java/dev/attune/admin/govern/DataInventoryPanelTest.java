package dev.attune.admin.govern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import dev.attune.platform.api.PersonalData.InventoryItem;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataInventoryPanelTest {
    private static final InventoryItem EVENTS = new InventoryItem(
            "feedback",
            "events",
            "feedback.event",
            "what visitors did, with texts",
            "feedback, personalization",
            "90 days, per site");

    @BeforeEach
    void ui() {
        TestVaadin.setUp(); // the CSV link registers its download with the UI
    }

    @AfterEach
    void noUi() {
        TestVaadin.tearDown();
    }

    @Test
    void the_grid_lists_every_declared_item() {
        DataInventoryPanel panel = new DataInventoryPanel(List.of(EVENTS));

        assertThat(panel.grid.getGenericDataView().getItems()).containsExactly(EVENTS);
        assertThat(TestVaadin.byId(panel, "retention-inventory-csv")).isPresent();
    }

    @Test
    void the_csv_has_a_header_and_quotes_values_with_commas() throws Exception {
        StringWriter out = new StringWriter();

        DataInventoryPanel.writeCsv(List.of(EVENTS), out);

        assertThat(out.toString().split("\r\n"))
                .containsExactly(
                        "module,kind,location,contents,purpose,retention",
                        "feedback,events,feedback.event,\"what visitors did, with texts\",\"feedback, personalization\",\"90 days, per site\"");
    }

    @Test
    void a_cell_that_would_run_as_a_formula_is_neutralised() throws Exception {
        StringWriter out = new StringWriter();

        DataInventoryPanel.writeCsv(
                List.of(new InventoryItem("feedback", "events", "feedback.event", "=1+1", "@SUM(A1)", "-1+cmd")), out);

        assertThat(out.toString().split("\r\n")[1]).isEqualTo("feedback,events,feedback.event,'=1+1,'@SUM(A1),'-1+cmd");
    }
}
