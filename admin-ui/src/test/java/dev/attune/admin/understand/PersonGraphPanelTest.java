package dev.attune.admin.understand;

import static dev.attune.admin.understand.IdentityFixtures.ANN;
import static dev.attune.admin.understand.IdentityFixtures.BOB;
import static dev.attune.admin.understand.IdentityFixtures.annsGraph;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import dev.attune.admin.TestVaadin;
import dev.attune.identity.api.Edge;
import dev.attune.identity.api.PersonGraph;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonGraphPanelTest {

    @BeforeEach
    void vaadin() {
        TestVaadin.setUp(); // the privacy link needs the console's routes
    }

    @AfterEach
    void noVaadin() {
        TestVaadin.tearDown();
    }

    @SuppressWarnings("unchecked")
    private static <T> Grid<T> grid(PersonGraphPanel panel, String id) {
        return TestVaadin.find(panel, id, Grid.class);
    }

    @Test
    void shows_the_person_their_links_identifiers_and_history() {
        PersonGraphPanel panel = new PersonGraphPanel(true, true);

        panel.show(annsGraph(), null);

        assertThat(TestVaadin.find(panel, "identity-title", H3.class).getText()).isEqualTo("Person 3f2c9a10");
        assertThat(TestVaadin.text(panel)).contains("3 identifiers", "subjects: anon-1, u-42");
        assertThat(grid(panel, "identity-links").getGenericDataView().getItems())
                .hasSize(2);
        assertThat(grid(panel, "identity-identifiers").getGenericDataView().getItems())
                .hasSize(3);
        assertThat(TestVaadin.find(panel, "identity-privacy", RouterLink.class).getHref())
                .isEqualTo("privacy?person=" + ANN);
    }

    @Test
    void merge_and_unmerge_report_the_person_and_the_link_with_its_ends_named() {
        PersonGraphPanel panel = new PersonGraphPanel(true, false);
        List<PersonGraphPanel.MergeEvent> merges = TestVaadin.record(panel, PersonGraphPanel.MergeEvent.class);
        List<PersonGraphPanel.UnmergeEvent> unmerges = TestVaadin.record(panel, PersonGraphPanel.UnmergeEvent.class);
        panel.show(annsGraph(), null);
        Grid<Edge> links = grid(panel, "identity-links");
        Edge unsure = annsGraph().edges().get(1);

        TestVaadin.find(panel, "identity-merge", Button.class).click();
        ((Button) TestVaadin.cell(links, links.getColumns().size() - 1, unsure)).click();

        assertThat(merges).singleElement().extracting(e -> e.person().id()).isEqualTo(ANN);
        assertThat(unmerges).singleElement().satisfies(e -> {
            assertThat(e.edge()).isEqualTo(unsure);
            assertThat(e.from()).isEqualTo("user u-42");
            assertThat(e.to()).isEqualTo("email a***@example.com");
        });
        assertThat(TestVaadin.find(panel, "identity-privacy", RouterLink.class).isVisible())
                .isFalse();
    }

    @Test
    void the_other_person_of_a_history_entry_opens_them() {
        PersonGraphPanel panel = new PersonGraphPanel(false, false);
        List<PersonGraphPanel.OpenPersonEvent> opened =
                TestVaadin.record(panel, PersonGraphPanel.OpenPersonEvent.class);
        panel.show(annsGraph(), null);
        Grid<PersonGraph.HistoryEntry> history = grid(panel, "identity-history");

        ((Button) TestVaadin.cell(history, 2, annsGraph().history().get(0))).click();

        assertThat(opened)
                .extracting(PersonGraphPanel.OpenPersonEvent::personId)
                .containsExactly(BOB);
    }

    @Test
    void who_only_reads_gets_neither_merge_nor_unmerge() {
        PersonGraphPanel panel = new PersonGraphPanel(false, false);

        panel.show(annsGraph(), null);

        assertThat(TestVaadin.find(panel, "identity-merge", Button.class).isVisible())
                .isFalse();
        assertThat(grid(panel, "identity-links").getColumns()).hasSize(7);
    }

    @Test
    void a_notice_shows_above_the_person_and_a_note_replaces_them() {
        PersonGraphPanel panel = new PersonGraphPanel(true, true);

        panel.show(annsGraph(), new Span("split"));
        assertThat(panel.getComponentAt(0)).isInstanceOf(Span.class);

        panel.showNote("No person here");
        assertThat(TestVaadin.text(panel)).isEqualTo("No person here");
    }
}
