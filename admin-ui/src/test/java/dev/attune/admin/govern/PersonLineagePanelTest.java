package dev.attune.admin.govern;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.RouterLink;
import dev.attune.admin.TestVaadin;
import dev.attune.personalization.api.LineageService.ConsentRecord;
import dev.attune.personalization.api.LineageService.EventSource;
import dev.attune.personalization.api.LineageService.IdentifierSource;
import dev.attune.personalization.api.LineageService.PersonLineage;
import dev.attune.personalization.api.LineageService.ProfileSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonLineagePanelTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final UUID PERSON = UUID.fromString("3f2c9a10-5d7e-4b1a-9c3e-0d8f6a2b4c11");

    private final PersonLineagePanel panel = new PersonLineagePanel();

    @BeforeEach
    void vaadin() {
        TestVaadin.setUp(); // the link to the identity graph needs the console's routes
    }

    @AfterEach
    void noVaadin() {
        TestVaadin.tearDown();
    }

    @Test
    void show_lineage_asks_for_a_lookup_of_the_subject_stripped() {
        List<PersonLineagePanel.LookupEvent> lookups = TestVaadin.record(panel, PersonLineagePanel.LookupEvent.class);
        panel.subject.setValue("  anon-1 ");

        panel.show.click();

        assertThat(lookups).hasSize(1);
        assertThat(panel.subject()).contains("anon-1");
    }

    @Test
    void a_subject_longer_than_200_characters_is_marked() {
        panel.setSubject("x".repeat(201));

        assertThat(panel.subject()).isEmpty();
        assertThat(panel.subject.isInvalid()).isTrue();
        assertThat(panel.subject.getErrorMessage()).isEqualTo("At most 200 characters");
    }

    @Test
    void a_person_in_the_graph_links_to_it_and_shows_every_source() {
        PersonLineage l = new PersonLineage(
                "anon-1",
                "p-1",
                Optional.of(PERSON),
                List.of(new IdentifierSource("email", "a***@example.com", "widget", 1.0, T, T)),
                List.of(new EventSource("anon-1", "page_view", 1200, T, T), new EventSource("u-42", "rating", 3, T, T)),
                List.of(new ConsentRecord("anon-1", "personalization", true, "v2", "widget", T)),
                Optional.of(new ProfileSummary(1203, T, T, List.of("vip"))));

        panel.showLineage(l);

        RouterLink graph = TestVaadin.find(panel, "lineage-person-identity", RouterLink.class);
        assertThat(graph.getHref()).isEqualTo("identity?person=" + PERSON);
        assertThat(TestVaadin.text(panel.result))
                .contains(
                        "Person p-1",
                        "1,203 from 2 subjects",
                        "Identifiers (1)",
                        "Events by subject and type (2)",
                        "Consent ledger (1)",
                        "vip");
    }

    @Test
    void a_person_outside_the_graph_without_a_profile_says_so() {
        panel.showLineage(new PersonLineage(
                "anon-9", "anon-9", Optional.empty(), List.of(), List.of(), List.of(), Optional.empty()));

        assertThat(TestVaadin.byId(panel, "lineage-person-identity")).isEmpty();
        assertThat(TestVaadin.byId(panel, "lineage-profile-none")).isPresent();
        assertThat(TestVaadin.text(panel.result)).contains("not in the identity graph");
    }
}
