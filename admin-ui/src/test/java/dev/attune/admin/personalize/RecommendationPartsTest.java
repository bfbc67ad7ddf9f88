package dev.attune.admin.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import dev.attune.admin.TestVaadin;
import dev.attune.personalization.api.OfflineEvaluationService;
import dev.attune.personalization.api.RecommendationService;
import dev.attune.platform.api.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class RecommendationPartsTest {
    private static final RecommendationService.Slot BANDIT_SLOT = new RecommendationService.Slot(
            "home", RecommendationService.BANDIT, List.of("ease", "popular"), 8, false, "For you");

    @Test
    void a_new_slot_starts_as_home_with_six_hybrid_items_and_is_reported_as_configured() {
        SlotForm form = new SlotForm(null);
        List<SlotForm.SaveEvent> saved = TestVaadin.record(form, SlotForm.SaveEvent.class);
        form.name.setValue(" footer ");
        form.title.setValue("More like this");

        form.save.click();

        assertThat(TestVaadin.shown(form.armChoice)).isFalse();
        assertThat(saved)
                .extracting(SlotForm.SaveEvent::slot)
                .containsExactly(
                        new RecommendationService.Slot("footer", "hybrid", List.of(), 6, false, "More like this"));
    }

    @Test
    void a_bandit_slot_shows_its_arms_and_keeps_its_name() {
        SlotForm form = new SlotForm(BANDIT_SLOT);
        List<SlotForm.SaveEvent> saved = TestVaadin.record(form, SlotForm.SaveEvent.class);

        form.save.click();

        assertThat(form.name.isReadOnly()).isTrue();
        assertThat(TestVaadin.shown(form.armChoice)).isTrue();
        assertThat(saved)
                .singleElement()
                .extracting(e -> e.slot().arms())
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("ease", "popular");

        form.strategy.setValue("ease");
        assertThat(TestVaadin.shown(form.armChoice)).isFalse();
    }

    @Test
    void a_refused_slot_lists_why() {
        SlotForm form = new SlotForm(null);

        form.showRefusal(InvalidInputException.of("size", "must be 1 to 50"));

        assertThat(TestVaadin.text(form.errors)).isEqualTo("size: must be 1 to 50");
    }

    @Test
    void a_preview_is_asked_for_an_anonymous_visitor_when_the_person_is_blank() {
        PreviewForm form = new PreviewForm();
        List<PreviewForm.PreviewEvent> asked = TestVaadin.record(form, PreviewForm.PreviewEvent.class);

        form.show.click();
        form.person.setValue(" anon-1 ");
        form.slot.setValue(" footer ");
        form.show.click();

        assertThat(asked).extracting(PreviewForm.PreviewEvent::subject).containsExactly(null, "anon-1");
        assertThat(asked.get(1).slot()).isEqualTo("footer");
    }

    @Test
    void a_preview_says_which_strategy_and_rule_made_the_list() {
        PreviewForm form = new PreviewForm();
        RecommendationService.Item item =
                new RecommendationService.Item("m-1", "Heat", "/m/1", 0.91, "liked by people like you", 1.0);

        form.showList(new RecommendationService.Recommendations(
                UUID.randomUUID(), "home", "ease", "For you", 7, List.of(item), "fill-home"));

        assertThat(form.info.getText()).isEqualTo("\"For you\" by ease (rule fill-home), models v7.");
        assertThat(form.items.getGenericDataView().getItems()).containsExactly(item);
        form.clear();
        assertThat(form.info.getText()).isEmpty();
    }

    @Test
    void refit_is_asked_for_from_the_models_panel_and_no_models_says_so() {
        ModelsPanel panel = new ModelsPanel(true);
        List<ModelsPanel.RefitEvent> refits = TestVaadin.record(panel, ModelsPanel.RefitEvent.class);

        panel.show(Optional.empty());
        TestVaadin.find(panel, "models-refit", Button.class).click();

        assertThat(refits).hasSize(1);
        assertThat(TestVaadin.find(panel, "models-refit", Button.class).getText())
                .isEqualTo("Fit now");
        assertThat(TestVaadin.text(panel)).startsWith("No models in memory yet");
    }

    @Test
    void the_models_panel_shows_the_figures_and_hides_refit_from_auditors() {
        ModelsPanel panel = new ModelsPanel(false);

        panel.show(Optional.of(new RecommendationService.ModelInfo(
                4, Instant.parse("2026-03-01T12:00:00Z"), 120, 80, 12345, Map.of("ease", 40L))));

        assertThat(TestVaadin.text(panel)).contains("v4", "Mar 1 12:00:00", "12,345");
        assertThat(TestVaadin.find(panel, "models-refit", Button.class).isVisible())
                .isFalse();
    }

    @Test
    void only_a_bandit_slot_shows_arms() {
        BanditPanel panel = new BanditPanel();

        panel.show(new RecommendationService.Slot("home", "ease", List.of(), 6, false, null), List.of(), List.of());
        assertThat(panel.getComponentCount()).isZero();

        panel.show(BANDIT_SLOT, List.of(new RecommendationService.ArmStats("mobile", "ease", 40, 10)), List.of());
        assertThat(TestVaadin.byId(panel, "bandit-arms")).isPresent();
        assertThat(TestVaadin.text(panel)).contains("Bandit of slot home");
    }

    @Test
    void the_offline_evaluation_runs_quick_or_full_and_lists_the_published_rows_beside_ours() {
        OfflineEvaluationPanel panel = new OfflineEvaluationPanel(true);
        List<OfflineEvaluationPanel.RunEvent> runs = TestVaadin.record(panel, OfflineEvaluationPanel.RunEvent.class);
        OfflineEvaluationService.DatasetResult result = new OfflineEvaluationService.DatasetResult(
                "ml-100k",
                2020,
                "ease",
                List.of(new OfflineEvaluationService.Row("ease", "lambda=250", 0.41, 0.3, 0.2, 0.4, 0.8, 120)),
                List.of(new OfflineEvaluationService.Published("RecBole", "BPR", 0.2, 0.3, 0.7, 0.25)),
                3);

        panel.show(new OfflineEvaluationService.Status(
                "/data/movielens", true, false, null, null, null, null, List.of(result)));
        TestVaadin.find(panel, "offline-run", Button.class).click();

        assertThat(runs).extracting(OfflineEvaluationPanel.RunEvent::quick).containsExactly(true);
        assertThat(TestVaadin.text(panel)).contains("ml-100k, split seed 2020: best on valid ease (3 s)");
        @SuppressWarnings("unchecked")
        Grid<OfflineEvaluationService.Row> rows = TestVaadin.find(panel, "offline-rows", Grid.class);
        assertThat(rows.getGenericDataView().getItems())
                .extracting(OfflineEvaluationService.Row::strategy)
                .containsExactly("ease", "published BPR");
    }

    @Test
    void without_data_or_while_running_nothing_can_be_started() {
        OfflineEvaluationPanel panel = new OfflineEvaluationPanel(true);

        panel.show(new OfflineEvaluationService.Status(
                "/data/movielens", false, false, null, null, null, null, List.of()));

        assertThat(TestVaadin.find(panel, "offline-run", Button.class).isEnabled())
                .isFalse();
        assertThat(TestVaadin.text(panel)).contains("No MovieLens data found there");
    }
}
