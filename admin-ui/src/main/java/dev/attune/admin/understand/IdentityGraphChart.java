package dev.attune.admin.understand;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.admin.components.PersonPicker;
import dev.attune.identity.api.Edge;
import dev.attune.identity.api.Identifier;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.PersonGraph;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A person's identity graph as an ECharts option: the drawing of {@link PersonGraphPanel}. */
final class IdentityGraphChart {

    private IdentityGraphChart() {}

    /**
     * The person's graph for ECharts: a node per identifier labelled "kind: hint" and coloured by kind (one legend entry
     * per kind present), a line per live link labelled with its source and confidence (dashed below 1), force layout,
     * zoom and pan. Large persons draw their oldest {@code maxNodes} identifiers, without labels until hovered.
     */
    static JsonObject option(PersonGraph g, int maxNodes) {
        List<Identifier> nodes = g.identifiers().stream().limit(maxNodes).toList();
        Set<Long> drawn = new HashSet<>();
        Set<String> present = new LinkedHashSet<>();
        JsonArrayBuilder categories = JSON.createArrayBuilder();
        for (IdentifierKind k : PersonPicker.KINDS) {
            categories.add(JSON.createObjectBuilder()
                    .add("name", k.wireName())
                    .add("itemStyle", JSON.createObjectBuilder().add("color", color(k))));
        }
        JsonArrayBuilder data = JSON.createArrayBuilder();
        for (Identifier i : nodes) {
            drawn.add(i.id());
            String name = i.kind().wireName() + ": " + i.hint();
            data.add(JSON.createObjectBuilder()
                    .add("id", String.valueOf(i.id()))
                    .add("name", name)
                    .add("category", PersonPicker.KINDS.indexOf(i.kind()))
                    .add(
                            "symbolSize",
                            i.kind() == IdentifierKind.USER ? 26 : i.kind() == IdentifierKind.ANONYMOUS ? 14 : 18)
                    .add(
                            "label",
                            JSON.createObjectBuilder()
                                    .add(
                                            "formatter",
                                            literal(name.length() > 32 ? name.substring(0, 31) + "…" : name))));
        }
        PersonPicker.KINDS.stream()
                .filter(k -> nodes.stream().anyMatch(i -> i.kind() == k))
                .forEach(k -> present.add(k.wireName()));
        JsonArrayBuilder links = JSON.createArrayBuilder();
        int linkCount = 0;
        for (Edge e : g.edges()) {
            if (!drawn.contains(e.a()) || !drawn.contains(e.b())) {
                continue;
            }
            linkCount++;
            links.add(JSON.createObjectBuilder()
                    .add("source", String.valueOf(e.a()))
                    .add("target", String.valueOf(e.b()))
                    .add("value", Math.round(e.confidence() * 100) / 100.0)
                    .add(
                            "label",
                            JSON.createObjectBuilder()
                                    .add(
                                            "formatter",
                                            literal(e.source() + " · " + PersonGraphPanel.confidence(e.confidence()))))
                    .add(
                            "lineStyle",
                            JSON.createObjectBuilder()
                                    .add("width", 1 + 2 * e.confidence())
                                    .add("type", e.confidence() < 0.995 ? "dashed" : "solid")));
        }
        JsonArrayBuilder legend = JSON.createArrayBuilder();
        present.forEach(legend::add);
        return JSON.createObjectBuilder()
                .add("tooltip", JSON.createObjectBuilder())
                .add("legend", JSON.createObjectBuilder().add("data", legend).add("top", 4))
                .add("animationDurationUpdate", 600)
                .add(
                        "series",
                        JSON.createArrayBuilder()
                                .add(JSON.createObjectBuilder()
                                        .add("type", "graph")
                                        .add("layout", "force")
                                        .add("roam", true)
                                        .add("draggable", true)
                                        .add("top", 40)
                                        .add("bottom", 16)
                                        .add("left", 16)
                                        .add("right", 16)
                                        .add("categories", categories)
                                        .add("data", data)
                                        .add("links", links)
                                        .add(
                                                "force",
                                                JSON.createObjectBuilder()
                                                        .add("repulsion", nodes.size() > 60 ? 80 : 420)
                                                        .add(
                                                                "edgeLength",
                                                                JSON.createArrayBuilder()
                                                                        .add(90)
                                                                        .add(180))
                                                        .add("gravity", 0.08))
                                        .add(
                                                "label",
                                                JSON.createObjectBuilder()
                                                        .add("show", nodes.size() <= 60)
                                                        .add("position", "right")
                                                        .add("fontSize", 11))
                                        .add(
                                                "edgeLabel",
                                                JSON.createObjectBuilder()
                                                        .add("show", linkCount <= 40)
                                                        .add("fontSize", 10))
                                        .add(
                                                "lineStyle",
                                                JSON.createObjectBuilder()
                                                        .add("color", "source")
                                                        .add("opacity", 0.8)
                                                        .add("curveness", 0.08))
                                        .add(
                                                "emphasis",
                                                JSON.createObjectBuilder()
                                                        .add("focus", "adjacency")
                                                        .add(
                                                                "label",
                                                                JSON.createObjectBuilder()
                                                                        .add("show", true))
                                                        .add(
                                                                "edgeLabel",
                                                                JSON.createObjectBuilder()
                                                                        .add("show", true)))))
                .build();
    }

    /** ECharts reads {a}, {b}, {c} in formatters: a label shown as written must not contain braces. */
    private static String literal(String s) {
        return s.replace('{', '(').replace('}', ')');
    }

    /** A colour per identifier kind, the same in the graph and in the identifiers grid. */
    static String color(IdentifierKind k) {
        return switch (k) {
            case ANONYMOUS -> "#868e96";
            case USER -> "#1a73e8";
            case CLAIMED_USER -> "#e03131";
            case EMAIL -> "#2f9e44";
            case PHONE -> "#ae3ec9";
            case DEVICE -> "#f08c00";
            case CUSTOM -> "#0c8599";
        };
    }
}
