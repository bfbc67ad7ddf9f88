package dev.attune.admin.personalize;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.charts.EChart;
import dev.attune.personalization.api.RecommendationService;
import jakarta.json.JsonArrayBuilder;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The recommendation models of a site in memory: version, when fitted, people, items and interactions, and the fit time
 * per strategy; or that none are fitted yet. Who may change recommendations refits them now, reported as a
 * {@link RefitEvent}.
 */
class ModelsPanel extends Div {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private final boolean canEdit;

    ModelsPanel(boolean canEdit) {
        this.canEdit = canEdit;
        setId("recommendation-models");
        setWidthFull();
    }

    /** Shows the models (none: not fitted yet). */
    void show(Optional<RecommendationService.ModelInfo> info) {
        removeAll();
        Button refit = new Button(info.isPresent() ? "Refit now" : "Fit now", VaadinIcon.REFRESH.create());
        refit.setId("models-refit");
        refit.setVisible(canEdit);
        refit.setDisableOnClick(true);
        refit.addClickListener(e -> fireEvent(new RefitEvent(this)));
        if (info.isEmpty()) {
            Paragraph none = new Paragraph(
                    "No models in memory yet: they are fitted from the site's profiles on the first request for a slot, "
                            + "or now.");
            none.addClassNames(LumoUtility.TextColor.SECONDARY);
            add(new HorizontalLayout(none, refit));
            return;
        }
        RecommendationService.ModelInfo m = info.get();
        FlexLayout figures = new FlexLayout();
        figures.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        figures.getStyle().set("gap", "var(--lumo-space-s)");
        figures.add(
                figure("Models", "v" + m.version()),
                figure("Fitted (UTC)", TIME.format(m.fittedAt())),
                figure("People", String.valueOf(m.people())),
                figure("Items", String.valueOf(m.items())),
                figure("Interactions", String.format(Locale.ROOT, "%,d", m.interactions())));
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
                .add(
                        "title",
                        JSON.createObjectBuilder()
                                .add("text", "Fit time per strategy (ms)")
                                .add("textStyle", JSON.createObjectBuilder().add("fontSize", 13)))
                .add("tooltip", JSON.createObjectBuilder())
                .add(
                        "grid",
                        JSON.createObjectBuilder()
                                .add("left", 80)
                                .add("right", 16)
                                .add("top", 30)
                                .add("bottom", 20))
                .add("xAxis", JSON.createObjectBuilder().add("type", "value"))
                .add("yAxis", JSON.createObjectBuilder().add("type", "category").add("data", names))
                .add(
                        "series",
                        JSON.createArrayBuilder()
                                .add(JSON.createObjectBuilder()
                                        .add("type", "bar")
                                        .add("data", values)
                                        .add("color", "#1a73e8")))
                .build());
        HorizontalLayout row = new HorizontalLayout(figures, refit);
        row.setAlignItems(Alignment.CENTER);
        add(row, chart);
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

    Registration addRefitListener(ComponentEventListener<RefitEvent> listener) {
        return addListener(RefitEvent.class, listener);
    }

    /** The user asked to fit the models now. */
    static final class RefitEvent extends ComponentEvent<ModelsPanel> {
        RefitEvent(ModelsPanel source) {
            super(source, false);
        }
    }
}
