package dev.attune.admin.personalize;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.attune.admin.components.Grids;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.OfflineEvaluationService;
import dev.attune.personalization.api.RecommendationService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Recommendations of a site: the models in memory (version, when fitted, from what, each strategy's fit time, refit
 * now), the widget slots with their strategies (or a bandit over strategies, with its arms' results per device), and a
 * preview of what a chosen person would see in a slot and why.
 */
@Route(value = "recommendations", layout = MainLayout.class)
@PageTitle("Recommendations · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class RecommendationsView extends VerticalLayout {
    private final RecommendationService recommendations;
    private final OfflineEvaluationService offline;
    private final boolean canEdit = CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST);
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final ModelsPanel models = new ModelsPanel(canEdit);
    private final Grid<RecommendationService.Slot> slots = new Grid<>(RecommendationService.Slot.class, false);
    private final BanditPanel arms = new BanditPanel();
    private final PreviewForm preview = new PreviewForm();
    private final OfflineEvaluationPanel offlineBox = new OfflineEvaluationPanel(canEdit);
    /** While a run goes the page polls; each poll shows the latest progress line, and the results once done. */
    private Registration offlinePoll;

    @Inject
    public RecommendationsView(
            SiteService sites, RecommendationService recommendations, OfflineEvaluationService offline) {
        this.recommendations = recommendations;
        this.offline = offline;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.addValueChangeListener(e -> refresh());
        models.addRefitListener(e -> {
            recommendations.refit(site.getValue().id());
            refresh();
        });

        slots.setId("recommendation-slots");
        slots.setAllRowsVisible(true);
        slots.addColumn(RecommendationService.Slot::slot)
                .setHeader("Slot")
                .setAutoWidth(true)
                .setFlexGrow(0);
        slots.addColumn(s -> s.strategy().equals(RecommendationService.BANDIT)
                        ? "bandit over " + String.join(", ", s.arms())
                        : s.strategy())
                .setHeader("Strategy")
                .setFlexGrow(1);
        slots.addColumn(RecommendationService.Slot::size)
                .setHeader("Items")
                .setAutoWidth(true)
                .setFlexGrow(0);
        slots.addColumn(s -> s.includeConsumed() ? "yes" : "no")
                .setHeader("Consumed items")
                .setAutoWidth(true)
                .setFlexGrow(0);
        slots.addColumn(s -> s.title() == null ? "" : s.title())
                .setHeader("Title")
                .setAutoWidth(true);
        Grids.sortable(slots);
        slots.setEmptyStateText(
                "No slot configured: every slot a page shows (data-attune-slot) is filled by the hybrid strategy, 6 items. "
                        + "Configure one to choose its strategy or let a bandit learn which works best.");
        slots.addSelectionListener(e -> showArms(e.getFirstSelectedItem().orElse(null)));
        Button addSlot = new Button("Configure a slot", VaadinIcon.COG.create(), e -> editSlot(null));
        addSlot.setId("slot-new");
        addSlot.setVisible(canEdit);
        addSlot.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        slots.addItemDoubleClickListener(e -> {
            if (canEdit) {
                editSlot(e.getItem());
            }
        });
        preview.addPreviewListener(e -> {
            if (site.getValue() == null) {
                return;
            }
            try {
                preview.showList(recommendations.preview(site.getValue().id(), e.subject(), e.slot(), 0));
            } catch (InvalidInputException ex) {
                preview.showProblem(ex.getMessage());
            }
        });
        offlineBox.addRunListener(e -> {
            offlineBox.show(offline.start(2020, e.quick()));
            poll();
        });

        HorizontalLayout slotHead = new HorizontalLayout(new H4("Slots"), addSlot);
        slotHead.setAlignItems(Alignment.BASELINE);
        add(new H2("Recommendations"), site, models, slotHead, slots, arms, preview, offlineBox);
        offlineBox.show(offline.status());
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private void refresh() {
        models.removeAll();
        arms.removeAll();
        preview.clear();
        if (site.getValue() == null) {
            slots.setItems(List.of());
            return;
        }
        slots.setItems(recommendations.slots(site.getValue().id()));
        models.show(recommendations.models(site.getValue().id()));
    }

    private void showArms(RecommendationService.Slot s) {
        if (s == null || !s.strategy().equals(RecommendationService.BANDIT)) {
            arms.show(s, List.of(), List.of());
        } else {
            arms.show(
                    s,
                    recommendations.arms(site.getValue().id(), s.slot()),
                    recommendations.offPolicy(site.getValue().id(), s.slot()));
        }
    }

    private void poll() {
        getUI().ifPresent(ui -> {
            ui.setPollInterval(1000);
            if (offlinePoll != null) {
                offlinePoll.remove();
            }
            offlinePoll = ui.addPollListener(e -> {
                var st = offline.status();
                offlineBox.show(st);
                if (!st.running()) {
                    ui.setPollInterval(-1);
                    offlinePoll.remove();
                    offlinePoll = null;
                }
            });
        });
    }

    private void editSlot(RecommendationService.Slot existing) {
        if (site.getValue() == null) {
            return;
        }
        SlotForm form = new SlotForm(existing);
        form.addSaveListener(e -> {
            try {
                recommendations.saveSlot(site.getValue().id(), e.slot());
                form.close();
                refresh();
            } catch (InvalidInputException ex) {
                form.showRefusal(ex);
            }
        });
        form.addCloseListener(e -> form.close());
        form.open();
    }
}
