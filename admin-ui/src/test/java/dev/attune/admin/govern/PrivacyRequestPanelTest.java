package dev.attune.admin.govern;

import static dev.attune.admin.govern.PrivacyFixtures.ANN;
import static dev.attune.admin.govern.PrivacyFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import dev.attune.admin.TestVaadin;
import dev.attune.identity.api.PrivacyRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrivacyRequestPanelTest {

    @BeforeEach
    void vaadin() {
        TestVaadin.setUp(); // the link to the person needs the console's routes
    }

    @AfterEach
    void noVaadin() {
        TestVaadin.tearDown();
    }

    @Test
    void an_admin_processes_a_queued_request_now() {
        PrivacyRequestPanel panel = new PrivacyRequestPanel(true);
        List<PrivacyRequestPanel.ProcessEvent> processed =
                TestVaadin.record(panel, PrivacyRequestPanel.ProcessEvent.class);
        PrivacyRequest queued = request("erasure", "queued", null);
        panel.show(queued, null);

        TestVaadin.find(panel, "privacy-process", Button.class).click();

        assertThat(processed)
                .extracting(PrivacyRequestPanel.ProcessEvent::request)
                .containsExactly(queued);
        assertThat(TestVaadin.find(panel, "privacy-title", H3.class).getText()).isEqualTo("Erasure of person 3f2c9a10");
        assertThat(TestVaadin.find(panel, "privacy-open-person", RouterLink.class)
                        .getHref())
                .isEqualTo("identity?person=" + ANN);
    }

    @Test
    void auditors_read_only_and_an_erased_person_has_no_link() {
        PrivacyRequestPanel panel = new PrivacyRequestPanel(false);

        panel.show(request("erasure", "done", "{}"), null);

        assertThat(TestVaadin.byId(panel, "privacy-process")).isEmpty();
        assertThat(TestVaadin.find(panel, "privacy-open-person", RouterLink.class)
                        .isVisible())
                .isFalse();
    }

    @Test
    void the_same_request_is_not_redrawn_until_forgotten() {
        PrivacyRequestPanel panel = new PrivacyRequestPanel(true);
        PrivacyRequest done = request("export", "done", "{}");
        panel.show(done, new Span("download"));
        H3 title = TestVaadin.find(panel, "privacy-title", H3.class);

        panel.show(done, null);
        assertThat(panel.showing(done)).isTrue();
        assertThat(TestVaadin.find(panel, "privacy-title", H3.class)).isSameAs(title);
        assertThat(TestVaadin.text(panel)).contains("download");

        panel.forget();
        panel.show(done, null);
        assertThat(TestVaadin.find(panel, "privacy-title", H3.class)).isNotSameAs(title);
    }
}
