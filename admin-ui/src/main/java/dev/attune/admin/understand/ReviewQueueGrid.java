package dev.attune.admin.understand;

import static dev.attune.admin.understand.LinkageParts.blankToNull;
import static dev.attune.admin.understand.LinkageParts.percent;
import static dev.attune.admin.understand.LinkageParts.statusBadge;
import static dev.attune.admin.understand.LinkageParts.time;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Grids;
import dev.attune.identity.api.LinkageService.ReviewItem;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** The review queue of record linkage: a row per pair with its probability, weight, both contacts and its status. */
class ReviewQueueGrid extends Grid<ReviewItem> {

    ReviewQueueGrid() {
        super(ReviewItem.class, false);
        setId("linkage-reviews");
        addColumn(r -> percent(r.probability()))
                .setHeader("Probability")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END)
                .setComparator(ReviewItem::probability);
        addColumn(r -> String.format(Locale.ROOT, "%+.1f", r.weight()))
                .setHeader("Weight")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END)
                .setComparator(ReviewItem::weight)
                .setTooltipGenerator(r -> "Sum of the fields' log2 likelihood ratios");
        addComponentColumn(r -> contact(r.a())).setHeader("Contact A").setFlexGrow(1);
        addComponentColumn(r -> contact(r.b())).setHeader("Contact B").setFlexGrow(1);
        addComponentColumn(r -> statusBadge(r.status()))
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(ReviewItem::status);
        addColumn(r -> r.decidedBy() == null ? "" : r.decidedBy() + ", " + time(r.decidedAt()))
                .setHeader("Decided")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(ReviewItem::decidedAt);
        Grids.sortable(this);
    }

    /** A contact in a grid cell: the name over the email. */
    private static Component contact(Map<String, String> c) {
        String name = String.join(
                " ",
                Stream.of(c.get("given_name"), c.get("surname"))
                        .filter(s -> s != null && !s.isBlank())
                        .toList());
        Span n = new Span(name.isEmpty() ? "(no name) · " + c.getOrDefault("id", "?") : name);
        n.addClassNames(LumoUtility.FontWeight.MEDIUM);
        Span e = new Span(Objects.requireNonNullElse(blankToNull(c.get("email")), "no email"));
        e.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        Div cell = new Div(n, e);
        cell.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
        return cell;
    }
}
