package dev.attune.admin.collect;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.feedback.api.Survey;
import dev.attune.platform.api.InvalidInputException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The survey editor, in its dialog: a form (questions with branching, trigger, targeting, frequency, thank-you text)
 * that writes the definition, and a JSON tab that shows the definition and saves it as written. "Save" is reported as
 * a {@link SaveEvent} with the name and the definition's JSON once the form reads cleanly; the view saves it and shows a
 * refusal back here ({@link #showRefusal}, {@link #showFailure}). Only admins see "Save"; others read.
 */
class SurveyForm extends Dialog {
    private static final Set<String> AMOUNT_TRIGGERS = Set.of("time_on_page", "page_views", "scroll_depth");
    private static final Set<String> TEXT_TRIGGERS = Set.of("event", "click");

    private final Survey existing;
    final TextField name = new TextField("Name");
    final VerticalLayout questions = new VerticalLayout();
    final Button addQuestion = new Button("Add question", VaadinIcon.PLUS.create());
    final Select<String> trigger = new Select<>();
    final IntegerField amount = new IntegerField("Seconds / page views / percent");
    final TextField triggerText = new TextField("Event name or CSS selector");
    final TextField url = new TextField("URL pattern");
    final CheckboxGroup<String> devices = new CheckboxGroup<>("Devices");
    final TextField segment = new TextField("Segment");
    final IntegerField share = new IntegerField("Share of visitors (%)");
    final IntegerField maxDisplays = new IntegerField("Show at most (times per visitor)");
    final IntegerField daysBetween = new IntegerField("Days between showings");
    final TextField thanks = new TextField("Thank-you text");
    final TextArea json = new TextArea("Definition (JSON)");
    final Div errors = new Div();
    final TabSheet tabs = new TabSheet();
    final Button save = new Button("Save");
    final Button close;

    /**
     * @param siteName the site a new survey is for (in the title)
     * @param existing the survey to edit, or null for a new one
     * @param admin    whether the user may save
     */
    SurveyForm(String siteName, Survey existing, boolean admin) {
        this.existing = existing;
        setHeaderTitle(existing == null ? "New survey for " + siteName : existing.name());
        setWidth("min(64rem, 96vw)");
        name.setWidthFull();
        name.setId("survey-name");
        questions.setPadding(false);
        addQuestion.addClickListener(
                e -> questions.add(new SurveyQuestionRow("q" + (questions.getComponentCount() + 1))));
        addQuestion.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        configureTrigger();
        configureTargeting();
        thanks.setWidthFull();
        json.setWidthFull();
        json.setMinHeight("24rem");
        json.setId("survey-json");
        json.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        errors.setId("survey-errors");

        if (existing != null) {
            fill(SurveyJson.definition(existing));
            name.setValue(existing.name());
        } else {
            SurveyQuestionRow first = new SurveyQuestionRow("q1");
            first.text.setValue("How likely are you to recommend us to a friend or colleague?");
            questions.add(first);
        }

        VerticalLayout form = new VerticalLayout(
                name,
                new H4("Questions"),
                questions,
                addQuestion,
                new H4("When and to whom"),
                row(trigger, amount, triggerText),
                row(url, segment),
                row(devices, share),
                new H4("How often"),
                row(maxDisplays, daysBetween),
                thanks);
        form.setPadding(false);
        tabs.setWidthFull();
        tabs.add("Form", form);
        tabs.add(
                "JSON",
                new VerticalLayout(
                        new Paragraph("The definition as stored (see docs/widget.md for every field). "
                                + "Saving from this tab saves it as written."),
                        json));
        tabs.addSelectedChangeListener(e -> {
            if (tabs.getSelectedIndex() == 1) {
                List<String> problems = new ArrayList<>();
                json.setValue(SurveyJson.pretty(definition(problems)));
                errors.setText(String.join("; ", problems));
            }
        });

        save.addClickListener(e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("survey-save");
        save.setVisible(admin);
        close = new Button(admin ? "Cancel" : "Close", e -> fireEvent(new CloseEvent(this)));
        add(tabs, errors);
        getFooter().add(close, save);
    }

    private void configureTrigger() {
        trigger.setLabel("Show when");
        trigger.setItems(SurveyJson.TRIGGERS);
        trigger.setItemLabelGenerator(SurveyJson::triggerLabel);
        trigger.setValue("time_on_page");
        amount.setValue(10);
        amount.setMin(0);
        triggerText.setVisible(false);
        trigger.addValueChangeListener(e -> {
            String t = e.getValue();
            amount.setVisible(AMOUNT_TRIGGERS.contains(t));
            amount.setLabel(
                    switch (t == null ? "" : t) {
                        case "page_views" -> "Page views in the session";
                        case "scroll_depth" -> "Scrolled at least (%)";
                        default -> "Seconds on the page";
                    });
            triggerText.setVisible(TEXT_TRIGGERS.contains(t));
            triggerText.setLabel(
                    "event".equals(t) ? "Event name (attune.track type or custom name)" : "CSS selector clicked");
        });
    }

    private void configureTargeting() {
        url.setPlaceholder("/checkout/*   or   *://shop.example.com/*");
        url.setHelperText("* matches anything; a pattern starting with / matches the path. Empty: every page.");
        devices.setItems("desktop", "mobile", "tablet");
        devices.setValue(Set.of("desktop", "mobile", "tablet"));
        segment.setHelperText("Only visitors in this segment (needs the profiles module); empty: everyone.");
        share.setMin(1);
        share.setMax(100);
        share.setValue(100);
        maxDisplays.setMin(1);
        maxDisplays.setValue(1);
        daysBetween.setMin(0);
        daysBetween.setValue(0);
    }

    /** Shows a stored definition in the form and the JSON tab. */
    private void fill(JsonObject d) {
        for (JsonValue q : d.getJsonArray("questions")) {
            SurveyQuestionRow row = new SurveyQuestionRow("");
            row.fill(q.asJsonObject());
            questions.add(row);
        }
        JsonObject t = d.getJsonObject("trigger");
        trigger.setValue(t.getString("type"));
        if (t.containsKey("seconds") || t.containsKey("count") || t.containsKey("percent")) {
            amount.setValue(
                    t.getInt(t.containsKey("seconds") ? "seconds" : t.containsKey("count") ? "count" : "percent"));
        }
        if (t.containsKey("name") || t.containsKey("selector")) {
            triggerText.setValue(t.getString(t.containsKey("name") ? "name" : "selector"));
        }
        JsonObject g = d.containsKey("targeting") ? d.getJsonObject("targeting") : JsonValue.EMPTY_JSON_OBJECT;
        url.setValue(g.getString("urlPattern", ""));
        if (g.containsKey("devices")) {
            devices.setValue(new LinkedHashSet<>(SurveyJson.strings(g.getJsonArray("devices"))));
        }
        segment.setValue(g.getString("segment", ""));
        share.setValue(g.getInt("sharePercent", 100));
        JsonObject f = d.containsKey("frequency") ? d.getJsonObject("frequency") : JsonValue.EMPTY_JSON_OBJECT;
        maxDisplays.setValue(f.getInt("maxDisplays", 1));
        daysBetween.setValue(f.getInt("daysBetween", 0));
        thanks.setValue(d.getString("thankYou", ""));
        json.setValue(SurveyJson.pretty(d));
    }

    /** The definition the form describes; what it cannot read is added to {@code problems}. */
    JsonObject definition(List<String> problems) {
        JsonArrayBuilder qs = JSON.createArrayBuilder();
        questions.getChildren().map(SurveyQuestionRow.class::cast).forEach(r -> qs.add(r.toJson(problems)));
        JsonObjectBuilder t = JSON.createObjectBuilder().add("type", trigger.getValue());
        switch (trigger.getValue()) {
            case "time_on_page" -> t.add("seconds", amount.getValue() == null ? 0 : amount.getValue());
            case "page_views" -> t.add("count", amount.getValue() == null ? 1 : amount.getValue());
            case "scroll_depth" -> t.add("percent", amount.getValue() == null ? 50 : amount.getValue());
            case "event" -> t.add("name", triggerText.getValue().strip());
            case "click" -> t.add("selector", triggerText.getValue().strip());
            default -> {}
        }
        JsonObjectBuilder g = JSON.createObjectBuilder();
        if (!url.getValue().isBlank()) {
            g.add("urlPattern", url.getValue().strip());
        }
        if (!devices.getValue().isEmpty() && devices.getValue().size() < 3) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            devices.getValue().stream().sorted().forEach(list::add);
            g.add("devices", list);
        }
        if (!segment.getValue().isBlank()) {
            g.add("segment", segment.getValue().strip());
        }
        if (share.getValue() != null && share.getValue() < 100) {
            g.add("sharePercent", share.getValue());
        }
        JsonObjectBuilder d = JSON.createObjectBuilder()
                .add("questions", qs)
                .add("targeting", g)
                .add("trigger", t)
                .add(
                        "frequency",
                        JSON.createObjectBuilder()
                                .add("maxDisplays", maxDisplays.getValue() == null ? 1 : maxDisplays.getValue())
                                .add("daysBetween", daysBetween.getValue() == null ? 0 : daysBetween.getValue()));
        if (!thanks.getValue().isBlank()) {
            d.add("thankYou", thanks.getValue().strip());
        }
        return d.build();
    }

    /** From the form tab, the definition the form writes (unless a rule cannot be read); from the JSON tab, the JSON as written. */
    private void save() {
        List<String> problems = new ArrayList<>();
        String definition = tabs.getSelectedIndex() == 1
                ? json.getValue()
                : definition(problems).toString();
        if (!problems.isEmpty()) {
            errors.setText(String.join("; ", problems));
            return;
        }
        fireEvent(new SaveEvent(this, existing == null ? null : existing.id(), name.getValue(), definition));
    }

    /** The service refused the survey: each bad field on a line, the name marked if it is one of them. */
    void showRefusal(InvalidInputException ex) {
        errors.removeAll();
        ex.errors().forEach(f -> errors.add(new Div(f.field() + ": " + f.message())));
        name.setInvalid(ex.errors().stream().anyMatch(f -> f.field().equals("name")));
    }

    /** Saving failed for another reason. */
    void showFailure(RuntimeException ex) {
        errors.setText("Not saved: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
    }

    private static HorizontalLayout row(Component... parts) {
        HorizontalLayout row = new HorizontalLayout(parts);
        row.setWidthFull();
        row.setWrap(true);
        row.setAlignItems(Alignment.BASELINE);
        return row;
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** A survey to save: its id (null for a new one), name and definition JSON. */
    static final class SaveEvent extends ComponentEvent<SurveyForm> {
        private final UUID surveyId;
        private final String name;
        private final String definition;

        SaveEvent(SurveyForm source, UUID surveyId, String name, String definition) {
            super(source, false);
            this.surveyId = surveyId;
            this.name = name;
            this.definition = definition;
        }

        UUID surveyId() {
            return surveyId;
        }

        String name() {
            return name;
        }

        String definition() {
            return definition;
        }
    }

    /** The user closed the editor without saving. */
    static final class CloseEvent extends ComponentEvent<SurveyForm> {
        CloseEvent(SurveyForm source) {
            super(source, false);
        }
    }
}
