package dev.attune.admin.personalize;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.charts.EChart;
import dev.attune.admin.components.Grids;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.RecommendationService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Recommendations of a site: the models in memory (version, when fitted, from what, each strategy's fit time, refit
 * now), the widget slots with their strategies (or a bandit over strategies, with its arms' results per device), and a
 * preview of what a chosen person would see in a slot and why.
 */
@Route(value = "recommendations", layout = MainLayout.class)
@PageTitle("Recommendations · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class RecommendationsView extends VerticalLayout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final RecommendationService recommendations;
    private final boolean canEdit = CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST);
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final Div models = new Div();
    private final Grid<RecommendationService.Slot> slots = new Grid<>(RecommendationService.Slot.class, false);
    private final VerticalLayout arms = new VerticalLayout();
    private final Grid<RecommendationService.Item> preview = new Grid<>(RecommendationService.Item.class, false);
    private final Paragraph previewInfo = new Paragraph();

    private final dev.attune.personalization.api.OfflineEvaluationService offline;
    private final VerticalLayout offlineBox = new VerticalLayout();

    @Inject
    public RecommendationsView(SiteService sites, RecommendationService recommendations, dev.attune.personalization.api.OfflineEvaluationService offline) {
        this.recommendations = recommendations;
        this.offline = offline;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.addValueChangeListener(e -> refresh());

        models.setId("recommendation-models");
        models.setWidthFull();

        slots.setId("recommendation-slots");
        slots.setAllRowsVisible(true);
        slots.addColumn(RecommendationService.Slot::slot).setHeader("Slot").setAutoWidth(true).setFlexGrow(0);
        slots.addColumn(s -> s.strategy().equals(RecommendationService.BANDIT) ? "bandit over " + String.join(", ", s.arms()) : s.strategy())
                .setHeader("Strategy").setFlexGrow(1);
        slots.addColumn(RecommendationService.Slot::size).setHeader("Items").setAutoWidth(true).setFlexGrow(0);
        slots.addColumn(s -> s.includeConsumed() ? "yes" : "no").setHeader("Consumed items").setAutoWidth(true).setFlexGrow(0);
        slots.addColumn(s -> s.title() == null ? "" : s.title()).setHeader("Title").setAutoWidth(true);
        Grids.sortable(slots);
        slots.setEmptyStateText("No slot configured: every slot a page shows (data-attune-slot) is filled by the hybrid strategy, 6 items. "
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
        arms.setPadding(false);
        arms.setId("recommendation-arms");

        TextField person = new TextField("Person");
        person.setId("preview-person");
        person.setPlaceholder("subject id");
        TextField slot = new TextField("Slot");
        slot.setId("preview-slot");
        slot.setValue("home");
        slot.setWidth("9rem");
        Button show = new Button("Show", VaadinIcon.EYE.create(), e -> {
            if (site.getValue() == null) {
                return;
            }
            try {
                RecommendationService.Recommendations r = recommendations.preview(site.getValue().id(), person.getValue().isBlank() ? null
                        : person.getValue().strip(), slot.getValue().strip(), 0);
                preview.setItems(r.items());
                previewInfo.setText("\"" + r.title() + "\" by " + r.strategy() + (r.rule() == null ? "" : " (rule " + r.rule() + ")")
                        + ", models v" + r.modelVersion() + ".");
            } catch (InvalidInputException ex) {
                previewInfo.setText(ex.getMessage());
            }
        });
        show.setId("preview-show");
        show.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        HorizontalLayout previewBar = new HorizontalLayout(person, slot, show);
        previewBar.setAlignItems(Alignment.BASELINE);
        preview.setId("preview-items");
        preview.setAllRowsVisible(true);
        preview.addColumn(RecommendationService.Item::title).setHeader("Item").setFlexGrow(1);
        preview.addColumn(i -> String.format(Locale.ROOT, "%.3f", i.score())).setHeader("Score").setAutoWidth(true).setFlexGrow(0)
                .setComparator(RecommendationService.Item::score);
        preview.addColumn(RecommendationService.Item::reason).setHeader("Why").setFlexGrow(1);
        Grids.sortable(preview);
        preview.setEmptyStateText("Look up a person to see their list, with the reason for each item.");
        previewInfo.setId("preview-info");
        previewInfo.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);

        HorizontalLayout slotHead = new HorizontalLayout(new H4("Slots"), addSlot);
        slotHead.setAlignItems(Alignment.BASELINE);
        offlineBox.setPadding(false);
        offlineBox.setId("offline-eval");
        add(new H2("Recommendations"), site, models, slotHead, slots, arms, new H4("Preview: what a person would see, and why"), previewBar,
                previewInfo, preview, offlineBox);
        showOffline(offline.status());
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private void refresh() {
        models.removeAll();
        arms.removeAll();
        preview.setItems(List.of());
        previewInfo.setText("");
        if (site.getValue() == null) {
            slots.setItems(List.of());
            return;
        }
        slots.setItems(recommendations.slots(site.getValue().id()));
        var info = recommendations.models(site.getValue().id());
        Button refit = new Button(info.isPresent() ? "Refit now" : "Fit now", VaadinIcon.REFRESH.create());
        refit.setId("models-refit");
        refit.setVisible(canEdit);
        refit.setDisableOnClick(true);
        refit.addClickListener(e -> {
            recommendations.refit(site.getValue().id());
            refresh();
        });
        if (info.isEmpty()) {
            Paragraph none = new Paragraph("No models in memory yet: they are fitted from the site's profiles on the first request for a slot, "
                    + "or now.");
            none.addClassNames(LumoUtility.TextColor.SECONDARY);
            models.add(new HorizontalLayout(none, refit));
            return;
        }
        RecommendationService.ModelInfo m = info.get();
        FlexLayout figures = new FlexLayout();
        figures.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        figures.getStyle().set("gap", "var(--lumo-space-s)");
        figures.add(figure("Models", "v" + m.version()), figure("Fitted (UTC)", TIME.format(m.fittedAt())), figure("People", String.valueOf(m.people())),
                figure("Items", String.valueOf(m.items())), figure("Interactions", String.format(Locale.ROOT, "%,d", m.interactions())));
        EChart chart = new EChart();
        chart.setId("models-fit-times");
        chart.setHeight("12rem");
        chart.setWidth("min(36rem, 100%)");
        JsonArrayBuilder names = JSON.createArrayBuilder();
        JsonArrayBuilder values = JSON.createArrayBuilder();
        m.fitMillis().forEach((k, v) -> {
            names.add(k);
            values.add(v);
        });
        chart.setOption(JSON.createObjectBuilder()
                .add("title", JSON.createObjectBuilder().add("text", "Fit time per strategy (ms)").add("textStyle", JSON.createObjectBuilder().add("fontSize", 13)))
                .add("tooltip", JSON.createObjectBuilder())
                .add("grid", JSON.createObjectBuilder().add("left", 80).add("right", 16).add("top", 30).add("bottom", 20))
                .add("xAxis", JSON.createObjectBuilder().add("type", "value"))
                .add("yAxis", JSON.createObjectBuilder().add("type", "category").add("data", names))
                .add("series", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("type", "bar").add("data", values).add("color", "#1a73e8")))
                .build());
        HorizontalLayout row = new HorizontalLayout(figures, refit);
        row.setAlignItems(Alignment.CENTER);
        models.add(row, chart);
    }

    private static Component figure(String label, String value) {
        Span l = new Span(label);
        l.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        Span v = new Span(value);
        v.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.FontWeight.SEMIBOLD);
        VerticalLayout box = new VerticalLayout(l, v);
        box.setSpacing(false);
        box.addClassNames(LumoUtility.Background.CONTRAST_5, LumoUtility.BorderRadius.MEDIUM);
        box.setWidth("9rem");
        return box;
    }

    private void showArms(RecommendationService.Slot s) {
        arms.removeAll();
        if (s == null || !s.strategy().equals(RecommendationService.BANDIT)) {
            return;
        }
        Grid<RecommendationService.ArmStats> grid = new Grid<>(RecommendationService.ArmStats.class, false);
        grid.setId("bandit-arms");
        grid.setAllRowsVisible(true);
        grid.addColumn(RecommendationService.ArmStats::context).setHeader("Device").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(RecommendationService.ArmStats::arm).setHeader("Strategy").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(RecommendationService.ArmStats::served).setHeader("Lists served").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(RecommendationService.ArmStats::rewarded).setHeader("Rewarded").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(a -> a.served() == 0 ? "—" : String.format(Locale.ROOT, "%.1f %%", 100.0 * a.rewarded() / a.served()))
                .setHeader("Reward rate").setAutoWidth(true).setFlexGrow(0)
                .setComparator(a -> a.served() == 0 ? null : (double) a.rewarded() / a.served());
        Grids.sortable(grid);
        grid.setItems(recommendations.arms(site.getValue().id(), s.slot()));
        grid.setEmptyStateText("The bandit has not served this slot yet.");
        arms.add(new H4("Bandit of slot " + s.slot() + " (Thompson sampling per device)"), grid);
        Grid<RecommendationService.OffPolicyEstimate> estimates = new Grid<>(RecommendationService.OffPolicyEstimate.class, false);
        estimates.setId("bandit-off-policy");
        estimates.setAllRowsVisible(true);
        estimates.addColumn(RecommendationService.OffPolicyEstimate::arm).setHeader("If it always served").setAutoWidth(true).setFlexGrow(0);
        estimates.addColumn(RecommendationService.OffPolicyEstimate::lists).setHeader("Its lists").setAutoWidth(true).setFlexGrow(0);
        estimates.addColumn(e -> String.format(Locale.ROOT, "%.1f %% ± %.1f", 100 * e.ips(), 196 * e.ipsStandardError()))
                .setHeader("Reward rate (IPS, 95 %)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(RecommendationService.OffPolicyEstimate::ips);
        estimates.addColumn(e -> String.format(Locale.ROOT, "%.1f %%", 100 * e.snips())).setHeader("SNIPS").setAutoWidth(true).setFlexGrow(0)
                .setComparator(RecommendationService.OffPolicyEstimate::snips);
        estimates.addColumn(e -> String.format(Locale.ROOT, "%.0f", e.effectiveSampleSize())).setHeader("Effective n").setAutoWidth(true)
                .setFlexGrow(0).setComparator(RecommendationService.OffPolicyEstimate::effectiveSampleSize);
        estimates.addColumn(e -> String.format(Locale.ROOT, "%.1f %%", 100 * e.loggedRewardRate())).setHeader("The bandit got")
                .setAutoWidth(true).setFlexGrow(0).setComparator(RecommendationService.OffPolicyEstimate::loggedRewardRate);
        Grids.sortable(estimates);
        List<RecommendationService.OffPolicyEstimate> rows = recommendations.offPolicy(site.getValue().id(), s.slot());
        estimates.setItems(rows);
        estimates.setEmptyStateText("No logged lists in the last 30 days.");
        Paragraph about = new Paragraph("Off-policy: what each strategy alone would have earned, estimated from the logged lists and the "
                + "probability each had of being served (inverse propensity weighting).");
        about.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        arms.add(about, estimates);
    }

    /** While a run goes the page polls; each poll shows the latest progress line, and the results once done. */
    private com.vaadin.flow.shared.Registration offlinePoll;

    private void showOffline(dev.attune.personalization.api.OfflineEvaluationService.Status st) {
        offlineBox.removeAll();
        offlineBox.add(new H4("Offline evaluation: MovieLens under RecBole's full-ranking protocol"));
        Paragraph about = new Paragraph("Every dataset under " + st.dataFolder() + " replayed with a per-person random 80/10/10 split: "
                + "each strategy's parameters tuned on valid, Precision, Recall, NDCG and Hit at 10 measured on test, ranking all items "
                + "the person has not seen, beside the published BPR rows. The same as bench/run offline-eval.");
        about.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        offlineBox.add(about);
        Button run = new Button("Run (quick grids)", VaadinIcon.PLAY.create(), e -> {
            showOffline(offline.start(2020, true));
            poll();
        });
        run.setId("offline-run");
        Button full = new Button("Run (full grids, about a minute)", e -> {
            showOffline(offline.start(2020, false));
            poll();
        });
        full.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        run.setEnabled(st.dataPresent() && !st.running() && canEdit);
        full.setEnabled(st.dataPresent() && !st.running() && canEdit);
        HorizontalLayout bar = new HorizontalLayout(run, full);
        bar.setAlignItems(Alignment.CENTER);
        if (st.running()) {
            com.vaadin.flow.component.progressbar.ProgressBar progress = new com.vaadin.flow.component.progressbar.ProgressBar();
            progress.setIndeterminate(true);
            progress.setWidth("10rem");
            Span line = new Span(st.progress() == null ? "" : st.progress());
            line.setId("offline-progress");
            bar.add(progress, line);
        }
        offlineBox.add(bar);
        if (!st.dataPresent()) {
            Paragraph none = new Paragraph("No MovieLens data found there. Put a folder laid out like ml-100k (u.data, u.item) under it, or set "
                    + "ATTUNE_RECOMMENDATIONS_OFFLINE_DATA.");
            none.addClassNames(LumoUtility.TextColor.SECONDARY);
            offlineBox.add(none);
        }
        if (st.error() != null) {
            Paragraph error = new Paragraph(st.error());
            error.addClassNames(LumoUtility.TextColor.ERROR);
            offlineBox.add(error);
        }
        for (var result : st.results()) {
            Paragraph head = new Paragraph(result.dataset() + ", split seed " + result.seed() + ": best on valid " + result.best() + " ("
                    + result.seconds() + " s)");
            head.setId("offline-summary");
            Grid<dev.attune.personalization.api.OfflineEvaluationService.Row> grid = new Grid<>(dev.attune.personalization.api.OfflineEvaluationService.Row.class, false);
            grid.setId("offline-rows");
            grid.setAllRowsVisible(true);
            grid.addColumn(dev.attune.personalization.api.OfflineEvaluationService.Row::strategy).setHeader("Strategy").setAutoWidth(true).setFlexGrow(0);
            grid.addColumn(dev.attune.personalization.api.OfflineEvaluationService.Row::params).setHeader("Parameters (best on valid)").setFlexGrow(1);
            grid.addColumn(r -> fmt(r.validNdcg())).setHeader("Valid NDCG@10").setAutoWidth(true).setFlexGrow(0)
                    .setComparator(dev.attune.personalization.api.OfflineEvaluationService.Row::validNdcg);
            grid.addColumn(r -> fmt(r.precision())).setHeader("P@10").setAutoWidth(true).setFlexGrow(0)
                    .setComparator(dev.attune.personalization.api.OfflineEvaluationService.Row::precision);
            grid.addColumn(r -> fmt(r.recall())).setHeader("R@10").setAutoWidth(true).setFlexGrow(0)
                    .setComparator(dev.attune.personalization.api.OfflineEvaluationService.Row::recall);
            grid.addColumn(r -> fmt(r.ndcg())).setHeader("NDCG@10").setAutoWidth(true).setFlexGrow(0)
                    .setComparator(dev.attune.personalization.api.OfflineEvaluationService.Row::ndcg);
            grid.addColumn(r -> fmt(r.hit())).setHeader("Hit@10").setAutoWidth(true).setFlexGrow(0)
                    .setComparator(dev.attune.personalization.api.OfflineEvaluationService.Row::hit);
            grid.addColumn(r -> r.fitMillis() + " ms").setHeader("Fit").setAutoWidth(true).setFlexGrow(0)
                    .setComparator(dev.attune.personalization.api.OfflineEvaluationService.Row::fitMillis);
            Grids.sortable(grid);
            java.util.List<dev.attune.personalization.api.OfflineEvaluationService.Row> rows = new java.util.ArrayList<>(result.rows());
            for (var p : result.published()) {
                rows.add(new dev.attune.personalization.api.OfflineEvaluationService.Row("published " + p.model(), p.source(), Double.NaN,
                        p.precision(), p.recall(), p.ndcg(), p.hit(), 0));
            }
            grid.setItems(rows);
            EChart chart = new EChart();
            chart.setId("offline-chart");
            chart.setHeight("16rem");
            JsonArrayBuilder names = JSON.createArrayBuilder();
            JsonArrayBuilder values = JSON.createArrayBuilder();
            rows.stream().sorted(java.util.Comparator.comparingDouble(dev.attune.personalization.api.OfflineEvaluationService.Row::ndcg))
                    .forEach(r -> {
                        names.add(r.strategy());
                        values.add(JSON.createObjectBuilder().add("value", Math.round(r.ndcg() * 10000) / 10000.0)
                                .add("itemStyle", JSON.createObjectBuilder().add("color", r.strategy().startsWith("published") ? "#adb5bd"
                                        : r.strategy().equals(result.best()) ? "#2f9e44" : "#1a73e8")));
                    });
            chart.setOption(JSON.createObjectBuilder()
                    .add("title", JSON.createObjectBuilder().add("text", "Test NDCG@10").add("textStyle", JSON.createObjectBuilder().add("fontSize", 13)))
                    .add("tooltip", JSON.createObjectBuilder())
                    .add("grid", JSON.createObjectBuilder().add("left", 110).add("right", 24).add("top", 30).add("bottom", 20))
                    .add("xAxis", JSON.createObjectBuilder().add("type", "value"))
                    .add("yAxis", JSON.createObjectBuilder().add("type", "category").add("data", names))
                    .add("series", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("type", "bar").add("data", values)
                            .add("label", JSON.createObjectBuilder().add("show", true).add("position", "right"))))
                    .build());
            offlineBox.add(head, grid, chart);
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4f", v);
    }

    private void poll() {
        getUI().ifPresent(ui -> {
            ui.setPollInterval(1000);
            if (offlinePoll != null) {
                offlinePoll.remove();
            }
            offlinePoll = ui.addPollListener(e -> {
                var st = offline.status();
                showOffline(st);
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
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "Configure a slot" : "Slot " + existing.slot());
        TextField name = new TextField("Slot");
        name.setId("slot-name");
        name.setHelperText("as in data-attune-slot=\"…\" on the page");
        Select<String> strategy = new Select<>();
        strategy.setLabel("Strategy");
        strategy.setId("slot-strategy");
        java.util.List<String> choices = new java.util.ArrayList<>(RecommendationService.STRATEGIES);
        choices.add(RecommendationService.BANDIT);
        strategy.setItems(choices);
        MultiSelectComboBox<String> armChoice = new MultiSelectComboBox<>("Arms (bandit)");
        armChoice.setItems(RecommendationService.STRATEGIES);
        armChoice.setWidth("24rem");
        IntegerField size = new IntegerField("Items");
        size.setMin(1);
        size.setMax(50);
        size.setStepButtonsVisible(true);
        Checkbox consumed = new Checkbox("Show items the person already consumed");
        TextField title = new TextField("Title");
        if (existing != null) {
            name.setValue(existing.slot());
            name.setReadOnly(true);
            strategy.setValue(existing.strategy());
            armChoice.setValue(new LinkedHashSet<>(existing.arms()));
            size.setValue(existing.size());
            consumed.setValue(existing.includeConsumed());
            title.setValue(existing.title() == null ? "" : existing.title());
        } else {
            name.setValue("home");
            strategy.setValue("hybrid");
            size.setValue(6);
        }
        armChoice.setVisible(RecommendationService.BANDIT.equals(strategy.getValue()));
        strategy.addValueChangeListener(e -> armChoice.setVisible(RecommendationService.BANDIT.equals(e.getValue())));
        Div errors = new Div();
        errors.setId("slot-errors");
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        Button save = new Button("Save", e -> {
            errors.removeAll();
            try {
                recommendations.saveSlot(site.getValue().id(), new RecommendationService.Slot(name.getValue().strip(), strategy.getValue(),
                        List.copyOf(armChoice.getSelectedItems()), size.getValue() == null ? 0 : size.getValue(), consumed.getValue(), title.getValue()));
                dialog.close();
                refresh();
            } catch (InvalidInputException ex) {
                ex.errors().forEach(f -> errors.add(new Div(f.field() + ": " + f.message())));
            }
        });
        save.setId("slot-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout form = new VerticalLayout(new HorizontalLayout(name, strategy, size), armChoice, consumed, title, errors);
        form.setPadding(false);
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
