package dev.attune.admin.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.security.CurrentUser;
import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentResults;
import dev.attune.personalization.api.ExperimentService;
import dev.attune.personalization.api.stats.Results;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A site's experiments: create with validation, start / stop / ship, and live results per metric (effect with its
 * interval drawn against zero, Holm-adjusted p-value, chance to win, expected loss), the sample-ratio banner and a
 * plain-language recommendation.
 */
@Route(value = "experiments", layout = MainLayout.class)
@PageTitle("Experiments · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class ExperimentsView extends VerticalLayout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ExperimentService experiments;
    private final boolean canEdit = CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST);
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final Grid<Experiment> grid = new Grid<>(Experiment.class, false);
    private final VerticalLayout detail = new VerticalLayout();

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
        Button add = new Button("New experiment", VaadinIcon.PLUS.create(), e -> openCreate());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("experiment-new");
        add.setVisible(canEdit);
        HorizontalLayout bar = new HorizontalLayout(site, add);
        bar.setAlignItems(Alignment.BASELINE);

        grid.setId("experiments-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(Experiment::key).setHeader("Key").setWidth("9rem").setFlexGrow(1);
        grid.addColumn(Experiment::name).setHeader("Name").setWidth("10rem").setFlexGrow(2);
        grid.addComponentColumn(e -> status(e.status())).setHeader("Status").setWidth("7rem").setFlexGrow(0);
        grid.addColumn(e -> String.join(" / ", e.variants().stream().map(v -> v.key() + " " + v.weight() + " %").toList()))
                .setHeader("Variants").setWidth("9rem").setFlexGrow(1);
        grid.addColumn(e -> String.join(", ", e.metrics().stream().map(Experiment.Metric::key).toList())).setHeader("Metrics")
                .setWidth("7rem").setFlexGrow(1);
        grid.addColumn(e -> e.startedAt() == null ? "" : TIME.format(e.startedAt())).setHeader("Started (UTC)").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        grid.setEmptyStateText("No experiments for this site yet.");
        grid.addSelectionListener(e -> showDetail(e.getFirstSelectedItem().orElse(null)));
        detail.setPadding(false);
        detail.setId("experiment-detail");
        add(new H2("Experiments"), bar, grid, detail);
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private void refresh() {
        List<Experiment> list = site.getValue() == null ? List.of() : experiments.list(site.getValue().id());
        grid.setItems(list);
        if (!list.isEmpty()) {
            grid.select(list.get(0));
        } else {
            detail.removeAll();
        }
    }

    private HorizontalLayout actions(Experiment e) {
        HorizontalLayout row = new HorizontalLayout();
        if (!canEdit) {
            return row;
        }
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
            Button b = new Button(label, ev -> {
                experiments.setStatus(e.id(), s);
                Notification.show(e.key() + ": " + s.name().toLowerCase(Locale.ROOT), 3000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                refresh();
            });
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, s == Experiment.Status.RUNNING ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_CONTRAST);
            b.setId("experiment-" + label.toLowerCase(Locale.ROOT) + "-" + e.key());
            row.add(b);
        }
        return row;
    }

    private void showDetail(Experiment e) {
        detail.removeAll();
        if (e == null) {
            return;
        }
        ExperimentResults r = experiments.results(e.id());
        H3 title = new H3(e.name());
        Paragraph hypothesis = new Paragraph(e.hypothesis() == null ? "" : "Hypothesis: " + e.hypothesis());
        hypothesis.addClassNames(LumoUtility.TextColor.SECONDARY);
        detail.add(title, hypothesis);
        if (e.alert() != null) {
            Div alert = new Div(VaadinIcon.WARNING.create(), new Span(" " + e.alert() + " (" + TIME.format(e.alertAt()) + " UTC)"));
            alert.setId("experiment-alert");
            alert.addClassNames(LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Background.ERROR_10,
                    LumoUtility.TextColor.ERROR);
            detail.add(alert);
        }
        long total = r.units().stream().mapToLong(ExperimentResults.VariantUnits::units).sum();
        Div srm = new Div();
        srm.setId("experiment-srm");
        srm.addClassNames(LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.FontSize.SMALL);
        String split = String.join(", ", r.units().stream().map(u -> u.variant() + " " + u.units() + " (" + Math.round(u.expectedShare() * 100) + " % intended)").toList());
        if (r.sampleRatio().mismatch()) {
            srm.setText("Sample ratio mismatch (p = " + fmt(r.sampleRatio().pValue(), 5) + "): " + split
                    + ". The assignment is not working as designed; do not trust these results until it is explained.");
            srm.addClassNames(LumoUtility.Background.ERROR_10, LumoUtility.TextColor.ERROR);
        } else {
            srm.setText(total + " units exposed: " + split + ". Sample ratio as intended (p = " + fmt(r.sampleRatio().pValue(), 3) + ").");
            srm.addClassNames(LumoUtility.Background.CONTRAST_5);
        }
        detail.add(srm);
        Paragraph advice = new Paragraph(recommendation(e, r));
        advice.setId("experiment-advice");
        advice.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        detail.add(advice);
        for (ExperimentResults.MetricResult m : r.metrics()) {
            detail.add(new H4(m.metric() + " (" + m.kind() + (m.guardrail() ? ", guardrail" : "") + ")"));
            Grid<Row> table = new Grid<>(Row.class, false);
            table.setAllRowsVisible(true);
            table.setId("results-" + m.metric());
            table.addColumn(Row::variant).setHeader("Variant").setAutoWidth(true).setFlexGrow(0);
            table.addColumn(x -> x.value().n()).setHeader("Units").setAutoWidth(true).setFlexGrow(0);
            table.addColumn(x -> fmt(x.value().mean(), 4)).setHeader("Mean").setAutoWidth(true).setFlexGrow(0);
            table.addColumn(x -> x.comparison() == null ? "baseline" : pct(x.comparison().frequentist().estimate()) + "  ["
                    + pct(x.comparison().frequentist().interval().lower()) + ", " + pct(x.comparison().frequentist().interval().upper()) + "]")
                    .setHeader("Effect (95 % interval)").setAutoWidth(true).setFlexGrow(0);
            table.addComponentColumn(x -> x.comparison() == null ? new Span() : intervalBar(x.comparison())).setHeader("vs control")
                    .setWidth("14rem").setFlexGrow(1);
            table.addColumn(x -> x.comparison() == null ? "" : fmt(x.comparison().adjustedPValue(), 4)).setHeader("p (Holm)")
                    .setAutoWidth(true).setFlexGrow(0);
            table.addColumn(x -> x.comparison() == null ? "" : Math.round(x.comparison().bayesian().chanceToWin() * 1000) / 10.0 + " %")
                    .setHeader("Chance to win").setAutoWidth(true).setFlexGrow(0);
            table.addColumn(x -> x.comparison() == null ? "" : pct(x.comparison().bayesian().riskOfTreatment()))
                    .setHeader("Risk if shipped").setAutoWidth(true).setFlexGrow(0);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < m.values().size(); i++) {
                rows.add(new Row(m.values().get(i).variant(), m.values().get(i), i == 0 ? null : m.comparisons().get(i - 1)));
            }
            table.setItems(rows);
            detail.add(table);
        }
    }

    /** A variant's row in a metric table. */
    record Row(String variant, ExperimentResults.VariantValue value, ExperimentResults.Comparison comparison) {
    }

    /** The interval drawn against zero (scaled to fit it), green when it clears zero, red when below. */
    private static Component intervalBar(ExperimentResults.Comparison c) {
        Results.Interval i = c.frequentist().interval();
        double widest = Math.max(Double.isFinite(i.lower()) ? Math.abs(i.lower()) : 0, Double.isFinite(i.upper()) ? Math.abs(i.upper()) : 0);
        double range = Math.max(0.05, widest * 1.1);
        double lo = Math.max(-range, Math.min(range, i.lower()));
        double hi = Math.max(-range, Math.min(range, i.upper()));
        Div track = new Div();
        track.getStyle().set("position", "relative").set("height", "14px").set("width", "100%")
                .set("background", "var(--lumo-contrast-5pct)").set("border-radius", "7px");
        Div zero = new Div();
        zero.getStyle().set("position", "absolute").set("left", "50%").set("top", "0").set("bottom", "0").set("width", "2px")
                .set("background", "var(--lumo-contrast-50pct)");
        Div bar = new Div();
        String colour = i.lower() > 0 ? "var(--lumo-success-color)" : i.upper() < 0 ? "var(--lumo-error-color)" : "var(--lumo-contrast-40pct)";
        bar.getStyle().set("position", "absolute").set("top", "3px").set("height", "8px").set("border-radius", "4px")
                .set("left", (50 + lo / range * 50) + "%").set("width", Math.max(0.5, (hi - lo) / range * 50) + "%").set("background", colour);
        Div point = new Div();
        double est = Math.max(-range, Math.min(range, c.frequentist().estimate()));
        point.getStyle().set("position", "absolute").set("top", "1px").set("height", "12px").set("width", "4px")
                .set("left", "calc(" + (50 + est / range * 50) + "% - 2px)").set("background", "var(--lumo-body-text-color)")
                .set("border-radius", "2px");
        track.add(bar, zero, point);
        track.getElement().setAttribute("title", pct(i.lower()) + " to " + pct(i.upper()));
        return track;
    }

    /** What to do now, in words, from the first metric and the guardrails. */
    static String recommendation(Experiment e, ExperimentResults r) {
        if (r.sampleRatio().mismatch()) {
            return "Stop and investigate: the traffic split does not match the weights.";
        }
        if (r.metrics().isEmpty() || r.metrics().get(0).comparisons().isEmpty()) {
            return "No metrics yet.";
        }
        for (ExperimentResults.MetricResult m : r.metrics()) {
            if (!m.guardrail()) {
                continue;
            }
            for (ExperimentResults.Comparison c : m.comparisons()) {
                if (c.adjustedPValue() < 0.05 && c.frequentist().estimate() < 0) {
                    return "Guardrail " + m.metric() + " is significantly worse for " + c.variant() + " (" + pct(c.frequentist().estimate())
                            + "): do not ship it.";
                }
            }
        }
        ExperimentResults.MetricResult primary = r.metrics().get(0);
        ExperimentResults.Comparison best = primary.comparisons().stream()
                .max((a, b) -> Double.compare(a.bayesian().chanceToWin(), b.bayesian().chanceToWin())).orElseThrow();
        long units = r.units().stream().mapToLong(ExperimentResults.VariantUnits::units).sum();
        if (units < 100) {
            return "Too early: " + units + " units so far.";
        }
        if (best.adjustedPValue() < 0.05 && best.frequentist().estimate() > 0) {
            return "Ship " + best.variant() + ": " + pct(best.frequentist().estimate()) + " on " + primary.metric() + " (chance to win "
                    + Math.round(best.bayesian().chanceToWin() * 1000) / 10.0 + " %, p = " + fmt(best.adjustedPValue(), 4) + " after Holm).";
        }
        if (best.adjustedPValue() < 0.05) {
            return "Keep the control: every variant does worse on " + primary.metric() + ".";
        }
        return "No clear difference on " + primary.metric() + " yet (best: " + best.variant() + ", chance to win "
                + Math.round(best.bayesian().chanceToWin() * 1000) / 10.0 + " %); keep it running.";
    }

    private void openCreate() {
        if (site.getValue() == null) {
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New experiment for " + site.getValue().name());
        dialog.setWidth("min(48rem, 96vw)");
        TextField key = new TextField("Key");
        key.setPlaceholder("checkout-button");
        key.setId("experiment-key");
        TextField name = new TextField("Name");
        name.setId("experiment-name");
        name.setWidthFull();
        TextField hypothesis = new TextField("Hypothesis");
        hypothesis.setWidthFull();
        TextField variants = new TextField("Variants (key:weight, …; the first is the control)");
        variants.setValue("control:50, treatment:50");
        variants.setWidthFull();
        variants.setId("experiment-variants");
        IntegerField traffic = new IntegerField("Traffic (%)");
        traffic.setValue(100);
        TextField metricKey = new TextField("Metric key");
        metricKey.setValue("conversion");
        Select<Experiment.Metric.Kind> kind = new Select<>();
        kind.setLabel("Kind");
        kind.setItems(Experiment.Metric.Kind.values());
        kind.setValue(Experiment.Metric.Kind.CONVERSION);
        Select<String> eventType = new Select<>();
        eventType.setLabel("Event type");
        eventType.setItems(Arrays.stream(EventType.values()).map(EventType::wireName).toList());
        eventType.setValue("purchase");
        IntegerField window = new IntegerField("Window (hours)");
        window.setValue(72);
        Checkbox guardrail = new Checkbox("Guardrail");
        Checkbox autoStop = new Checkbox("Stop automatically when a guardrail is significantly worse or the sample ratio is off");
        Div errors = new Div();
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        errors.setId("experiment-errors");
        Button create = new Button("Create", e -> {
            List<Experiment.Variant> vs = new ArrayList<>();
            for (String part : variants.getValue().split(",")) {
                String[] kv = part.strip().split(":");
                int weight;
                try {
                    weight = kv.length == 2 ? Integer.parseInt(kv[1].strip()) : 0;
                } catch (NumberFormatException ex) {
                    weight = 0;
                }
                vs.add(new Experiment.Variant(kv[0].strip(), weight, null));
            }
            try {
                experiments.create(site.getValue().id(), key.getValue().strip(), name.getValue(), hypothesis.getValue().isBlank() ? null : hypothesis.getValue(),
                        vs, traffic.getValue() == null ? 100 : traffic.getValue(),
                        List.of(new Experiment.Metric(metricKey.getValue().strip(), kind.getValue(), eventType.getValue(),
                                window.getValue() == null ? 72 : window.getValue(), guardrail.getValue())), autoStop.getValue());
                dialog.close();
                refresh();
            } catch (InvalidInputException ex) {
                errors.removeAll();
                ex.errors().forEach(f -> errors.add(new Div(f.field() + ": " + f.message())));
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("experiment-create");
        HorizontalLayout metric = new HorizontalLayout(metricKey, kind, eventType, window, guardrail);
        metric.setAlignItems(Alignment.BASELINE);
        metric.setWrap(true);
        VerticalLayout form = new VerticalLayout(new HorizontalLayout(key, traffic), name, hypothesis, variants, new H4("Primary metric"), metric, autoStop, errors);
        form.setPadding(false);
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        dialog.open();
    }

    private static Span status(Experiment.Status status) {
        Span badge = new Span(status.name().toLowerCase(Locale.ROOT));
        badge.getElement().getThemeList().add("badge pill" + switch (status) {
            case RUNNING -> " success";
            case STOPPED -> " contrast";
            case SHIPPED -> " primary";
            case DRAFT -> "";
        });
        return badge;
    }

    private static String pct(double x) {
        if (!Double.isFinite(x)) {
            return x > 0 ? "+∞" : "−∞";
        }
        return String.format(Locale.ROOT, "%+.1f %%", x * 100);
    }

    private static String fmt(double x, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", x);
    }
}
