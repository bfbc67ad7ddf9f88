package dev.attune.admin.govern;

import static dev.attune.admin.govern.PrivacyFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import dev.attune.admin.TestVaadin;
import org.junit.jupiter.api.Test;

class ReceiptPanelTest {
    private final ReceiptPanel panel = new ReceiptPanel();

    @SuppressWarnings("unchecked")
    private Grid<ReceiptPanel.ReceiptRow> rows() {
        return TestVaadin.find(panel, "privacy-receipt-rows", Grid.class);
    }

    @Test
    void an_erasure_receipt_counts_rows_per_module_and_kind() {
        panel.show(request("erasure", "done", """
                {"subjects":2,"rowsDeleted":12,"modules":{"feedback":{"events":10,"consents":1},"identity":{"identifiers":1}}}"""), true);

        assertThat(TestVaadin.text(panel))
                .contains("Deleted 12 rows about 2 subjects in 2 modules.", "11 deleted", "1 deleted");
        assertThat(rows().getGenericDataView().getItems())
                .containsExactly(
                        new ReceiptPanel.ReceiptRow("feedback", "events", 10),
                        new ReceiptPanel.ReceiptRow("feedback", "consents", 1),
                        new ReceiptPanel.ReceiptRow("identity", "identifiers", 1));
    }

    @Test
    void an_export_receipt_says_how_long_admins_can_fetch_the_document() {
        String receipt = "{\"modules\":{\"feedback\":{\"events\":1}}}";

        panel.show(request("export", "done", receipt), true);
        assertThat(TestVaadin.text(panel))
                .contains("Exported 1 row from 1 module; the document itself is kept 30 days.");

        panel.show(request("export", "done", receipt), false);
        assertThat(TestVaadin.text(panel))
                .contains("Exported 1 row from 1 module.")
                .doesNotContain("30 days");
    }

    @Test
    void an_export_of_a_person_gone_exported_nothing() {
        panel.show(request("export", "done", "{\"modules\":{}}"), true);

        assertThat(TestVaadin.text(panel)).contains("Nothing was exported");
        assertThat(rows().isVisible()).isFalse();
    }

    @Test
    void without_a_receipt_it_says_what_to_expect() {
        panel.show(request("erasure", "queued", null), true);

        assertThat(TestVaadin.text(panel))
                .startsWith("No receipt yet: the request waits in the queue")
                .contains("2026-03-31 12:00 UTC");
    }

    @Test
    void a_receipt_that_is_not_json_shows_as_stored() {
        panel.show(request("erasure", "done", "rows: 3"), true);

        assertThat(TestVaadin.text(panel)).isEqualTo("rows: 3");
    }
}
