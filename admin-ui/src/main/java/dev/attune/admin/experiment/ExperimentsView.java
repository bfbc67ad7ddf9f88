package dev.attune.admin.experiment;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.attune.admin.components.Grids;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A site's experiments: create with validation, start / stop / ship, and live results per metric (effect with its
 * interval drawn against zero, Holm-adjusted p-value, chance to win, expected loss), the sample-ratio banner and a
 * plain-language recommendation.
 */
@Route(value = "experiments", layout = MainLayout.class)
@PageTitle("Experiments · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class ExperimentsView extends VerticalLayout {
    private final ExperimentService experiments;
    private final boolean canEdit = CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST);
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final ExperimentsGrid grid = new ExperimentsGrid(canEdit);
    private final TextField filter = Grids.filterField(grid, "experiments-filter", "Filter by key or name");
    private final ExperimentResultsPanel detail = new ExperimentResultsPanel();
    private final Button holdout = new Button("Holdout", VaadinIcon.SHIELD.create());

    @Inject
    public ExperimentsView(SiteService sites, ExperimentService experiments) {
        this.experiments = experiments;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setId("experiments-site");
        site.setWidth("20rem");
        site.addValueChangeListener(e -> refresh());
        Button add = new Button("New experiment", VaadinIcon.PLUS.create(), e -> openForm(null));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("experiment-new");
        add.setVisible(canEdit);
        holdout.setId("experiment-holdout");
        holdout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        holdout.addClickListener(e -> openHoldout());
        holdout.setEnabled(CurrentUser.hasRole(Roles.ADMIN));
        HorizontalLayout bar = new HorizontalLayout(site, add, holdout, filter);
        bar.setAlignItems(Alignment.BASELINE);

        grid.addSelectionListener(e -> showDetail(e.getFirstSelectedItem().orElse(null)));
        grid.addEditListener(e -> openForm(e.experiment()));
        grid.addStatusListener(e -> {
            experiments.setStatus(e.experiment().id(), e.status());
            Notification.show(
                            e.experiment().key() + ": " + e.status().name().toLowerCase(Locale.ROOT),
                            3000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh(e.experiment().id());
        });
        add(new H2("Experiments"), bar, grid, detail);
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private void refresh() {
        refresh(null);
    }

    /** Reloads the list and shows {@code selected} (or the first experiment). */
    private void refresh(UUID selected) {
        List<Experiment> list = site.getValue() == null
                ? List.of()
                : experiments.list(site.getValue().id());
        grid.setItems(list).setFilter(Grids.matching(filter, Experiment::key, Experiment::name));
        holdout.setText(
                site.getValue() == null
                        ? "Holdout"
                        : "Holdout: "
                                + experiments.holdoutPercent(site.getValue().id()) + " %");
        if (!list.isEmpty()) {
            grid.select(list.stream()
                    .filter(e -> e.id().equals(selected))
                    .findFirst()
                    .orElse(list.get(0)));
        } else {
            detail.removeAll();
        }
    }

    private void showDetail(Experiment e) {
        if (e == null) {
            detail.show(null, null, List.of());
        } else {
            detail.show(e, experiments.results(e.id()), experiments.history(e.id()));
        }
    }

    private void openHoldout() {
        if (site.getValue() == null) {
            return;
        }
        UUID siteId = site.getValue().id();
        HoldoutForm form = new HoldoutForm(site.getValue().name(), experiments.holdoutPercent(siteId));
        form.addSaveListener(e -> {
            try {
                experiments.setHoldoutPercent(siteId, e.percent());
                form.close();
                refresh();
            } catch (InvalidInputException ex) {
                form.showRefusal(ex);
            }
        });
        form.addCloseListener(e -> form.close());
        form.open();
    }

    /** The experiment form, for a new experiment ({@code existing} null) or to edit one. */
    private void openForm(Experiment existing) {
        if (site.getValue() == null) {
            return;
        }
        UUID siteId = existing == null ? site.getValue().id() : existing.siteId();
        ExperimentForm form = new ExperimentForm(site.getValue().name(), existing);
        form.addSaveListener(e -> {
            try {
                Experiment saved = e.existing() == null
                        ? experiments.create(siteId, e.definition())
                        : experiments.update(e.existing().id(), e.definition());
                form.close();
                refresh(saved.id());
            } catch (InvalidInputException ex) {
                form.showRefusal(ex);
            }
        });
        form.addCloseListener(e -> form.close());
        form.open();
    }
}
