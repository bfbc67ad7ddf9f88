package dev.attune.admin.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.SiteSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdentityVerificationPanelTest {
    private static SiteSummary site(boolean verified) {
        return new SiteSummary(
                UUID.randomUUID(), "Shop", List.of(), "pk_1", "sk_1", Instant.EPOCH, ConsentMode.IMPLIED, 90, verified);
    }

    @Test
    void shows_the_sites_setting_and_hides_the_secret_until_asked() {
        IdentityVerificationPanel panel = new IdentityVerificationPanel(site(true));
        assertThat(panel.required.getValue()).isTrue();
        assertThat(panel.secret.isVisible()).isFalse();

        panel.showSecret("iv_abc");

        assertThat(panel.secret.isVisible()).isTrue();
        assertThat(panel.secret.getValue()).isEqualTo("iv_abc");
        assertThat(panel.secret.isReadOnly()).isTrue();
    }

    @Test
    void reports_a_reveal_and_a_rotation_request() {
        IdentityVerificationPanel panel = new IdentityVerificationPanel(site(false));
        var reveals = TestVaadin.record(panel, IdentityVerificationPanel.RevealRequested.class);
        var rotations = TestVaadin.record(panel, IdentityVerificationPanel.RotateRequested.class);

        panel.reveal.click();
        panel.rotate.click();

        assertThat(panel.required.getValue()).isFalse();
        assertThat(reveals).hasSize(1);
        assertThat(rotations).hasSize(1);
    }
}
