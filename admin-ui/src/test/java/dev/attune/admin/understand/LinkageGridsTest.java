package dev.attune.admin.understand;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import dev.attune.admin.TestVaadin;
import dev.attune.identity.api.LinkageService.ReviewItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkageGridsTest {

    @Test
    void a_contact_in_the_queue_shows_its_name_over_its_email() {
        ReviewQueueGrid grid = new ReviewQueueGrid();
        ReviewItem r = new ReviewItem(
                1,
                null,
                0.7,
                2.0,
                List.of(),
                Map.of("id", "c-1", "given_name", "Ann", "surname", "Smith", "email", "ann@example.com"),
                Map.of("id", "c-2", "email", " "),
                null,
                null,
                "open",
                null,
                null);

        assertThat(TestVaadin.text(TestVaadin.cell(grid, 2, r))).contains("Ann Smith", "ann@example.com");
        assertThat(TestVaadin.text(TestVaadin.cell(grid, 3, r))).contains("(no name) · c-2", "no email");
    }

    @Test
    void the_imports_show_what_each_import_did() {
        assertThat(new ImportsGrid().getColumns())
                .extracting(Grid.Column::getHeaderText)
                .containsExactly(
                        "Created (UTC)",
                        "Source",
                        "File",
                        "Records",
                        "Candidates",
                        "Matches",
                        "Merged",
                        "Review",
                        "λ",
                        "Seconds",
                        "By");
    }
}
