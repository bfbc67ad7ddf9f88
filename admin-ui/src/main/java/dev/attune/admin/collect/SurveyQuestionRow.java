package dev.attune.admin.collect;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One question of the survey form: id, type, text, the options of a choice, branching rules ("0-6 -> q2", "Prices ->
 * q3"), what follows and whether an answer is required. It writes itself as the definition's JSON and reads itself
 * back from it; its remove button takes it out of the form.
 */
class SurveyQuestionRow extends VerticalLayout {
    static final List<String> QUESTION_TYPES =
            List.of("nps", "csat", "rating", "thumbs", "single_choice", "multiple_choice", "text");
    /** "0-6 -> q2", "9-10 -> end", "Prices -> q3" (a choice), one rule per line or separated by ";". */
    private static final Pattern RANGE_RULE =
            Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)?\\s*-\\s*(-?\\d+(?:\\.\\d+)?)?\\s*->\\s*([\\w-]+)\\s*");

    private static final Pattern CHOICE_RULE = Pattern.compile("\\s*(.+?)\\s*->\\s*([\\w-]+)\\s*");

    final TextField id = new TextField("Id");
    final Select<String> type = new Select<>();
    final TextField text = new TextField("Question");
    final TextField options = new TextField("Options (comma-separated)");
    final TextArea rules = new TextArea("Branching");
    final ComboBox<String> next = new ComboBox<>("Then");
    final Checkbox required = new Checkbox("Answer required", true);
    final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> removeFromParent());

    SurveyQuestionRow(String questionId) {
        setPadding(false);
        setSpacing(false);
        addClassNames(LumoUtility.Border.BOTTOM, LumoUtility.BorderColor.CONTRAST_10, LumoUtility.Padding.Bottom.SMALL);
        id.setValue(questionId);
        id.setWidth("7rem");
        type.setLabel("Type");
        type.setItems(QUESTION_TYPES);
        type.setValue("nps");
        type.setWidth("11rem");
        text.setWidthFull();
        text.setMaxLength(300);
        options.setWidthFull();
        rules.setWidthFull();
        rules.setPlaceholder("0-6 -> q2\n9-10 -> end");
        rules.setHelperText(
                "One rule per line: a score range (min-max) or a choice, then -> a later question id or end.");
        next.setAllowCustomValue(true);
        next.setItems("next", "end");
        next.setValue("next");
        next.addCustomValueSetListener(e -> next.setValue(e.getDetail()));
        type.addValueChangeListener(
                e -> options.setVisible(e.getValue() != null && e.getValue().contains("choice")));
        options.setVisible(false);
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.setAriaLabel("Remove question");
        HorizontalLayout top = new HorizontalLayout(id, type, text, remove);
        top.setWidthFull();
        top.setAlignItems(Alignment.BASELINE);
        HorizontalLayout bottom = new HorizontalLayout(rules, next, required);
        bottom.setWidthFull();
        bottom.setAlignItems(Alignment.BASELINE);
        add(top, options, bottom);
    }

    /** The question as the definition writes it; a branching rule it cannot read is added to {@code errors}. */
    JsonObject toJson(List<String> errors) {
        JsonObjectBuilder q = JSON.createObjectBuilder()
                .add("id", id.getValue().strip())
                .add("type", type.getValue())
                .add("text", text.getValue().strip());
        if (!required.getValue()) {
            q.add("required", false);
        }
        if (type.getValue().contains("choice")) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            Arrays.stream(options.getValue().split(","))
                    .map(String::strip)
                    .filter(o -> !o.isEmpty())
                    .distinct()
                    .forEach(list::add);
            q.add("options", list);
        }
        JsonArrayBuilder branches = JSON.createArrayBuilder();
        boolean any = false;
        for (String rule : rules.getValue().split("[;\\n]")) {
            if (rule.isBlank()) {
                continue;
            }
            any = true;
            Matcher range = RANGE_RULE.matcher(rule);
            Matcher choice = CHOICE_RULE.matcher(rule);
            if (!type.getValue().contains("choice") && range.matches()) {
                JsonObjectBuilder b = JSON.createObjectBuilder();
                if (range.group(1) != null) {
                    b.add("min", Double.parseDouble(range.group(1)));
                }
                if (range.group(2) != null) {
                    b.add("max", Double.parseDouble(range.group(2)));
                }
                branches.add(b.add("goto", range.group(3)));
            } else if (type.getValue().contains("choice") && choice.matches()) {
                branches.add(JSON.createObjectBuilder()
                        .add("choice", choice.group(1))
                        .add("goto", choice.group(2)));
            } else {
                errors.add("Question " + id.getValue() + ": cannot read the rule \"" + rule.strip() + "\"");
            }
        }
        if (any) {
            q.add("branches", branches);
        }
        if (next.getValue() != null
                && !next.getValue().equals("next")
                && !next.getValue().isBlank()) {
            q.add("next", next.getValue().strip());
        }
        return q.build();
    }

    /** Shows a question of a stored definition. */
    void fill(JsonObject q) {
        id.setValue(q.getString("id"));
        type.setValue(q.getString("type"));
        text.setValue(q.getString("text"));
        required.setValue(q.getBoolean("required", true));
        if (q.containsKey("options")) {
            options.setValue(String.join(", ", SurveyJson.strings(q.getJsonArray("options"))));
        }
        List<String> lines = new ArrayList<>();
        if (q.get("branches") instanceof JsonArray branches) {
            for (JsonValue v : branches) {
                JsonObject b = v.asJsonObject();
                if (b.containsKey("choice")) {
                    lines.add(b.getString("choice") + " -> " + b.getString("goto"));
                } else {
                    lines.add(SurveyJson.number(b, "min") + "-" + SurveyJson.number(b, "max") + " -> "
                            + b.getString("goto"));
                }
            }
        }
        rules.setValue(String.join("\n", lines));
        next.setValue(q.containsKey("next") ? q.getString("next") : "next");
    }
}
