package dev.attune.admin.understand;

import static dev.attune.admin.understand.IdentityFixtures.SITE;
import static dev.attune.admin.understand.IdentityFixtures.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import dev.attune.admin.TestVaadin;
import dev.attune.personalization.api.Profile;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilePanelTest {
    private static final Profile PROFILE = new Profile(
            SITE,
            "anon-1",
            42,
            T,
            T,
            T,
            List.of(new Profile.Score("jazz", 0.8, 10), new Profile.Score("metal", -0.4, 2)),
            List.of(),
            4.25,
            4,
            9,
            "promoter",
            null,
            null,
            0.31,
            0.5,
            -0.05,
            3,
            12.5,
            Map.of("mobile", 40L),
            Map.of());

    @Test
    void shows_the_figures_of_a_profile() {
        ProfilePanel panel = new ProfilePanel(true);

        panel.show(PROFILE, false, List.of());

        assertThat(TestVaadin.text(TestVaadin.find(panel, "profile-figures", FlexLayout.class)))
                .contains("12.5", "4.25 (4)", "9 · promoter", "0.31 over 3 texts", "-0.05 a day ↘", "42");
        assertThat(TestVaadin.find(panel, "profile-live", Span.class).getText()).isEqualTo("live");
    }

    @Test
    void rebuild_is_reported_with_the_profile_shown_and_hidden_from_auditors() {
        ProfilePanel panel = new ProfilePanel(true);
        List<ProfilePanel.RebuildEvent> rebuilds = TestVaadin.record(panel, ProfilePanel.RebuildEvent.class);
        panel.show(PROFILE, true, List.of());

        TestVaadin.find(panel, "profile-rebuild", Button.class).click();

        assertThat(rebuilds).extracting(ProfilePanel.RebuildEvent::profile).containsExactly(PROFILE);
        assertThat(TestVaadin.find(panel, "profile-live", Span.class).getText()).startsWith("live · updated ");

        ProfilePanel auditors = new ProfilePanel(false);
        auditors.show(PROFILE, false, List.of());
        assertThat(TestVaadin.find(auditors, "profile-rebuild", Button.class).isVisible())
                .isFalse();
    }

    @Test
    void interests_draw_the_strongest_scores_negative_ones_red() {
        JsonObject chart = ProfilePanel.bars(PROFILE.items());

        assertThat(chart.getJsonObject("yAxis").getJsonArray("data").toString()).isEqualTo("[\"metal\",\"jazz\"]");
        assertThat(chart.getJsonArray("series")
                        .getJsonObject(0)
                        .getJsonArray("data")
                        .getJsonObject(0)
                        .getJsonObject("itemStyle")
                        .getString("color"))
                .isEqualTo("#e03131");
    }

    @Test
    void no_profile_says_why_there_may_be_none() {
        ProfilePanel panel = new ProfilePanel(true);

        panel.showNone("anon-9");

        assertThat(TestVaadin.text(panel)).startsWith("No profile of anon-9 on this site");
    }
}
