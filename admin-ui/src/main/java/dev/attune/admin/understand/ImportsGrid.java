package dev.attune.admin.understand;

import static dev.attune.admin.understand.LinkageParts.seconds;
import static dev.attune.admin.understand.LinkageParts.time;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import dev.attune.admin.components.Grids;
import dev.attune.identity.api.LinkageService.ImportSummary;
import java.util.Locale;
import java.util.Objects;

/** The record linkage imports of a site, newest first: what each file held and what the import did with it. */
class ImportsGrid extends Grid<ImportSummary> {

    ImportsGrid() {
        super(ImportSummary.class, false);
        setId("linkage-imports");
        addColumn(s -> time(s.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(ImportSummary::createdAt);
        addColumn(ImportSummary::source)
                .setHeader("Source")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setSortable(true);
        addColumn(s -> Objects.requireNonNullElse(s.fileName(), ""))
                .setHeader("File")
                .setFlexGrow(1)
                .setTooltipGenerator(s -> Objects.requireNonNullElse(s.fileName(), ""));
        number(addColumn(ImportSummary::records).setHeader("Records").setComparator(ImportSummary::records));
        number(addColumn(ImportSummary::candidates).setHeader("Candidates").setComparator(ImportSummary::candidates));
        number(addColumn(ImportSummary::matches).setHeader("Matches").setComparator(ImportSummary::matches));
        number(addColumn(ImportSummary::merged).setHeader("Merged").setComparator(ImportSummary::merged));
        number(addColumn(ImportSummary::review).setHeader("Review").setComparator(ImportSummary::review));
        number(addColumn(s -> s.lambda() == null ? "—" : String.format(Locale.ROOT, "%.4f", s.lambda()))
                        .setHeader("λ")
                        .setComparator(ImportSummary::lambda))
                .setTooltipGenerator(s -> s.iterations() == null
                        ? "No candidate pairs: no model was fitted"
                        : "Estimated share of matches among candidate pairs, after " + s.iterations()
                                + " EM iterations");
        number(addColumn(s -> seconds(s.seconds())).setHeader("Seconds").setComparator(ImportSummary::seconds));
        addColumn(ImportSummary::createdBy).setHeader("By").setAutoWidth(true).setFlexGrow(0);
        Grids.sortable(this);
        setEmptyStateText("No imports yet: upload a CSV of CRM contacts above.");
    }

    private static Grid.Column<ImportSummary> number(Grid.Column<ImportSummary> column) {
        return column.setAutoWidth(true).setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
    }
}
