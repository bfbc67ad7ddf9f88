package dev.attune.admin.govern;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import dev.attune.admin.TestVaadin;
import dev.attune.platform.api.AuditTrail.Entry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEntryPanelTest {
    private static final Entry ENTRY = new Entry(
            42,
            Instant.parse("2026-03-01T12:00:00Z"),
            "alice",
            "site.update",
            "3f2c9a10",
            "DENIED",
            "10.0.0.1",
            "{\"before\":{\"name\":\"a\"},\"after\":{\"name\":\"b\"}}",
            "abc123");

    private final AuditEntryPanel panel = new AuditEntryPanel();

    @Test
    void shows_the_entry_with_its_detail_indented_and_its_hash() {
        panel.show(ENTRY);

        assertThat(TestVaadin.find(panel, "audit-detail-title", H3.class).getText())
                .isEqualTo("Entry #42");
        assertThat(TestVaadin.find(panel, "audit-detail-json", Pre.class).getText())
                .isEqualTo("""
                {
                    "before": {
                        "name": "a"
                    },
                    "after": {
                        "name": "b"
                    }
                }""");
        assertThat(TestVaadin.find(panel, "audit-detail-hash", Span.class).getText())
                .isEqualTo("abc123");
        assertThat(TestVaadin.text(panel))
                .contains("2026-03-01 12:00:00.000000 UTC · alice · site.update · 3f2c9a10 · from 10.0.0.1");
    }

    @Test
    void the_follow_buttons_report_the_actor_and_the_target() {
        List<AuditEntryPanel.SameActorEvent> actors = TestVaadin.record(panel, AuditEntryPanel.SameActorEvent.class);
        List<AuditEntryPanel.SameTargetEvent> targets = TestVaadin.record(panel, AuditEntryPanel.SameTargetEvent.class);
        panel.show(ENTRY);

        TestVaadin.find(panel, "audit-detail-same-actor", Button.class).click();
        TestVaadin.find(panel, "audit-detail-same-target", Button.class).click();

        assertThat(actors).extracting(AuditEntryPanel.SameActorEvent::actor).containsExactly("alice");
        assertThat(targets).extracting(AuditEntryPanel.SameTargetEvent::target).containsExactly("3f2c9a10");
    }

    @Test
    void an_entry_without_a_target_has_no_target_button_and_none_clears_the_panel() {
        panel.show(new Entry(1, Instant.EPOCH, "system", "setup", null, "SUCCESS", null, null, "h"));

        assertThat(TestVaadin.byId(panel, "audit-detail-same-target")).isEmpty();
        assertThat(TestVaadin.find(panel, "audit-detail-json", Pre.class).getText())
                .isEqualTo("{}");

        panel.show(null);
        assertThat(panel.getComponentCount()).isZero();
    }

    @Test
    void a_detail_that_is_not_json_shows_as_stored() {
        assertThat(AuditEntryPanel.pretty("not {json")).isEqualTo("not {json");
    }

    @Test
    void outcomes_have_their_colour() {
        assertThat(AuditEntryPanel.outcomeBadge("FAILURE").getElement().getThemeList())
                .contains("error");
        assertThat(AuditEntryPanel.outcomeBadge("DENIED").getElement().getThemeList())
                .contains("warning");
        assertThat(AuditEntryPanel.outcomeBadge("SUCCESS").getElement().getThemeList())
                .contains("success");
    }
}
