package dev.attune.admin.govern;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import dev.attune.admin.TestVaadin;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.LineageService.Derived;
import dev.attune.personalization.api.LineageService.EventLineage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventLineagePanelTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final UUID EVENT = UUID.fromString("3f2c9a10-5d7e-4b1a-9c3e-0d8f6a2b4c11");

    private final EventLineagePanel panel = new EventLineagePanel();

    @Test
    void show_lineage_asks_for_a_lookup() {
        List<EventLineagePanel.LookupEvent> lookups = TestVaadin.record(panel, EventLineagePanel.LookupEvent.class);

        panel.show.click();

        assertThat(lookups).hasSize(1);
    }

    @Test
    void an_event_id_is_a_uuid_blanks_around_it_ignored() {
        panel.setEventId("  " + EVENT + " ");

        assertThat(panel.eventId()).contains(EVENT);
        assertThat(panel.eventId.isInvalid()).isFalse();
    }

    @Test
    void anything_else_is_marked_on_the_field() {
        panel.setEventId("order-42");

        assertThat(panel.eventId()).isEmpty();
        assertThat(panel.eventId.isInvalid()).isTrue();
        assertThat(panel.eventId.getErrorMessage()).startsWith("Not an event id");
        assertThat(TestVaadin.byId(panel, "lineage-event-empty")).isPresent();

        panel.clearError();
        assertThat(panel.eventId.isInvalid()).isFalse();
    }

    @Test
    void blank_shows_what_to_enter_without_an_error() {
        assertThat(panel.eventId()).isEmpty();
        assertThat(panel.eventId.isInvalid()).isFalse();
        assertThat(TestVaadin.byId(panel, "lineage-event-empty")).isPresent();
    }

    @Test
    void a_found_event_shows_its_facts_enrichment_and_what_was_derived_exact_first() {
        Derived nearby = new Derived("segment", "joined vip", T.plusSeconds(5), false);
        Derived exact = new Derived("enrichment", "sentiment 0.8", T.plusSeconds(10), true);
        EventEnrichment enrichment = new EventEnrichment(
                UUID.randomUUID(),
                EVENT,
                "anon-1",
                "text",
                T,
                "de",
                0.8,
                "positive",
                "mobile",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of());

        panel.showLineage(
                RetentionFormTest.SITE,
                new EventLineage(
                        EVENT, "text", "anon-1", "p-1", T, T, Optional.of(enrichment), List.of(nearby, exact)));

        String shown = TestVaadin.text(panel.result);
        assertThat(shown)
                .contains(
                        "Event text",
                        "anon-1",
                        "2026-03-01 12:00:00",
                        "Shop",
                        "positive (+0.80)",
                        "mobile",
                        "Derived from it (2)");
        assertThat(shown).doesNotContain("Keywords", "Local time");
        @SuppressWarnings("unchecked")
        Grid<Derived> derived = TestVaadin.find(panel, "lineage-derived", Grid.class);
        assertThat(derived.getGenericDataView().getItems()).containsExactly(exact, nearby);
    }

    @Test
    void person_lineage_asks_for_the_person_of_the_event() {
        List<EventLineagePanel.OpenPersonEvent> opened =
                TestVaadin.record(panel, EventLineagePanel.OpenPersonEvent.class);
        panel.showLineage(
                RetentionFormTest.SITE,
                new EventLineage(EVENT, "rating", "anon-1", "p-1", T, T, Optional.empty(), List.of()));

        TestVaadin.find(panel, "lineage-event-open-person", Button.class).click();

        assertThat(opened)
                .extracting(EventLineagePanel.OpenPersonEvent::subject)
                .containsExactly("anon-1");
    }

    @Test
    void an_event_not_found_says_where_it_was_looked_for() {
        panel.showNone(EVENT, "Shop");

        assertThat(TestVaadin.text(panel.result)).contains("No event " + EVENT + " on Shop");
    }
}
