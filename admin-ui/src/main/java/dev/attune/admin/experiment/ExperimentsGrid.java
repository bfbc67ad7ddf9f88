package dev.attune.admin.experiment;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.shared.Registration;
import dev.attune.admin.components.Grids;
import dev.attune.personalization.api.Experiment;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A site's experiments: key, name, status, the split (a bandit's as it serves now), mode and start. Who may change them
 * gets "Edit" and the next steps of each one's life (start, stop, ship), reported as an {@link EditEvent} and a
 * {@link StatusEvent}.
 */
class ExperimentsGrid extends Grid<Experiment> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private final boolean canEdit;

    ExperimentsGrid(boolean canEdit) {
        super(Experiment.class, false);
        this.canEdit = canEdit;
        setId("experiments-grid");
        setAllRowsVisible(true);
        addColumn(Experiment::key).setHeader("Key").setWidth("9rem").setFlexGrow(1);
        addColumn(Experiment::name).setHeader("Name").setWidth("10rem").setFlexGrow(2);
        addComponentColumn(e -> status(e.status()))
                .setHeader("Status")
                .setWidth("7rem")
                .setFlexGrow(0)
                .setComparator(Experiment::status);
        addColumn(ExperimentsGrid::split).setHeader("Variants").setWidth("9rem").setFlexGrow(1);
        addColumn(e -> e.definition().mode() == Experiment.Mode.BANDIT ? "bandit" : "A/B")
                .setHeader("Mode")
                .setAutoWidth(true)
                .setFlexGrow(0);
        addColumn(e -> e.startedAt() == null ? "" : TIME.format(e.startedAt()))
                .setHeader("Started (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Experiment::startedAt);
        addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        Grids.sortable(this);
        setEmptyStateText("No experiments for this site yet.");
    }

    /** The variants with their weights, a bandit's with the allocation it serves now. */
    static String split(Experiment e) {
        int[] bp = e.currentBasisPoints();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < bp.length; i++) {
            parts.add(e.variants().get(i).key() + " "
                    + (bp[i] % 100 == 0 ? String.valueOf(bp[i] / 100) : ExperimentResultsPanel.fmt(bp[i] / 100.0, 1))
                    + " %");
        }
        return String.join(" / ", parts);
    }

    /** Edit and the next steps of an experiment's life (the grid renders them; tests press them). */
    HorizontalLayout actions(Experiment e) {
        HorizontalLayout row = new HorizontalLayout();
        if (!canEdit) {
            return row;
        }
        Button edit = new Button("Edit", ev -> fireEvent(new EditEvent(this, e)));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        edit.setId("experiment-edit-" + e.key());
        row.add(edit);
        List<Experiment.Status> next = switch (e.status()) {
            case DRAFT -> List.of(Experiment.Status.RUNNING);
            case RUNNING -> List.of(Experiment.Status.STOPPED, Experiment.Status.SHIPPED);
            case STOPPED -> List.of(Experiment.Status.SHIPPED);
            case SHIPPED -> List.of();
        };
        for (Experiment.Status s : next) {
            String label = switch (s) {
                case RUNNING -> "Start";
                case STOPPED -> "Stop";
                case SHIPPED -> "Ship";
                default -> s.name();
            };
            Button b = new Button(label, ev -> fireEvent(new StatusEvent(this, e, s)));
            b.addThemeVariants(
                    ButtonVariant.LUMO_SMALL,
                    s == Experiment.Status.RUNNING ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_CONTRAST);
            b.setId("experiment-" + label.toLowerCase(Locale.ROOT) + "-" + e.key());
            row.add(b);
        }
        return row;
    }

    private static Span status(Experiment.Status status) {
        Span badge = new Span(status.name().toLowerCase(Locale.ROOT));
        badge.getElement()
                .getThemeList()
                .add("badge pill"
                        + switch (status) {
                            case RUNNING -> " success";
                            case STOPPED -> " contrast";
                            case SHIPPED -> " primary";
                            case DRAFT -> "";
                        });
        return badge;
    }

    Registration addEditListener(ComponentEventListener<EditEvent> listener) {
        return addListener(EditEvent.class, listener);
    }

    Registration addStatusListener(ComponentEventListener<StatusEvent> listener) {
        return addListener(StatusEvent.class, listener);
    }

    /** The user wants to edit an experiment. */
    static final class EditEvent extends ComponentEvent<ExperimentsGrid> {
        private final Experiment experiment;

        EditEvent(ExperimentsGrid source, Experiment experiment) {
            super(source, false);
            this.experiment = experiment;
        }

        Experiment experiment() {
            return experiment;
        }
    }

    /** The user moves an experiment on in its life: start, stop or ship. */
    static final class StatusEvent extends ComponentEvent<ExperimentsGrid> {
        private final Experiment experiment;
        private final Experiment.Status status;

        StatusEvent(ExperimentsGrid source, Experiment experiment, Experiment.Status status) {
            super(source, false);
            this.experiment = experiment;
            this.status = status;
        }

        Experiment experiment() {
            return experiment;
        }

        Experiment.Status status() {
            return status;
        }
    }
}
