package dev.attune.personalization.internal.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Definition;
import dev.attune.personalization.api.Experiment.Metric;
import dev.attune.personalization.api.Experiment.Variant;
import dev.attune.platform.api.InvalidInputException.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExperimentDefinitionTest {
    private static final List<Variant> VARIANTS =
            List.of(new Variant("control", 50, null), new Variant("b", 50, "{\"text\":\"Hi\"}"));
    private static final List<Metric> METRICS =
            List.of(new Metric("buy", Metric.Kind.CONVERSION, "purchase", 72, false));

    private static Definition definition(String key, int traffic, Experiment.Layer layer) {
        return new Definition(
                key, "Name", null, Experiment.Mode.AB, VARIANTS, traffic, null, layer, METRICS, false, null, null);
    }

    private static Experiment experiment(Definition d, Experiment.Status status) {
        return new Experiment(UUID.randomUUID(), null, status, d, null, null, null, null, null, null, null);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void a_sound_definition_passes() {
        assertThat(Definitions.check(definition("hero", 100, null), Instant.now()))
                .isEmpty();
    }

    @Test
    void each_problem_is_named_by_its_field() {
        Definition d = new Definition(
                "Bad Key",
                " ",
                null,
                Experiment.Mode.BANDIT,
                List.of(new Variant("a", 60, null), new Variant("a", 30, null)),
                60,
                new Experiment.Targeting(List.of(""), Set.of("watch")),
                new Experiment.Layer("checkout", 50),
                List.of(
                        new Metric("score", Metric.Kind.NPS, "nps", 24, false),
                        new Metric("aov", Metric.Kind.RATIO, "purchase", null, 24, false, false),
                        new Metric("m", Metric.Kind.MEAN, "teleport", "purchase", 0, false, false)),
                false,
                Instant.parse("2030-01-02T00:00:00Z"),
                Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(fields(Definitions.check(d, Instant.now())))
                .contains(
                        "key",
                        "name",
                        "variants",
                        "variants/1/key",
                        "layer/from",
                        "targeting/urlPatterns/0",
                        "targeting/devices",
                        "metrics/0/kind",
                        "metrics/1/denominatorEventType",
                        "metrics/2/eventType",
                        "metrics/2/denominatorEventType",
                        "metrics/2/windowHours",
                        "stopAt");
    }

    @Test
    void experiments_in_one_layer_may_not_share_buckets_and_the_error_says_which_are_free() {
        Experiment first =
                experiment(definition("first", 30, new Experiment.Layer("checkout", 0)), Experiment.Status.RUNNING);
        Experiment second =
                experiment(definition("second", 20, new Experiment.Layer("checkout", 50)), Experiment.Status.DRAFT);
        assertThat(Definitions.overlap(
                        definition("third", 20, new Experiment.Layer("checkout", 30)), List.of(first, second)))
                .isNull();
        FieldError overlap = Definitions.overlap(
                definition("third", 30, new Experiment.Layer("checkout", 25)), List.of(first, second));
        assertThat(overlap.field()).isEqualTo("layer/from");
        assertThat(overlap.message()).contains("first", "0..29", "free buckets: 30..49, 70..99");
    }

    @Test
    void a_running_experiment_keeps_what_its_numbers_depend_on() {
        Experiment running = experiment(definition("hero", 100, null), Experiment.Status.RUNNING);
        Definition renamed = new Definition(
                "hero",
                "New name",
                "Because",
                Experiment.Mode.AB,
                VARIANTS,
                100,
                null,
                null,
                METRICS,
                true,
                null,
                Instant.now().plusSeconds(3600));
        assertThat(Definitions.frozen(running, renamed)).isEmpty();
        Definition reordered = new Definition(
                "hero",
                "Name",
                null,
                Experiment.Mode.AB,
                List.of(new Variant("control", 50, null), new Variant("b", 50, "{ \"text\" : \"Hi\" }")),
                100,
                null,
                null,
                METRICS,
                false,
                null,
                null);
        assertThat(Definitions.frozen(running, reordered))
                .as("the same payload, spaced differently")
                .isEmpty();
        Definition reweighted = new Definition(
                "hero",
                "Name",
                null,
                Experiment.Mode.AB,
                List.of(new Variant("control", 40, null), new Variant("b", 60, null)),
                90,
                null,
                null,
                METRICS,
                false,
                null,
                null);
        assertThat(fields(Definitions.frozen(running, reweighted))).containsExactly("variants", "trafficPercent");
        Experiment stopped = experiment(definition("hero", 100, null), Experiment.Status.STOPPED);
        assertThat(fields(Definitions.frozen(stopped, renamed))).containsExactly("autoStop", "stopAt");
    }

    @Test
    void a_bandit_allocation_follows_the_chance_of_being_best_above_a_floor() {
        int[] bp = ExperimentGuard.allocation(new double[] {0.001, 0.999}, 5);
        assertThat(bp[0] + bp[1]).isEqualTo(10_000);
        assertThat(bp[0]).isBetween(500, 510);
        int[] three = ExperimentGuard.allocation(new double[] {0.2, 0.3, 0.5}, 5);
        assertThat(three[0] + three[1] + three[2]).isEqualTo(10_000);
        assertThat(three[2]).isGreaterThan(three[1]).isGreaterThan(three[0]);
    }

    @Test
    void layers_split_units_between_their_experiments_without_overlap() {
        Experiment left =
                experiment(definition("left", 40, new Experiment.Layer("hero", 0)), Experiment.Status.RUNNING);
        Experiment right =
                experiment(definition("right", 60, new Experiment.Layer("hero", 40)), Experiment.Status.RUNNING);
        int inLeft = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean l = DefaultExperimentService.inShare(left, "u" + i);
            boolean r = DefaultExperimentService.inShare(right, "u" + i);
            assertThat(l).as("exactly one experiment of the layer").isNotEqualTo(r);
            inLeft += l ? 1 : 0;
        }
        assertThat(inLeft / 10_000.0).isBetween(0.37, 0.43);
    }
}
