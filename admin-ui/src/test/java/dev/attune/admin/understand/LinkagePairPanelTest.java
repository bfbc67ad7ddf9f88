package dev.attune.admin.understand;

import static dev.attune.admin.understand.IdentityFixtures.ANN;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.router.RouterLink;
import dev.attune.admin.TestVaadin;
import dev.attune.identity.api.LinkageService.ReviewItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkagePairPanelTest {
    private static final ReviewItem OPEN = new ReviewItem(
            7,
            null,
            0.83,
            4.2,
            List.of("email 0.97 jw -> +5.1", "phone 0.00 exact -> -2.3", "blocking key shared"),
            Map.of(
                    "id",
                    "c-1001",
                    "email",
                    "ann.smith@example.com",
                    "phone",
                    "+44 20 7946 0958",
                    "date_of_birth",
                    "1984-03-12"),
            Map.of(
                    "id",
                    "c-1002",
                    "email",
                    "annsmith@example.com",
                    "phone",
                    "020 7946 0958",
                    "date_of_birth",
                    "19840312"),
            ANN,
            null,
            "open",
            null,
            null);

    private final LinkagePairPanel panel = new LinkagePairPanel();

    @BeforeEach
    void vaadin() {
        TestVaadin.setUp(); // the link to the contact's person needs the console's routes
    }

    @AfterEach
    void noVaadin() {
        TestVaadin.tearDown();
    }

    @Test
    void an_open_pair_compares_field_by_field_and_links_to_the_persons() {
        panel.show(OPEN, null);

        assertThat(TestVaadin.find(panel, "linkage-pair-title", H4.class).getText())
                .isEqualTo("Pair #7: 83.0 % likely the same person");
        assertThat(TestVaadin.find(panel, "linkage-person-a", RouterLink.class).getHref())
                .isEqualTo("identity?person=" + ANN);
        assertThat(TestVaadin.text(panel))
                .contains("no person", "Other evidence: blocking key shared", "0.97 jw → ", "+5.1");
        NativeTableRow birth = TestVaadin.find(panel, "linkage-compare-date_of_birth", NativeTableRow.class);
        assertThat(birth.getChildren()
                        .skip(1)
                        .findFirst()
                        .orElseThrow()
                        .getStyle()
                        .get("background"))
                .isEqualTo("var(--lumo-success-color-10pct)");
    }

    @Test
    void the_decision_is_reported_with_the_pair() {
        List<LinkagePairPanel.DecideEvent> decisions = TestVaadin.record(panel, LinkagePairPanel.DecideEvent.class);
        panel.show(OPEN, null);

        TestVaadin.find(panel, "linkage-different", Button.class).click();
        TestVaadin.find(panel, "linkage-same", Button.class).click();

        assertThat(decisions)
                .extracting(LinkagePairPanel.DecideEvent::samePerson)
                .containsExactly(false, true);
        assertThat(decisions).extracting(LinkagePairPanel.DecideEvent::item).containsOnly(OPEN);
    }

    @Test
    void a_refusal_shows_under_the_buttons() {
        panel.show(OPEN, null);

        panel.showRefusal("Conflict: two user ids");

        assertThat(TestVaadin.find(panel, "linkage-decide-errors", Div.class).getText())
                .isEqualTo("Conflict: two user ids");
    }

    @Test
    void a_decided_pair_has_no_buttons_and_says_who_decided() {
        ReviewItem decided = new ReviewItem(
                8,
                null,
                0.6,
                1.0,
                List.of(),
                Map.of("id", "c-1"),
                Map.of("id", "c-2"),
                null,
                null,
                "rejected",
                "alice",
                Instant.parse("2026-03-01T12:00:00Z"));

        panel.show(decided, null);
        panel.showQueueDone("rejected");

        assertThat(TestVaadin.byId(panel, "linkage-same")).isEmpty();
        assertThat(TestVaadin.text(panel))
                .contains(
                        "rejected by alice on 2026-03-01 12:00 UTC",
                        "Queue done: the last pair was marked as different people");
    }

    @Test
    void values_are_compared_as_written_alike() {
        assertThat(LinkagePairPanel.same("phone", "+44 20 7946 0958", "44 (20) 7946-0958"))
                .isTrue();
        assertThat(LinkagePairPanel.same("date_of_birth", "1984-03-12", "19840312"))
                .isTrue();
        assertThat(LinkagePairPanel.same("postcode", "SW1A 1AA", "sw1a1aa")).isTrue();
        assertThat(LinkagePairPanel.same("surname", " Smith ", "smith")).isTrue();
        assertThat(LinkagePairPanel.same("surname", "Smith", "Smyth")).isFalse();
    }
}
