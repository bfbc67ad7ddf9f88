package dev.attune.admin.experiment;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.feedback.api.EventType;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Metric;
import dev.attune.platform.api.InvalidInputException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates or edits an experiment: variants with weights and what each shows, traffic, layer, targeting, metrics,
 * schedule and guard. "Create"/"Save" reports the definition as a {@link SaveEvent}; the service checks everything, and
 * its field errors come back through {@link #showRefusal} onto the fields they name (and in a list). A running
 * experiment shows what it may no longer change as read-only.
 */
class ExperimentForm extends Dialog {
    private static final List<String> EVENT_TYPES =
            Arrays.stream(EventType.values()).map(EventType::wireName).toList();

    private final Experiment existing;
    private final Map<String, HasValidation> fields = new HashMap<>();
    final TextField key = new TextField("Key");
    final TextField name = new TextField("Name");
    private final TextField hypothesis = new TextField("Hypothesis");
    private final Select<Experiment.Mode> mode = new Select<>();
    private final VerticalLayout variants = new VerticalLayout();
    private final List<VariantRow> variantRows = new ArrayList<>();
    private final IntegerField traffic = new IntegerField("Traffic (%)");
    private final TextField layerName = new TextField("Layer");
    private final IntegerField layerFrom = new IntegerField("From bucket");
    private final TextField urls = new TextField("Pages (URL globs, comma-separated; empty: every page)");
    private final CheckboxGroup<String> devices = new CheckboxGroup<>("Devices (none ticked: every device)");
    private final TextField segmentKeys = new TextField("Segments (keys, comma-separated; empty: everyone)");
    private final VerticalLayout metrics = new VerticalLayout();
    private final List<MetricRow> metricRows = new ArrayList<>();
    private final DateTimePicker startAt = new DateTimePicker("Start at (UTC, optional)");
    private final DateTimePicker stopAt = new DateTimePicker("Stop at (UTC, optional)");
    private final Checkbox autoStop =
            new Checkbox("Stop automatically when a guardrail is significantly worse or the sample ratio is off");
    final Div errors = new Div();
    final Button save = new Button();
    final Button cancel = new Button("Cancel");

    /** One variant: key, weight, and the text the widget shows for it in elements marked for the experiment. */
    private record VariantRow(
            HorizontalLayout row, TextField key, IntegerField weight, TextField text, TextArea payload) {}

    private record MetricRow(
            HorizontalLayout row,
            TextField key,
            Select<Metric.Kind> kind,
            Select<String> eventType,
            Select<String> denominator,
            IntegerField window,
            Checkbox guardrail,
            Checkbox lowerIsBetter) {}

    /**
     * @param siteName the site a new experiment is for (in the title)
     * @param existing the experiment to edit, or null for a new one
     */
    ExperimentForm(String siteName, Experiment existing) {
        this.existing = existing;
        setHeaderTitle(existing == null ? "New experiment for " + siteName : "Edit " + existing.key());
        setWidth("min(60rem, 96vw)");
        key.setPlaceholder("checkout-button");
        key.setId("experiment-key");
        name.setId("experiment-name");
        name.setWidthFull();
        hypothesis.setWidthFull();
        hypothesis.setPlaceholder("A green button makes more visitors buy");
        mode.setLabel("Mode");
        mode.setItems(Experiment.Mode.values());
        mode.setItemLabelGenerator(m -> m == Experiment.Mode.AB ? "A/B (fixed weights)" : "Bandit (Thompson sampling)");
        mode.setValue(Experiment.Mode.AB);
        mode.setId("experiment-mode");
        traffic.setValue(100);
        traffic.setId("experiment-traffic");
        layerName.setPlaceholder("none");
        layerName.setHelperText("Experiments in one layer never share a unit");
        layerName.setId("experiment-layer");
        layerFrom.setValue(0);
        layerFrom.setHelperText("Takes buckets from .. from + traffic − 1 of 100");
        layerFrom.setId("experiment-layer-from");
        urls.setWidthFull();
        segmentKeys.setWidthFull();
        segmentKeys.setId("experiment-segments");
        urls.setPlaceholder("/checkout*, *utm_campaign=winter*");
        devices.setItems("desktop", "mobile", "tablet");
        variants.setPadding(false);
        variants.setSpacing(false);
        metrics.setPadding(false);
        metrics.setSpacing(false);
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        errors.setId("experiment-errors");
        fields.put("key", key);
        fields.put("name", name);
        fields.put("hypothesis", hypothesis);
        fields.put("trafficPercent", traffic);
        fields.put("layer/name", layerName);
        fields.put("layer/from", layerFrom);
        fields.put("targeting/urlPatterns", urls);
        fields.put("targeting/segments", segmentKeys);
        fields.put("startAt", startAt);
        fields.put("stopAt", stopAt);

        Button addVariant = new Button(
                "Add variant", VaadinIcon.PLUS.create(), e -> addVariant(new Experiment.Variant("", 0, null)));
        addVariant.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        Button addMetric = new Button("Add metric", VaadinIcon.PLUS.create(), e -> addMetric(null));
        addMetric.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        Paragraph variantHelp = new Paragraph(
                "The first variant is the control. Weights sum to 100. The widget puts a variant's text into "
                        + "elements with data-attune-experiment=\"<key>\"; a JSON payload can carry anything else (a message template, a survey id, "
                        + "a recommendation strategy) for attune.payload(key).");
        variantHelp.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Paragraph metricHelp = new Paragraph(
                "The first metric is the primary one (a bandit optimises it). Each is counted per unit within "
                        + "its window after exposure. A ratio divides the sum of its event's values by the count of the denominator's events.");
        metricHelp.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);

        HorizontalLayout head = new HorizontalLayout(key, mode, traffic);
        head.setAlignItems(Alignment.BASELINE);
        HorizontalLayout layer = new HorizontalLayout(layerName, layerFrom);
        layer.setAlignItems(Alignment.BASELINE);
        HorizontalLayout schedule = new HorizontalLayout(startAt, stopAt);
        schedule.setWrap(true);
        VerticalLayout form = new VerticalLayout(
                head,
                name,
                hypothesis,
                new H4("Variants"),
                variantHelp,
                variants,
                addVariant,
                new H4("Who"),
                layer,
                urls,
                devices,
                segmentKeys,
                new H4("Metrics"),
                metricHelp,
                metrics,
                addMetric,
                new H4("Schedule and guard"),
                schedule,
                autoStop,
                errors);
        form.setPadding(false);
        add(form);

        if (existing == null) {
            addVariant(new Experiment.Variant("control", 50, null));
            addVariant(new Experiment.Variant("treatment", 50, null));
            addMetric(new Metric("conversion", Metric.Kind.CONVERSION, "purchase", 72, false));
        } else {
            fill(existing.definition());
            lockWhatCannotChange(existing.status());
        }
        save.setText(existing == null ? "Create" : "Save");
        save.addClickListener(e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("experiment-create");
        cancel.addClickListener(e -> fireEvent(new CloseEvent(this)));
        getFooter().add(cancel, save);
    }

    private void fill(Experiment.Definition d) {
        key.setValue(d.key());
        name.setValue(d.name());
        hypothesis.setValue(d.hypothesis() == null ? "" : d.hypothesis());
        mode.setValue(d.mode());
        traffic.setValue(d.trafficPercent());
        if (d.layer() != null) {
            layerName.setValue(d.layer().name());
            layerFrom.setValue(d.layer().from());
        }
        urls.setValue(String.join(", ", d.targeting().urlPatterns()));
        devices.setValue(new LinkedHashSet<>(d.targeting().devices()));
        segmentKeys.setValue(String.join(", ", d.targeting().segments()));
        d.variants().forEach(this::addVariant);
        d.metrics().forEach(this::addMetric);
        startAt.setValue(d.startAt() == null ? null : LocalDateTime.ofInstant(d.startAt(), ZoneOffset.UTC));
        stopAt.setValue(d.stopAt() == null ? null : LocalDateTime.ofInstant(d.stopAt(), ZoneOffset.UTC));
        autoStop.setValue(d.autoStop());
    }

    /** A running experiment keeps what its numbers depend on; a finished one keeps everything but its words. */
    private void lockWhatCannotChange(Experiment.Status status) {
        if (status == Experiment.Status.DRAFT) {
            return;
        }
        key.setReadOnly(true);
        mode.setReadOnly(true);
        traffic.setReadOnly(true);
        layerName.setReadOnly(true);
        layerFrom.setReadOnly(true);
        urls.setReadOnly(true);
        devices.setReadOnly(true);
        segmentKeys.setReadOnly(true);
        startAt.setReadOnly(true);
        variantRows.forEach(r -> {
            r.key().setReadOnly(true);
            r.weight().setReadOnly(true);
            r.text().setReadOnly(true);
            r.payload().setReadOnly(true);
        });
        metricRows.forEach(r -> {
            r.key().setReadOnly(true);
            r.kind().setReadOnly(true);
            r.eventType().setReadOnly(true);
            r.denominator().setReadOnly(true);
            r.window().setReadOnly(true);
            r.guardrail().setReadOnly(true);
            r.lowerIsBetter().setReadOnly(true);
        });
        if (status != Experiment.Status.RUNNING) {
            stopAt.setReadOnly(true);
            autoStop.setReadOnly(true);
        }
    }

    private void addVariant(Experiment.Variant v) {
        int index = variantRows.size();
        TextField k = new TextField(index == 0 ? "Key" : null);
        k.setValue(v.key());
        k.setWidth("9rem");
        k.setId("variant-key-" + index);
        IntegerField weight = new IntegerField(index == 0 ? "Weight" : null);
        weight.setValue(v.weight());
        weight.setWidth("6rem");
        weight.setId("variant-weight-" + index);
        TextField text = new TextField(index == 0 ? "Widget text" : null);
        text.setWidth("14rem");
        text.setId("variant-text-" + index);
        TextArea payload = new TextArea(index == 0 ? "Payload (JSON, optional)" : null);
        payload.setWidth("16rem");
        payload.setMaxHeight("5rem");
        if (v.payloadJson() != null) {
            try {
                var json = JSON.createReader(new StringReader(v.payloadJson())).readValue();
                if (json instanceof JsonObject o && o.size() == 1 && o.containsKey("text")) {
                    text.setValue(o.getString("text", ""));
                } else {
                    payload.setValue(v.payloadJson());
                }
            } catch (JsonException e) {
                payload.setValue(v.payloadJson());
            }
        }
        Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        remove.getElement().setAttribute("aria-label", "Remove variant");
        HorizontalLayout row = new HorizontalLayout(k, weight, text, payload, remove);
        row.setAlignItems(Alignment.BASELINE);
        VariantRow vr = new VariantRow(row, k, weight, text, payload);
        remove.addClickListener(e -> {
            variantRows.remove(vr);
            variants.remove(row);
        });
        remove.setVisible(existing == null || existing.status() == Experiment.Status.DRAFT);
        fields.put("variants/" + index + "/key", k);
        fields.put("variants/" + index + "/weight", weight);
        fields.put("variants/" + index + "/payload", payload);
        variantRows.add(vr);
        variants.add(row);
    }

    private void addMetric(Metric m) {
        int index = metricRows.size();
        TextField k = new TextField(index == 0 ? "Key" : null);
        k.setValue(m == null ? "" : m.key());
        k.setWidth("8rem");
        k.setId("metric-key-" + index);
        Select<Metric.Kind> kind = new Select<>();
        kind.setLabel(index == 0 ? "Kind" : null);
        kind.setItems(Metric.Kind.values());
        kind.setItemLabelGenerator(x -> x.name().toLowerCase(Locale.ROOT));
        kind.setValue(m == null ? Metric.Kind.CONVERSION : m.kind());
        kind.setWidth("8rem");
        Select<String> eventType = new Select<>();
        eventType.setLabel(index == 0 ? "Event" : null);
        eventType.setItems(EVENT_TYPES);
        eventType.setValue(m == null ? "purchase" : m.eventType());
        eventType.setWidth("9rem");
        Select<String> denominator = new Select<>();
        denominator.setLabel(index == 0 ? "Per (ratio)" : null);
        List<String> denominators = new ArrayList<>();
        denominators.add("");
        denominators.addAll(EVENT_TYPES);
        denominator.setItems(denominators);
        denominator.setItemLabelGenerator(x -> x.isEmpty() ? "—" : x);
        denominator.setValue(m == null || m.denominatorEventType() == null ? "" : m.denominatorEventType());
        denominator.setWidth("8rem");
        denominator.setEnabled(kind.getValue() == Metric.Kind.RATIO);
        kind.addValueChangeListener(e -> denominator.setEnabled(e.getValue() == Metric.Kind.RATIO));
        IntegerField window = new IntegerField(index == 0 ? "Window (h)" : null);
        window.setValue(m == null ? 72 : m.windowHours());
        window.setWidth("6rem");
        Checkbox guardrail = new Checkbox("Guardrail", m != null && m.guardrail());
        Checkbox lower = new Checkbox("Lower is better", m != null && m.lowerIsBetter());
        Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        remove.getElement().setAttribute("aria-label", "Remove metric");
        HorizontalLayout row = new HorizontalLayout(k, kind, eventType, denominator, window, guardrail, lower, remove);
        row.setAlignItems(Alignment.BASELINE);
        row.setWrap(true);
        MetricRow mr = new MetricRow(row, k, kind, eventType, denominator, window, guardrail, lower);
        remove.addClickListener(e -> {
            metricRows.remove(mr);
            metrics.remove(row);
        });
        remove.setVisible(existing == null || existing.status() == Experiment.Status.DRAFT);
        fields.put("metrics/" + index + "/key", k);
        fields.put("metrics/" + index + "/kind", kind);
        fields.put("metrics/" + index + "/eventType", eventType);
        fields.put("metrics/" + index + "/denominatorEventType", denominator);
        fields.put("metrics/" + index + "/windowHours", window);
        metricRows.add(mr);
        metrics.add(row);
    }

    private void save() {
        fields.values().forEach(f -> f.setInvalid(false));
        errors.removeAll();
        List<InvalidInputException.FieldError> local = new ArrayList<>();
        List<Experiment.Variant> vs = new ArrayList<>();
        for (int i = 0; i < variantRows.size(); i++) {
            VariantRow r = variantRows.get(i);
            String payload = null;
            if (!r.payload().getValue().isBlank()) {
                try {
                    payload = JSON.createReader(new StringReader(r.payload().getValue()))
                            .readValue()
                            .toString();
                } catch (JsonException e) {
                    local.add(new InvalidInputException.FieldError("variants/" + i + "/payload", "is not JSON"));
                }
            } else if (!r.text().getValue().isBlank()) {
                payload = JSON.createObjectBuilder()
                        .add("text", r.text().getValue().strip())
                        .build()
                        .toString();
            }
            vs.add(new Experiment.Variant(
                    r.key().getValue().strip(),
                    r.weight().getValue() == null ? 0 : r.weight().getValue(),
                    payload));
        }
        List<Metric> ms = new ArrayList<>();
        for (MetricRow r : metricRows) {
            ms.add(new Metric(
                    r.key().getValue().strip(),
                    r.kind().getValue(),
                    r.eventType().getValue(),
                    r.kind().getValue() == Metric.Kind.RATIO
                                    && !r.denominator().getValue().isEmpty()
                            ? r.denominator().getValue()
                            : null,
                    r.window().getValue() == null ? 72 : r.window().getValue(),
                    r.guardrail().getValue(),
                    r.lowerIsBetter().getValue()));
        }
        if (!local.isEmpty()) {
            show(local);
            return;
        }
        List<String> patterns = Arrays.stream(urls.getValue().split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        Experiment.Definition d = new Experiment.Definition(
                key.getValue().strip(),
                name.getValue(),
                hypothesis.getValue(),
                mode.getValue(),
                vs,
                traffic.getValue() == null ? 100 : traffic.getValue(),
                new Experiment.Targeting(
                        patterns,
                        devices.getValue(),
                        new LinkedHashSet<>(Arrays.stream(segmentKeys.getValue().split(","))
                                .map(String::strip)
                                .filter(x -> !x.isEmpty())
                                .toList())),
                layerName.getValue().isBlank()
                        ? null
                        : new Experiment.Layer(
                                layerName.getValue().strip(), layerFrom.getValue() == null ? 0 : layerFrom.getValue()),
                ms,
                autoStop.getValue(),
                instant(startAt),
                instant(stopAt));
        fireEvent(new SaveEvent(this, existing, d));
    }

    /** The service refused the definition: each bad field marked (where the form has it) and listed. */
    void showRefusal(InvalidInputException ex) {
        show(ex.errors());
    }

    private void show(List<InvalidInputException.FieldError> problems) {
        for (InvalidInputException.FieldError f : problems) {
            HasValidation field = fields.get(f.field());
            if (field != null) {
                field.setInvalid(true);
                field.setErrorMessage(f.message());
            }
            errors.add(new Div(f.field() + ": " + f.message()));
        }
    }

    private static Instant instant(DateTimePicker picker) {
        return picker.getValue() == null ? null : picker.getValue().toInstant(ZoneOffset.UTC);
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** A definition to create (no experiment yet) or to save over {@code existing}. */
    static final class SaveEvent extends ComponentEvent<ExperimentForm> {
        private final Experiment existing;
        private final Experiment.Definition definition;

        SaveEvent(ExperimentForm source, Experiment existing, Experiment.Definition definition) {
            super(source, false);
            this.existing = existing;
            this.definition = definition;
        }

        /** The experiment edited, or null for a new one. */
        Experiment existing() {
            return existing;
        }

        Experiment.Definition definition() {
            return definition;
        }
    }

    /** The user cancelled. */
    static final class CloseEvent extends ComponentEvent<ExperimentForm> {
        CloseEvent(ExperimentForm source) {
            super(source, false);
        }
    }
}
