package dev.attune.admin.dashboard;

import static dev.attune.admin.dashboard.DashboardFixtures.kpis;
import static dev.attune.admin.dashboard.DashboardFixtures.nps;
import static dev.attune.admin.dashboard.DashboardFixtures.sentiment;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import dev.attune.admin.TestVaadin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KpiCardsTest {
    private final KpiCards cards = new KpiCards();

    @BeforeEach
    void vaadin() {
        TestVaadin.setUp(); // the experiment links need the console's routes
    }

    @AfterEach
    void noVaadin() {
        TestVaadin.tearDown();
    }

    private String value(String id) {
        return TestVaadin.find(cards, id + "-value", Span.class).getText();
    }

    @Test
    void nps_shows_its_value_and_splits_its_bar() {
        cards.show(kpis(nps(6, 2, 2, 40.0)), List.of());

        assertThat(value("kpi-nps")).isEqualTo("+40");
        assertThat(TestVaadin.text(TestVaadin.find(cards, "kpi-nps", Div.class)))
                .contains("6 promoters · 2 passives · 2 detractors");
        Div split = TestVaadin.find(cards, "kpi-nps-split", Div.class);
        assertThat(split.getChildren().map(c -> c.getElement().getStyle().get("width")))
                .containsExactly("60.00%", "20.00%", "20.00%");
        assertThat(value("kpi-interaction")).isEqualTo("60.0 %");
        assertThat(value("kpi-eps")).isEqualTo("0.25");
    }

    @Test
    void an_empty_kpi_says_why() {
        cards.show(kpis(sentiment(0, null)), List.of());

        assertThat(value("kpi-nps")).isEqualTo(DashboardKpi.EMPTY);
        assertThat(TestVaadin.text(TestVaadin.find(cards, "kpi-nps", Div.class)))
                .contains("no NPS answers in this range");
        assertThat(value("kpi-ctr")).isEqualTo(DashboardKpi.EMPTY);
    }

    @Test
    void the_sentiment_trend_compares_the_second_half_of_the_range_with_the_first() {
        cards.show(kpis(sentiment(4, 0.3)), List.of(sentiment(2, 0.1), sentiment(2, 0.5)));

        assertThat(value("kpi-sentiment")).isEqualTo("+0.30");
        assertThat(TestVaadin.find(cards, "kpi-sentiment-trend", Span.class).getText())
                .isEqualTo("↑ +0.40 vs first half");
    }

    @Test
    void running_experiments_link_to_experiments_five_at_most() {
        List<KpiCards.Running> running = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            running.add(new KpiCards.Running("exp-" + i, "Test " + i, i == 1 ? "guardrail worse" : null));
        }

        cards.showExperiments(running);

        assertThat(value("kpi-experiments")).isEqualTo("6");
        RouterLink first = TestVaadin.find(cards, "kpi-experiment-exp-1", RouterLink.class);
        assertThat(first.getText()).isEqualTo("Test 1 · running · guard alert");
        assertThat(first.getHref()).isEqualTo("experiments");
        assertThat(TestVaadin.byId(cards, "kpi-experiment-exp-6")).isEmpty();
        assertThat(TestVaadin.text(cards)).contains("and 1 more…");
    }

    @Test
    void no_running_experiment_is_a_zero() {
        cards.showExperiments(List.of());

        assertThat(value("kpi-experiments")).isEqualTo("0");
    }
}
