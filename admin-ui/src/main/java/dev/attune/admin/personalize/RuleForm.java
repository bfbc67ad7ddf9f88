package dev.attune.admin.personalize;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.ConditionBuilder;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.JsonText;
import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.Survey;
import dev.attune.feedback.api.WebhookService;
import dev.attune.personalization.api.Rule;
import dev.attune.personalization.api.RuleService;
import dev.attune.personalization.api.Segment;
import dev.attune.platform.api.InvalidInputException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rule editor, in its dialog: key, name, priority and description; the condition (built with the
 * {@link ConditionBuilder}, a segment chip, or written as JSON); which events it is evaluated on; the action (a message,
 * a recommendation slot, a survey, a webhook) and a cap per person. "Dry run" and "Create"/"Save" are reported as a
 * {@link DryRunEvent} and a {@link SaveEvent} with the definition written from the form; a condition that is not JSON is
 * refused here. The view answers with {@link #showDryRun} or a refusal ({@link #showRefusal}).
 */
class RuleForm extends Dialog {
    static final List<String> TYPES = List.of("message", "slot", "survey", "webhook");

    private final Rule existing;
    private final List<String> triggers = new ArrayList<>();
    final TextField key = new TextField("Key");
    final TextField name = new TextField("Name");
    final IntegerField priority = new IntegerField("Priority");
    final TextField description = new TextField("Description");
    final TextArea when = new TextArea("When (condition, JSON)");
    final MultiSelectComboBox<String> on = new MultiSelectComboBox<>("Evaluate on");
    final Select<String> type = new Select<>();
    final TextField msgTitle = new TextField("Title");
    final TextArea template = new TextArea("Message template");
    final TextField linkUrl = new TextField("Link URL (optional)");
    final TextField linkLabel = new TextField("Link label");
    final TextField slot = new TextField("Slot");
    final Select<String> strategy = new Select<>();
    final TextField slotTitle = new TextField("Slot title (template)");
    final ComboBox<Survey> survey = new ComboBox<>("Survey");
    final ComboBox<WebhookService.Webhook> webhook = new ComboBox<>("Webhook");
    final IntegerField capTimes = new IntegerField("At most (times per person)");
    final IntegerField capHours = new IntegerField("within (hours)");
    final Div errors = new Div();
    final Div result = new Div();
    final Grid<RuleService.Sample> sample = new Grid<>(RuleService.Sample.class, false);
    final Button dryRun = new Button("Dry run", VaadinIcon.EYE.create());
    final Button save = new Button();
    final Button cancel = new Button("Cancel");

    /**
     * @param siteName     the site a new rule is for (in the title)
     * @param existing     the rule to edit, or null for a new one
     * @param siteSegments the site's segments, offered as conditions
     * @param siteSurveys  the site's surveys, for a survey action
     * @param hooks        the site's active webhooks, for a webhook action
     */
    RuleForm(
            String siteName,
            Rule existing,
            List<Segment> siteSegments,
            List<Survey> siteSurveys,
            List<WebhookService.Webhook> hooks) {
        this.existing = existing;
        JsonObject d = existing == null ? null : RuleDefinitions.definition(existing);
        JsonObject a = d == null ? JsonValue.EMPTY_JSON_OBJECT : d.getJsonObject("action");
        setHeaderTitle(existing == null ? "New rule for " + siteName : "Edit rule " + existing.key());
        setWidth("min(56rem, 96vw)");
        key.setId("rule-key");
        key.setPlaceholder("apologise-to-detractors");
        key.setEnabled(existing == null);
        name.setId("rule-name");
        name.setWidthFull();
        priority.setId("rule-priority");
        priority.setHelperText("higher wins");
        priority.setStepButtonsVisible(true);
        priority.setWidth("9rem");
        description.setWidthFull();

        when.setId("rule-when");
        when.setWidthFull();
        when.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        when.setValue(
                d == null
                        ? (siteSegments.isEmpty()
                                ? "{\"field\": \"npsClass\", \"op\": \"=\", \"value\": \"detractor\"}"
                                : "{\"segment\": \"" + siteSegments.get(0).key() + "\"}")
                        : JsonText.pretty(d.get("when")));
        HorizontalLayout segmentChips = new HorizontalLayout();
        segmentChips.addClassNames(LumoUtility.FlexWrap.WRAP);
        segmentChips.add(new Span("Segments:"));
        for (Segment s : siteSegments) {
            Button chip = new Button(s.key(), e -> when.setValue("{\"segment\": \"" + s.key() + "\"}"));
            chip.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
            segmentChips.add(chip);
        }
        if (siteSegments.isEmpty()) {
            segmentChips.add(new Span(
                    "none yet (conditions can use profile fields, interests and recent events as in segments)"));
        }
        segmentChips.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);

        triggers.add("visit");
        for (EventType t : EventType.values()) {
            triggers.add(t.wireName());
        }
        on.setItems(triggers);
        on.setPlaceholder("every event and visit");
        on.setWidth("22rem");
        on.setId("rule-on");
        if (d != null && d.containsKey("on")) {
            Set<String> chosen = new LinkedHashSet<>();
            d.getJsonArray("on").getValuesAs(JsonString.class).forEach(s -> chosen.add(s.getString()));
            on.setValue(chosen);
        }

        type.setLabel("Action");
        type.setId("rule-action");
        type.setItems(TYPES);
        type.setItemLabelGenerator(t -> switch (t) {
            case "message" -> "Show a message";
            case "slot" -> "Fill a recommendation slot";
            case "survey" -> "Trigger a survey";
            default -> "Call a webhook";
        });
        msgTitle.setId("rule-message-title");
        msgTitle.setWidthFull();
        template.setId("rule-template");
        template.setWidthFull();
        template.setHelperText(
                "Placeholders {{name}} or {{name|fallback}}: " + String.join(", ", RuleService.PLACEHOLDERS));
        slot.setPlaceholder("home");
        strategy.setLabel("Strategy");
        strategy.setItems(RuleService.SLOT_STRATEGIES);
        slotTitle.setWidthFull();
        survey.setItems(siteSurveys);
        survey.setItemLabelGenerator(s -> s.name() + " (" + s.status().name().toLowerCase(Locale.ROOT) + ")");
        survey.setWidth("24rem");
        webhook.setItems(hooks);
        webhook.setItemLabelGenerator(WebhookService.Webhook::url);
        webhook.setWidth("24rem");
        VerticalLayout messageFields = new VerticalLayout(msgTitle, template, new HorizontalLayout(linkUrl, linkLabel));
        HorizontalLayout slotRow = new HorizontalLayout(slot, strategy);
        VerticalLayout slotFields = new VerticalLayout(slotRow, slotTitle);
        for (VerticalLayout l : List.of(messageFields, slotFields)) {
            l.setPadding(false);
            l.setSpacing(false);
        }
        Runnable showFields = () -> {
            String t = type.getValue();
            messageFields.setVisible("message".equals(t));
            slotFields.setVisible("slot".equals(t));
            survey.setVisible("survey".equals(t));
            webhook.setVisible("webhook".equals(t));
        };
        type.addValueChangeListener(e -> showFields.run());

        capTimes.setHelperText("0 = no cap");
        capTimes.setMin(0);
        capHours.setHelperText("0 = ever");
        capHours.setMin(0);

        if (existing != null) {
            name.setValue(existing.name());
            key.setValue(existing.key());
            priority.setValue(existing.priority());
            description.setValue(existing.description() == null ? "" : existing.description());
        } else {
            priority.setValue(0);
        }
        type.setValue(a.getString("type", "message"));
        msgTitle.setValue(a.getString("title", ""));
        template.setValue(a.getString("template", "Sorry we let you down, {{subject}}. Tell us what went wrong?"));
        if (a.containsKey("link")) {
            linkUrl.setValue(a.getJsonObject("link").getString("url", ""));
            linkLabel.setValue(a.getJsonObject("link").getString("label", ""));
        }
        slot.setValue(a.getString("slot", ""));
        strategy.setValue(a.getString("strategy", RuleService.SLOT_STRATEGIES.get(0)));
        slotTitle.setValue("slot".equals(a.getString("type", "")) ? a.getString("title", "") : "");
        JsonObject cap = d != null && d.containsKey("cap") ? d.getJsonObject("cap") : null;
        capTimes.setValue(cap == null ? ("slot".equals(type.getValue()) ? 0 : 1) : cap.getInt("times", 1));
        capHours.setValue(cap == null ? 24 : cap.getInt("perHours", 0));
        showFields.run();

        errors.setId("rule-errors");
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        result.setId("rule-dry-run");
        result.addClassNames(LumoUtility.FontSize.SMALL);
        sample.setId("rule-dry-run-sample");
        sample.addColumn(RuleService.Sample::subject)
                .setHeader("Subject")
                .setAutoWidth(true)
                .setFlexGrow(0);
        sample.addColumn(RuleService.Sample::outcome).setHeader("Would get").setFlexGrow(1);
        Grids.sortable(sample);
        sample.setAllRowsVisible(true);
        sample.setVisible(false);

        dryRun.addClickListener(e -> definition().ifPresent(def -> fireEvent(new DryRunEvent(this, existing, def))));
        dryRun.setId("rule-dry-run-button");
        save.setText(existing == null ? "Create" : "Save");
        save.addClickListener(e -> definition()
                .ifPresent(def -> fireEvent(new SaveEvent(
                        this,
                        existing,
                        key.getValue().strip(),
                        name.getValue(),
                        description.getValue(),
                        priority.getValue() == null ? 0 : priority.getValue(),
                        def))));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("rule-save");
        HorizontalLayout head = new HorizontalLayout(key, name, priority);
        head.setWidthFull();
        HorizontalLayout actionRow = new HorizontalLayout(type, on);
        HorizontalLayout capRow = new HorizontalLayout(capTimes, capHours);
        ConditionBuilder builder = new ConditionBuilder(
                when, siteSegments.stream().map(Segment::key).toList());
        VerticalLayout form = new VerticalLayout(
                head,
                description,
                builder,
                when,
                segmentChips,
                actionRow,
                messageFields,
                slotFields,
                survey,
                webhook,
                capRow,
                new HorizontalLayout(dryRun, result),
                sample,
                errors);
        form.setPadding(false);
        add(form);
        cancel.addClickListener(e -> fireEvent(new CloseEvent(this)));
        getFooter().add(cancel, save);
    }

    /** The definition the form writes, or empty (with the reason under the form) when the condition is not JSON. */
    Optional<String> definition() {
        errors.removeAll();
        try {
            return Optional.of(build());
        } catch (InvalidInputException ex) {
            showRefusal(ex);
            return Optional.empty();
        }
    }

    private String build() {
        JsonObjectBuilder def = JSON.createObjectBuilder();
        try {
            def.add("when", JSON.createReader(new StringReader(when.getValue())).readValue());
        } catch (RuntimeException ex) {
            throw InvalidInputException.of("definition/when", "is not JSON: " + ex.getMessage());
        }
        if (!on.getValue().isEmpty()) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            triggers.stream().filter(on.getValue()::contains).forEach(list::add);
            def.add("on", list);
        }
        JsonObjectBuilder action =
                JSON.createObjectBuilder().add("type", type.getValue() == null ? "" : type.getValue());
        switch (type.getValue() == null ? "" : type.getValue()) {
            case "message" -> {
                if (!msgTitle.getValue().isBlank()) {
                    action.add("title", msgTitle.getValue());
                }
                action.add("template", template.getValue());
                if (!linkUrl.getValue().isBlank()) {
                    action.add(
                            "link",
                            JSON.createObjectBuilder()
                                    .add("url", linkUrl.getValue().strip())
                                    .add("label", linkLabel.getValue().isBlank() ? "Open" : linkLabel.getValue()));
                }
            }
            case "slot" -> {
                action.add("slot", slot.getValue().strip())
                        .add("strategy", strategy.getValue() == null ? "" : strategy.getValue());
                if (!slotTitle.getValue().isBlank()) {
                    action.add("title", slotTitle.getValue());
                }
            }
            case "survey" ->
                action.add(
                        "survey",
                        survey.getValue() == null ? "" : survey.getValue().id().toString());
            case "webhook" ->
                action.add(
                        "webhook",
                        webhook.getValue() == null
                                ? ""
                                : webhook.getValue().id().toString());
            default -> {}
        }
        def.add("action", action);
        def.add(
                "cap",
                JSON.createObjectBuilder()
                        .add("times", capTimes.getValue() == null ? 0 : capTimes.getValue())
                        .add("perHours", capHours.getValue() == null ? 0 : capHours.getValue()));
        return def.build().toString();
    }

    /** Selects the survey a stored action names (it may be one the site no longer lists). */
    void selectSurvey(Survey s) {
        survey.setValue(s);
    }

    /** Selects the webhook a stored action names (it may be inactive by now). */
    void selectWebhook(WebhookService.Webhook w) {
        webhook.setValue(w);
    }

    /** What a dry run found: how many profiles match now, how many the cap holds back, and a sample. */
    void showDryRun(RuleService.DryRun run) {
        errors.removeAll();
        result.setText(run.matching() + " of " + run.profiles() + " profiles match now"
                + (run.capped() > 0 ? "; the cap holds back " + run.capped() : "")
                + (run.matching() == 0 ? "." : ". For example:"));
        sample.setItems(run.sample());
        sample.setVisible(!run.sample().isEmpty());
    }

    /** The service (or the form) refused the rule: each bad field on a line. */
    void showRefusal(InvalidInputException ex) {
        errors.removeAll();
        ex.errors().forEach(f -> errors.add(new Div(f.field() + ": " + f.message())));
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addDryRunListener(ComponentEventListener<DryRunEvent> listener) {
        return addListener(DryRunEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** A rule to create ({@code existing} null) or to save over {@code existing}, with its definition JSON. */
    static final class SaveEvent extends ComponentEvent<RuleForm> {
        private final Rule existing;
        private final String key;
        private final String name;
        private final String description;
        private final int priority;
        private final String definition;

        SaveEvent(
                RuleForm source,
                Rule existing,
                String key,
                String name,
                String description,
                int priority,
                String definition) {
            super(source, false);
            this.existing = existing;
            this.key = key;
            this.name = name;
            this.description = description;
            this.priority = priority;
            this.definition = definition;
        }

        Rule existing() {
            return existing;
        }

        String key() {
            return key;
        }

        String name() {
            return name;
        }

        String description() {
            return description;
        }

        int priority() {
            return priority;
        }

        String definition() {
            return definition;
        }
    }

    /** Who the definition would reach now, asked for the rule edited ({@code existing} null for a new one). */
    static final class DryRunEvent extends ComponentEvent<RuleForm> {
        private final Rule existing;
        private final String definition;

        DryRunEvent(RuleForm source, Rule existing, String definition) {
            super(source, false);
            this.existing = existing;
            this.definition = definition;
        }

        Rule existing() {
            return existing;
        }

        String definition() {
            return definition;
        }
    }

    /** The user cancelled. */
    static final class CloseEvent extends ComponentEvent<RuleForm> {
        CloseEvent(RuleForm source) {
            super(source, false);
        }
    }
}
