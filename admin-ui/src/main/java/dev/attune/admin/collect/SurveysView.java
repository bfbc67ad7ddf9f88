package dev.attune.admin.collect;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
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
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Grids;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.api.Survey;
import dev.attune.feedback.api.SurveyService;
import dev.attune.feedback.api.SurveyStatus;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In-app surveys of a site: a form builder (questions, simple branching, targeting, trigger, frequency) with the
 * definition as JSON beside it, lifecycle (draft, active, paused), showings and completion, the site's cooldown.
 * Saving reaches open widgets within a second.
 */
@Route(value = "surveys", layout = MainLayout.class)
@PageTitle("Surveys · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST})
public class SurveysView extends VerticalLayout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    static final List<String> QUESTION_TYPES = List.of("nps", "csat", "rating", "thumbs", "single_choice", "multiple_choice", "text");
    static final List<String> TRIGGERS = List.of("time_on_page", "page_views", "scroll_depth", "exit_intent", "event", "click");
    /** "0-6 -> q2", "9-10 -> end", "Prices -> q3" (a choice), one rule per line or separated by ";". */
    private static final Pattern RANGE_RULE = Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)?\\s*-\\s*(-?\\d+(?:\\.\\d+)?)?\\s*->\\s*([\\w-]+)\\s*");
    private static final Pattern CHOICE_RULE = Pattern.compile("\\s*(.+?)\\s*->\\s*([\\w-]+)\\s*");

    private final SurveyService surveys;
    private final boolean admin = CurrentUser.hasRole(Roles.ADMIN);
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final Grid<Survey> grid = new Grid<>(Survey.class, false);
    private final TextField filter = Grids.filterField(grid, "surveys-filter", "Filter by name");
    private final IntegerField cooldown = new IntegerField("Cooldown (hours)");

    @Inject
    public SurveysView(SiteService sites, SurveyService surveys) {
        this.surveys = surveys;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setId("surveys-site");
        site.setWidth("20rem");
        site.addValueChangeListener(e -> refresh());
        Button add = new Button("New survey", VaadinIcon.PLUS.create(), e -> openEditor(null));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("survey-new");
        add.setVisible(admin);
        cooldown.setMin(0);
        cooldown.setMax(8760);
        cooldown.setStepButtonsVisible(true);
        cooldown.setId("survey-cooldown");
        cooldown.setReadOnly(!admin);
        cooldown.setHelperText("After any survey, a visitor sees no other for this long.");
        cooldown.setWidth("12rem");
        Button saveCooldown = new Button("Save", e -> {
            try {
                surveys.setCooldownHours(site.getValue().id(), cooldown.getValue() == null ? -1 : cooldown.getValue());
                ok("Cooldown saved");
            } catch (InvalidInputException ex) {
                cooldown.setInvalid(true);
                cooldown.setErrorMessage(ex.errors().get(0).message());
            }
        });
        saveCooldown.setVisible(admin);
        HorizontalLayout bar = new HorizontalLayout(site, add, cooldown, saveCooldown, filter);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);

        grid.setId("surveys-grid");
        grid.setSizeFull();
        grid.addColumn(Survey::name).setHeader("Name").setWidth("10rem").setFlexGrow(2).setSortable(true);
        grid.addComponentColumn(s -> badge(s.status())).setHeader("Status").setWidth("6.5rem").setFlexGrow(0)
                .setComparator(Survey::status);
        grid.addColumn(s -> trigger(definition(s))).setHeader("Trigger").setWidth("9rem").setFlexGrow(1);
        grid.addColumn(s -> targeting(definition(s))).setHeader("Shown to").setWidth("8rem").setFlexGrow(1);
        grid.addColumn(Survey::displays).setHeader("Shown").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(s -> s.displays() == 0 ? "" : s.answered() + " (" + Math.round(100.0 * s.answered() / s.displays()) + " %)")
                .setHeader("Answered").setAutoWidth(true).setFlexGrow(0).setComparator(Survey::answered);
        grid.addColumn(s -> "v" + s.version() + ", " + TIME.format(s.updatedAt())).setHeader("Version").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(s -> "Saved " + s.updatedAt() + " (UTC)").setComparator(Survey::version);
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        Grids.sortable(grid);
        grid.setEmptyStateText("No surveys for this site yet.");
        Paragraph help = new Paragraph("The widget asks the server which surveys a visitor may see on a page (targeting, share, caps, "
                + "cooldown), arms their triggers in the browser and shows one when it fires. Answers arrive as nps, csat, rating, "
                + "thumbs, text or survey_answer events with properties.surveyId.");
        help.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        add(new H2("Surveys"), help, bar, grid);
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private void refresh() {
        if (site.getValue() == null) {
            grid.setItems(List.of());
            return;
        }
        grid.setItems(surveys.list(site.getValue().id())).setFilter(Grids.matching(filter, Survey::name));
        cooldown.setValue(surveys.cooldownHours(site.getValue().id()));
        cooldown.setInvalid(false);
    }

    private HorizontalLayout actions(Survey s) {
        HorizontalLayout row = new HorizontalLayout();
        Button edit = new Button(admin ? "Edit" : "View", e -> openEditor(s));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
        row.add(edit);
        if (admin) {
            boolean active = s.status() == SurveyStatus.ACTIVE;
            Button toggle = new Button(active ? "Pause" : "Activate", e -> {
                surveys.setStatus(s.id(), active ? SurveyStatus.PAUSED : SurveyStatus.ACTIVE);
                ok(s.name() + (active ? " paused" : " is live"));
                refresh();
            });
            toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, active ? ButtonVariant.LUMO_CONTRAST : ButtonVariant.LUMO_SUCCESS);
            toggle.setId("survey-toggle-" + s.name().replaceAll("\\W+", "-").toLowerCase(Locale.ROOT));
            Button delete = new Button(VaadinIcon.TRASH.create(), e -> confirmDelete(s));
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            delete.setAriaLabel("Delete " + s.name());
            row.add(toggle, delete);
        }
        return row;
    }

    private void confirmDelete(Survey s) {
        Dialog d = new Dialog();
        d.setHeaderTitle("Delete " + s.name() + "?");
        d.add(new Paragraph("Its showings are deleted with it; answers already stored as events stay."));
        Button delete = new Button("Delete", e -> {
            surveys.delete(s.id());
            d.close();
            refresh();
        });
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        d.getFooter().add(new Button("Cancel", e -> d.close()), delete);
        d.open();
    }

    // --- the editor: a form that writes the definition, and the definition itself as JSON ---

    /** One question's row in the form. */
    private final class QuestionRow extends VerticalLayout {
        final TextField id = new TextField("Id");
        final Select<String> type = new Select<>();
        final TextField text = new TextField("Question");
        final TextField options = new TextField("Options (comma-separated)");
        final TextArea rules = new TextArea("Branching");
        final ComboBox<String> next = new ComboBox<>("Then");
        final Checkbox required = new Checkbox("Answer required", true);

        QuestionRow(String questionId) {
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
            rules.setHelperText("One rule per line: a score range (min-max) or a choice, then -> a later question id or end.");
            next.setAllowCustomValue(true);
            next.setItems("next", "end");
            next.setValue("next");
            next.addCustomValueSetListener(e -> next.setValue(e.getDetail()));
            type.addValueChangeListener(e -> options.setVisible(e.getValue() != null && e.getValue().contains("choice")));
            options.setVisible(false);
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> questions.remove(this));
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

        JsonObject toJson(List<String> errors) {
            JsonObjectBuilder q = JSON.createObjectBuilder().add("id", id.getValue().strip()).add("type", type.getValue())
                    .add("text", text.getValue().strip());
            if (!required.getValue()) {
                q.add("required", false);
            }
            if (type.getValue().contains("choice")) {
                JsonArrayBuilder list = JSON.createArrayBuilder();
                Arrays.stream(options.getValue().split(",")).map(String::strip).filter(o -> !o.isEmpty()).distinct().forEach(list::add);
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
                    branches.add(JSON.createObjectBuilder().add("choice", choice.group(1)).add("goto", choice.group(2)));
                } else {
                    errors.add("Question " + id.getValue() + ": cannot read the rule \"" + rule.strip() + "\"");
                }
            }
            if (any) {
                q.add("branches", branches);
            }
            if (next.getValue() != null && !next.getValue().equals("next") && !next.getValue().isBlank()) {
                q.add("next", next.getValue().strip());
            }
            return q.build();
        }

        void fill(JsonObject q) {
            id.setValue(q.getString("id"));
            type.setValue(q.getString("type"));
            text.setValue(q.getString("text"));
            required.setValue(q.getBoolean("required", true));
            if (q.containsKey("options")) {
                options.setValue(String.join(", ", strings(q.getJsonArray("options"))));
            }
            List<String> lines = new ArrayList<>();
            if (q.get("branches") instanceof JsonArray branches) {
                for (JsonValue v : branches) {
                    JsonObject b = v.asJsonObject();
                    if (b.containsKey("choice")) {
                        lines.add(b.getString("choice") + " -> " + b.getString("goto"));
                    } else {
                        lines.add(number(b, "min") + "-" + number(b, "max") + " -> " + b.getString("goto"));
                    }
                }
            }
            rules.setValue(String.join("\n", lines));
            next.setValue(q.containsKey("next") ? q.getString("next") : "next");
        }
    }

    private VerticalLayout questions;

    private void openEditor(Survey existing) {
        if (site.getValue() == null) {
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New survey for " + site.getValue().name() : existing.name());
        dialog.setWidth("min(64rem, 96vw)");
        TextField name = new TextField("Name");
        name.setWidthFull();
        name.setId("survey-name");
        questions = new VerticalLayout();
        questions.setPadding(false);
        Button addQuestion = new Button("Add question", VaadinIcon.PLUS.create(), e -> questions.add(new QuestionRow("q" + (questions.getComponentCount() + 1))));
        addQuestion.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        Select<String> trigger = new Select<>();
        trigger.setLabel("Show when");
        trigger.setItems(TRIGGERS);
        trigger.setItemLabelGenerator(SurveysView::triggerLabel);
        trigger.setValue("time_on_page");
        IntegerField amount = new IntegerField("Seconds / page views / percent");
        amount.setValue(10);
        amount.setMin(0);
        TextField triggerText = new TextField("Event name or CSS selector");
        triggerText.setVisible(false);
        trigger.addValueChangeListener(e -> {
            String t = e.getValue();
            amount.setVisible(Set.of("time_on_page", "page_views", "scroll_depth").contains(t));
            amount.setLabel(switch (t == null ? "" : t) {
                case "page_views" -> "Page views in the session";
                case "scroll_depth" -> "Scrolled at least (%)";
                default -> "Seconds on the page";
            });
            triggerText.setVisible(Set.of("event", "click").contains(t));
            triggerText.setLabel("event".equals(t) ? "Event name (attune.track type or custom name)" : "CSS selector clicked");
        });
        TextField url = new TextField("URL pattern");
        url.setPlaceholder("/checkout/*   or   *://shop.example.com/*");
        url.setHelperText("* matches anything; a pattern starting with / matches the path. Empty: every page.");
        CheckboxGroup<String> devices = new CheckboxGroup<>("Devices");
        devices.setItems("desktop", "mobile", "tablet");
        devices.setValue(Set.of("desktop", "mobile", "tablet"));
        TextField segment = new TextField("Segment");
        segment.setHelperText("Only visitors in this segment (needs the profiles module); empty: everyone.");
        IntegerField share = new IntegerField("Share of visitors (%)");
        share.setMin(1);
        share.setMax(100);
        share.setValue(100);
        IntegerField maxDisplays = new IntegerField("Show at most (times per visitor)");
        maxDisplays.setMin(1);
        maxDisplays.setValue(1);
        IntegerField daysBetween = new IntegerField("Days between showings");
        daysBetween.setMin(0);
        daysBetween.setValue(0);
        TextField thanks = new TextField("Thank-you text");
        thanks.setWidthFull();

        TextArea json = new TextArea("Definition (JSON)");
        json.setWidthFull();
        json.setMinHeight("24rem");
        json.setId("survey-json");
        json.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        Div errors = new Div();
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        errors.setId("survey-errors");

        if (existing != null) {
            name.setValue(existing.name());
            JsonObject d = definition(existing);
            for (JsonValue q : d.getJsonArray("questions")) {
                QuestionRow row = new QuestionRow("");
                row.fill(q.asJsonObject());
                questions.add(row);
            }
            JsonObject t = d.getJsonObject("trigger");
            trigger.setValue(t.getString("type"));
            if (t.containsKey("seconds") || t.containsKey("count") || t.containsKey("percent")) {
                amount.setValue(t.getInt(t.containsKey("seconds") ? "seconds" : t.containsKey("count") ? "count" : "percent"));
            }
            if (t.containsKey("name") || t.containsKey("selector")) {
                triggerText.setValue(t.getString(t.containsKey("name") ? "name" : "selector"));
            }
            JsonObject g = d.containsKey("targeting") ? d.getJsonObject("targeting") : JsonValue.EMPTY_JSON_OBJECT;
            url.setValue(g.getString("urlPattern", ""));
            if (g.containsKey("devices")) {
                devices.setValue(new LinkedHashSet<>(strings(g.getJsonArray("devices"))));
            }
            segment.setValue(g.getString("segment", ""));
            share.setValue(g.getInt("sharePercent", 100));
            JsonObject f = d.containsKey("frequency") ? d.getJsonObject("frequency") : JsonValue.EMPTY_JSON_OBJECT;
            maxDisplays.setValue(f.getInt("maxDisplays", 1));
            daysBetween.setValue(f.getInt("daysBetween", 0));
            thanks.setValue(d.getString("thankYou", ""));
            json.setValue(pretty(d));
        } else {
            QuestionRow first = new QuestionRow("q1");
            first.text.setValue("How likely are you to recommend us to a friend or colleague?");
            questions.add(first);
        }

        // the form writes the definition; the JSON tab shows it and can be edited directly
        java.util.function.Function<List<String>, JsonObject> fromForm = problems -> {
            JsonArrayBuilder qs = JSON.createArrayBuilder();
            questions.getChildren().map(QuestionRow.class::cast).forEach(r -> qs.add(r.toJson(problems)));
            JsonObjectBuilder t = JSON.createObjectBuilder().add("type", trigger.getValue());
            switch (trigger.getValue()) {
                case "time_on_page" -> t.add("seconds", amount.getValue() == null ? 0 : amount.getValue());
                case "page_views" -> t.add("count", amount.getValue() == null ? 1 : amount.getValue());
                case "scroll_depth" -> t.add("percent", amount.getValue() == null ? 50 : amount.getValue());
                case "event" -> t.add("name", triggerText.getValue().strip());
                case "click" -> t.add("selector", triggerText.getValue().strip());
                default -> { }
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
            JsonObjectBuilder d = JSON.createObjectBuilder().add("questions", qs).add("targeting", g).add("trigger", t)
                    .add("frequency", JSON.createObjectBuilder().add("maxDisplays", maxDisplays.getValue() == null ? 1 : maxDisplays.getValue())
                            .add("daysBetween", daysBetween.getValue() == null ? 0 : daysBetween.getValue()));
            if (!thanks.getValue().isBlank()) {
                d.add("thankYou", thanks.getValue().strip());
            }
            return d.build();
        };

        VerticalLayout form = new VerticalLayout(name, new H4("Questions"), questions, addQuestion, new H4("When and to whom"),
                row(trigger, amount, triggerText), row(url, segment), row(devices, share), new H4("How often"),
                row(maxDisplays, daysBetween), thanks);
        form.setPadding(false);
        TabSheet tabs = new TabSheet();
        tabs.setWidthFull();
        tabs.add("Form", form);
        tabs.add("JSON", new VerticalLayout(new Paragraph("The definition as stored (see docs/widget.md for every field). "
                + "Saving from this tab saves it as written."), json));
        tabs.addSelectedChangeListener(e -> {
            if (tabs.getSelectedIndex() == 1) {
                List<String> problems = new ArrayList<>();
                json.setValue(pretty(fromForm.apply(problems)));
                errors.setText(String.join("; ", problems));
            }
        });

        Button save = new Button("Save", e -> {
            List<String> problems = new ArrayList<>();
            String definition = tabs.getSelectedIndex() == 1 ? json.getValue() : fromForm.apply(problems).toString();
            if (!problems.isEmpty()) {
                errors.setText(String.join("; ", problems));
                return;
            }
            try {
                Survey saved = surveys.save(site.getValue().id(), existing == null ? null : existing.id(), name.getValue(), definition);
                dialog.close();
                ok(saved.name() + " saved (v" + saved.version() + ")" + (saved.status() == SurveyStatus.ACTIVE ? ", live in open widgets" : ""));
                refresh();
            } catch (InvalidInputException ex) {
                errors.removeAll();
                ex.errors().forEach(f -> errors.add(new Div(f.field() + ": " + f.message())));
                name.setInvalid(ex.errors().stream().anyMatch(f -> f.field().equals("name")));
            } catch (RuntimeException ex) {
                errors.setText("Not saved: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("survey-save");
        save.setVisible(admin);
        dialog.add(tabs, errors);
        dialog.getFooter().add(new Button(admin ? "Cancel" : "Close", e -> dialog.close()), save);
        dialog.open();
    }

    private static HorizontalLayout row(com.vaadin.flow.component.Component... parts) {
        HorizontalLayout row = new HorizontalLayout(parts);
        row.setWidthFull();
        row.setWrap(true);
        row.setAlignItems(Alignment.BASELINE);
        return row;
    }

    private static Span badge(SurveyStatus status) {
        Span badge = new Span(status.wireName());
        badge.getElement().getThemeList().add("badge pill" + switch (status) {
            case ACTIVE -> " success";
            case PAUSED -> " contrast";
            case DRAFT -> "";
        });
        return badge;
    }

    static JsonObject definition(Survey s) {
        return JSON.createReader(new StringReader(s.definitionJson())).readObject();
    }

    static String triggerLabel(String type) {
        return switch (type) {
            case "time_on_page" -> "Time on page";
            case "page_views" -> "Page views";
            case "scroll_depth" -> "Scroll depth";
            case "exit_intent" -> "Exit intent";
            case "event" -> "Custom event";
            case "click" -> "Click on an element";
            default -> type;
        };
    }

    static String trigger(JsonObject d) {
        JsonObject t = d.getJsonObject("trigger");
        return switch (t.getString("type")) {
            case "time_on_page" -> t.getInt("seconds") + " s on page";
            case "page_views" -> "at page view " + t.getInt("count");
            case "scroll_depth" -> "scrolled " + t.getInt("percent") + " %";
            case "exit_intent" -> "exit intent";
            case "event" -> "on event " + t.getString("name");
            case "click" -> "click on " + t.getString("selector");
            default -> t.getString("type");
        };
    }

    static String targeting(JsonObject d) {
        JsonObject g = d.containsKey("targeting") ? d.getJsonObject("targeting") : JsonValue.EMPTY_JSON_OBJECT;
        List<String> parts = new ArrayList<>();
        parts.add(g.containsKey("urlPattern") ? g.getString("urlPattern") : "every page");
        if (g.containsKey("devices")) {
            parts.add(String.join("/", strings(g.getJsonArray("devices"))));
        }
        if (g.containsKey("segment")) {
            parts.add("segment " + g.getString("segment"));
        }
        if (g.containsKey("sharePercent")) {
            parts.add(g.getInt("sharePercent") + " %");
        }
        return String.join(" · ", parts);
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static String number(JsonObject o, String field) {
        if (!o.containsKey(field)) {
            return "";
        }
        double v = o.getJsonNumber(field).doubleValue();
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String pretty(JsonObject json) {
        java.io.StringWriter out = new java.io.StringWriter();
        jakarta.json.JsonWriterFactory writers = JSON.createWriterFactory(java.util.Map.of(jakarta.json.stream.JsonGenerator.PRETTY_PRINTING, true));
        try (jakarta.json.JsonWriter w = writers.createWriter(out)) {
            w.write(json);
        }
        return out.toString().strip();
    }

    private static void ok(String message) {
        Notification.show(message, 3000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
