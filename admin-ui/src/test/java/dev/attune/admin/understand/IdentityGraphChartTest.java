package dev.attune.admin.understand;

import static dev.attune.admin.understand.IdentityFixtures.annsGraph;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.identity.api.Identifier;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.PersonGraph;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityGraphChartTest {

    private static JsonObject series(JsonObject option) {
        return option.getJsonArray("series").getJsonObject(0);
    }

    @Test
    void a_node_per_identifier_and_a_line_per_link_dashed_when_less_than_certain() {
        JsonObject s = series(IdentityGraphChart.option(annsGraph(), 300));

        assertThat(s.getJsonArray("data")).hasSize(3);
        assertThat(s.getJsonArray("links").getValuesAs(JsonObject.class))
                .extracting(l -> l.getJsonObject("lineStyle").getString("type"))
                .containsExactly("solid", "dashed");
    }

    @Test
    void the_legend_names_the_kinds_present_only() {
        JsonObject option = IdentityGraphChart.option(annsGraph(), 300);

        assertThat(option.getJsonObject("legend").getJsonArray("data").toString())
                .isEqualTo("[\"anonymous\",\"user\",\"email\"]");
    }

    @Test
    void a_large_person_draws_its_oldest_identifiers_and_only_the_links_between_them() {
        JsonObject s = series(IdentityGraphChart.option(annsGraph(), 2));

        assertThat(s.getJsonArray("data")).hasSize(2);
        assertThat(s.getJsonArray("links")).hasSize(1);
    }

    @Test
    void labels_drop_the_braces_echarts_would_read_as_placeholders() {
        PersonGraph g = annsGraph();
        Identifier odd = new Identifier(1, IdentifierKind.CUSTOM, "x", "{a}", IdentityFixtures.T, IdentityFixtures.T);

        JsonObject s =
                series(IdentityGraphChart.option(new PersonGraph(g.person(), List.of(odd), List.of(), List.of()), 300));

        assertThat(s.getJsonArray("data")
                        .getJsonObject(0)
                        .getJsonObject("label")
                        .getString("formatter"))
                .isEqualTo("custom: (a)");
    }
}
