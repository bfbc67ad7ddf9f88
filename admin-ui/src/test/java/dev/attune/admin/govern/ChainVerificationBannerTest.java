package dev.attune.admin.govern;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.TestVaadin;
import dev.attune.platform.api.AuditLog.ChainVerification;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChainVerificationBannerTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    private final ChainVerificationBanner banner = new ChainVerificationBanner();

    @Test
    void hidden_until_a_verification_ran() {
        assertThat(banner.isVisible()).isFalse();
    }

    @Test
    void an_intact_chain_is_green_with_the_number_checked() {
        banner.show(new ChainVerification(12345, null), AT);

        assertThat(banner.isVisible()).isTrue();
        assertThat(TestVaadin.text(banner))
                .contains("Chain intact: 12,345 entries checked", "verified 2026-03-01 12:00:00 UTC");
        assertThat(banner.getClassNames())
                .contains(LumoUtility.Background.SUCCESS_10)
                .doesNotContain(LumoUtility.Background.ERROR_10);
    }

    @Test
    void a_broken_chain_is_red_and_names_the_entry_and_a_later_intact_result_turns_it_green() {
        banner.show(new ChainVerification(10, 7L), AT);

        assertThat(TestVaadin.text(banner)).contains("Chain broken at entry #7", "Compare the entry with your backups");
        assertThat(banner.getClassNames()).contains(LumoUtility.Background.ERROR_10);

        banner.show(new ChainVerification(10, null), AT);
        assertThat(banner.getClassNames())
                .contains(LumoUtility.Background.SUCCESS_10)
                .doesNotContain(LumoUtility.Background.ERROR_10);
        assertThat(TestVaadin.text(banner)).doesNotContain("broken");
    }
}
