package dev.attune.admin.personalize;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.charts.EChart;
import dev.attune.admin.components.ConditionBuilder;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.JsonText;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.api.Survey;
import dev.attune.feedback.api.SurveyService;
import dev.attune.feedback.api.WebhookService;
import dev.attune.personalization.api.Rule;
import dev.attune.personalization.api.RuleService;
import dev.attune.personalization.api.Segment;
import dev.attune.personalization.api.SegmentService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Rules of a site: condition on a profile or segment → message, recommendation slot strategy, survey or webhook, with
 * priorities and per-person caps. A form builds the definition (the condition stays JSON, with the site's segments one
 * click away), a dry run shows who would be affected and what each would get before saving, and each rule shows its
 * hits per day and latest firings.
 */
@Route(value = "rules", layout = MainLayout.class)
@PageTitle("Rules · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class RulesView extends VerticalLayout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final List<String> TYPES = List.of("message", "slot", "survey", "webhook");

    private final RuleService rules;
    private final SegmentService segments;
    private final SurveyService surveys;
    private final WebhookService webhooks;
    private final boolean canEdit = CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST);
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final Grid<Rule> grid = new Grid<>(Rule.class, false);
    private final TextField filter = Grids.filterField(grid, "rules-filter", "Filter by key or name");
    private final VerticalLayout detail = new VerticalLayout();

    @Inject
    public RulesView(SiteService sites, RuleService rules, SegmentService segments, SurveyService surveys, WebhookService webhooks) {
        this.rules = rules;
        this.segments = segments;
        this.surveys = surveys;
        this.webhooks = webhooks;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.addValueChangeListener(e -> refresh(null));
        Button add = new Button("New rule", VaadinIcon.PLUS.create(), e -> openEditor(null));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("rule-new");
        add.setVisible(canEdit);
        HorizontalLayout bar = new HorizontalLayout(site, add, filter);
        bar.setAlignItems(Alignment.BASELINE);

        grid.setId("rules-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(Rule::priority).setHeader("Priority").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Rule::key).setHeader("Key").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Rule::name).setHeader("Name").setFlexGrow(1);
        grid.addColumn(r -> actionOf(r)).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(r -> {
            Span badge = new Span(r.active() ? "active" : "paused");
            badge.getElement().getThemeList().add("badge pill" + (r.active() ? " success" : " contrast"));
            return badge;
        }).setHeader("Status").setAutoWidth(true).setFlexGrow(0).setComparator(Rule::active);
        grid.addColumn(Rule::firedToday).setHeader("Fired today").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Rule::fired7d).setHeader("Fired 7 d").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Rule::capped7d).setHeader("Capped 7 d").setAutoWidth(true).setFlexGrow(0);
        Grids.sortable(grid);
        grid.setEmptyStateText("No rules yet: e.g. greet detractors with an apology, send promoters a referral link, or fill the home slot "
                + "with more of a visitor's favourite genre. Create one with \"New rule\".");
        grid.addSelectionListener(e -> show(e.getFirstSelectedItem().orElse(null)));
        detail.setPadding(false);
        detail.setId("rule-detail");
        add(new H2("Rules"), bar, grid, detail);
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private static JsonObject definition(Rule r) {
        return JSON.createReader(new StringReader(r.definitionJson())).readObject();
    }

    private static String actionOf(Rule r) {
        JsonObject a = definition(r).getJsonObject("action");
        String type = a.getString("type", "?");
        return switch (type) {
            case "slot" -> "slot " + a.getString("slot", "") + " → " + a.getString("strategy", "");
            case "message" -> "message";
            default -> type;
        };
    }

    private void refresh(UUID selected) {
        List<Rule> list = site.getValue() == null ? List.of() : rules.list(site.getValue().id());
        grid.setItems(list).setFilter(Grids.matching(filter, Rule::key, Rule::name));
        if (!list.isEmpty()) {
            grid.select(list.stream().filter(r -> r.id().equals(selected)).findFirst().orElse(list.get(0)));
        } else {
            detail.removeAll();
        }
    }

    private void show(Rule r) {
        detail.removeAll();
        if (r == null) {
            return;
        }
        H3 title = new H3(r.name());
        title.setId("rule-title");
        Button edit = new Button("Edit", VaadinIcon.EDIT.create(), e -> openEditor(r));
        edit.setId("rule-edit");
        Button toggle = new Button(r.active() ? "Pause" : "Activate", (r.active() ? VaadinIcon.PAUSE : VaadinIcon.PLAY).create(), e -> {
            rules.update(r.id(), r.name(), r.description(), r.priority(), r.definitionJson(), !r.active());
            refresh(r.id());
        });
        toggle.setId("rule-toggle");
        Button delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete rule " + r.key() + "?", "Its hit counts and firings go with it.", "Delete", ok -> {
                rules.delete(r.id());
                refresh(null);
            });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout head = new HorizontalLayout(title, edit, toggle, delete);
        head.setAlignItems(Alignment.BASELINE);
        edit.setVisible(canEdit);
        toggle.setVisible(canEdit);
        delete.setVisible(canEdit);
        detail.add(head);
        if (r.description() != null) {
            Paragraph d = new Paragraph(r.description());
            d.addClassNames(LumoUtility.TextColor.SECONDARY);
            detail.add(d);
        }
        Pre json = new Pre(JsonText.pretty(definition(r)));
        json.setId("rule-definition");
        json.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Background.CONTRAST_5, LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM);
        json.getStyle().set("white-space", "pre-wrap");
        Paragraph version = new Paragraph("Version " + r.version() + ", changed " + TIME.format(r.updatedAt()) + " UTC");
        version.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        detail.add(json, version, new H4("Hits per day (last 30 days)"));
        EChart chart = new EChart();
        chart.setId("rule-hits");
        chart.setHeight("13rem");
        chart.setOption(hitsChart(rules.hits(r.id(), 30)));
        detail.add(chart, new H4("Latest firings"));
        Grid<RuleService.Firing> firings = new Grid<>(RuleService.Firing.class, false);
        firings.setId("rule-firings");
        firings.setAllRowsVisible(true);
        firings.addColumn(f -> TIME.format(f.at())).setHeader("When (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(RuleService.Firing::at);
        firings.addColumn(RuleService.Firing::subject).setHeader("Subject").setAutoWidth(true).setFlexGrow(0);
        firings.addColumn(RuleService.Firing::action).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
        firings.addColumn(RuleService.Firing::detail).setHeader("What was done").setFlexGrow(1);
        Grids.sortable(firings);
        firings.setItems(rules.firings(r.id(), 20));
        firings.setEmptyStateText("It has not fired yet. Use \"Edit\" → \"Dry run\" to see who it would reach now.");
        detail.add(firings);
    }

    static JsonObject hitsChart(List<RuleService.Day> days) {
        JsonArrayBuilder x = JSON.createArrayBuilder();
        JsonArrayBuilder fired = JSON.createArrayBuilder();
        JsonArrayBuilder capped = JSON.createArrayBuilder();
        for (RuleService.Day d : days) {
            x.add(d.day().toString().substring(5));
            fired.add(d.fired());
            capped.add(d.capped());
        }
        return JSON.createObjectBuilder()
                .add("tooltip", JSON.createObjectBuilder().add("trigger", "axis"))
                .add("legend", JSON.createObjectBuilder().add("data", JSON.createArrayBuilder().add("fired").add("held back by the cap")))
                .add("grid", JSON.createObjectBuilder().add("left", 40).add("right", 16).add("top", 32).add("bottom", 28))
                .add("xAxis", JSON.createObjectBuilder().add("type", "category").add("data", x))
                .add("yAxis", JSON.createObjectBuilder().add("type", "value").add("minInterval", 1))
                .add("series", JSON.createArrayBuilder()
                        .add(JSON.createObjectBuilder().add("name", "fired").add("type", "bar").add("stack", "hits").add("data", fired)
                                .add("color", "#1a73e8"))
                        .add(JSON.createObjectBuilder().add("name", "held back by the cap").add("type", "bar").add("stack", "hits")
                                .add("data", capped).add("color", "#adb5bd")))
                .build();
    }

    // ------------------------------------------------------------------ the editor

    private void openEditor(Rule existing) {
        if (site.getValue() == null) {
            return;
        }
        UUID siteId = site.getValue().id();
        JsonObject d = existing == null ? null : definition(existing);
        JsonObject a = d == null ? JsonValue.EMPTY_JSON_OBJECT : d.getJsonObject("action");
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New rule for " + site.getValue().name() : "Edit rule " + existing.key());
        dialog.setWidth("min(56rem, 96vw)");

        TextField key = new TextField("Key");
        key.setId("rule-key");
        key.setPlaceholder("apologise-to-detractors");
        key.setEnabled(existing == null);
        TextField name = new TextField("Name");
        name.setId("rule-name");
        name.setWidthFull();
        IntegerField priority = new IntegerField("Priority");
        priority.setId("rule-priority");
        priority.setHelperText("higher wins");
        priority.setStepButtonsVisible(true);
        priority.setWidth("9rem");
        TextField description = new TextField("Description");
        description.setWidthFull();

        List<Segment> siteSegments = segments.list(siteId);
        TextArea when = new TextArea("When (condition, JSON)");
        when.setId("rule-when");
        when.setWidthFull();
        when.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        when.setValue(d == null ? (siteSegments.isEmpty() ? "{\"field\": \"npsClass\", \"op\": \"=\", \"value\": \"detractor\"}"
                : "{\"segment\": \"" + siteSegments.get(0).key() + "\"}") : JsonText.pretty(d.get("when")));
        HorizontalLayout segmentChips = new HorizontalLayout();
        segmentChips.addClassNames(LumoUtility.FlexWrap.WRAP);
        segmentChips.add(new Span("Segments:"));
        for (Segment s : siteSegments) {
            Button chip = new Button(s.key(), e -> when.setValue("{\"segment\": \"" + s.key() + "\"}"));
            chip.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
            segmentChips.add(chip);
        }
        if (siteSegments.isEmpty()) {
            segmentChips.add(new Span("none yet (conditions can use profile fields, interests and recent events as in segments)"));
        }
        segmentChips.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);

        MultiSelectComboBox<String> on = new MultiSelectComboBox<>("Evaluate on");
        List<String> triggers = new ArrayList<>();
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
            d.getJsonArray("on").getValuesAs(jakarta.json.JsonString.class).forEach(s -> chosen.add(s.getString()));
            on.setValue(chosen);
        }

        Select<String> type = new Select<>();
        type.setLabel("Action");
        type.setId("rule-action");
        type.setItems(TYPES);
        type.setItemLabelGenerator(t -> switch (t) {
            case "message" -> "Show a message";
            case "slot" -> "Fill a recommendation slot";
            case "survey" -> "Trigger a survey";
            default -> "Call a webhook";
        });
        TextField msgTitle = new TextField("Title");
        msgTitle.setId("rule-message-title");
        msgTitle.setWidthFull();
        TextArea template = new TextArea("Message template");
        template.setId("rule-template");
        template.setWidthFull();
        template.setHelperText("Placeholders {{name}} or {{name|fallback}}: " + String.join(", ", RuleService.PLACEHOLDERS));
        TextField linkUrl = new TextField("Link URL (optional)");
        TextField linkLabel = new TextField("Link label");
        TextField slot = new TextField("Slot");
        slot.setPlaceholder("home");
        Select<String> strategy = new Select<>();
        strategy.setLabel("Strategy");
        strategy.setItems(RuleService.SLOT_STRATEGIES);
        TextField slotTitle = new TextField("Slot title (template)");
        slotTitle.setWidthFull();
        ComboBox<Survey> survey = new ComboBox<>("Survey");
        survey.setItems(surveys.list(siteId));
        survey.setItemLabelGenerator(s -> s.name() + " (" + s.status().name().toLowerCase(Locale.ROOT) + ")");
        survey.setWidth("24rem");
        ComboBox<WebhookService.Webhook> webhook = new ComboBox<>("Webhook");
        webhook.setItems(webhooks.list(siteId).stream().filter(WebhookService.Webhook::active).toList());
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

        IntegerField capTimes = new IntegerField("At most (times per person)");
        capTimes.setHelperText("0 = no cap");
        capTimes.setMin(0);
        IntegerField capHours = new IntegerField("within (hours)");
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
        if (a.containsKey("survey")) {
            surveys.find(UUID.fromString(a.getString("survey"))).ifPresent(survey::setValue);
        }
        if (a.containsKey("webhook")) {
            webhooks.find(UUID.fromString(a.getString("webhook"))).ifPresent(webhook::setValue);
        }
        JsonObject cap = d != null && d.containsKey("cap") ? d.getJsonObject("cap") : null;
        capTimes.setValue(cap == null ? ("slot".equals(type.getValue()) ? 0 : 1) : cap.getInt("times", 1));
        capHours.setValue(cap == null ? 24 : cap.getInt("perHours", 0));
        showFields.run();

        Div errors = new Div();
        errors.setId("rule-errors");
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        Div result = new Div();
        result.setId("rule-dry-run");
        result.addClassNames(LumoUtility.FontSize.SMALL);
        Grid<RuleService.Sample> sample = new Grid<>(RuleService.Sample.class, false);
        sample.setId("rule-dry-run-sample");
        sample.addColumn(RuleService.Sample::subject).setHeader("Subject").setAutoWidth(true).setFlexGrow(0);
        sample.addColumn(RuleService.Sample::outcome).setHeader("Would get").setFlexGrow(1);
        Grids.sortable(sample);
        sample.setAllRowsVisible(true);
        sample.setVisible(false);

        java.util.function.Supplier<String> build = () -> {
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
            JsonObjectBuilder action = JSON.createObjectBuilder().add("type", type.getValue() == null ? "" : type.getValue());
            switch (type.getValue() == null ? "" : type.getValue()) {
                case "message" -> {
                    if (!msgTitle.getValue().isBlank()) {
                        action.add("title", msgTitle.getValue());
                    }
                    action.add("template", template.getValue());
                    if (!linkUrl.getValue().isBlank()) {
                        action.add("link", JSON.createObjectBuilder().add("url", linkUrl.getValue().strip())
                                .add("label", linkLabel.getValue().isBlank() ? "Open" : linkLabel.getValue()));
                    }
                }
                case "slot" -> {
                    action.add("slot", slot.getValue().strip()).add("strategy", strategy.getValue() == null ? "" : strategy.getValue());
                    if (!slotTitle.getValue().isBlank()) {
                        action.add("title", slotTitle.getValue());
                    }
                }
                case "survey" -> action.add("survey", survey.getValue() == null ? "" : survey.getValue().id().toString());
                case "webhook" -> action.add("webhook", webhook.getValue() == null ? "" : webhook.getValue().id().toString());
                default -> { }
            }
            def.add("action", action);
            def.add("cap", JSON.createObjectBuilder().add("times", capTimes.getValue() == null ? 0 : capTimes.getValue())
                    .add("perHours", capHours.getValue() == null ? 0 : capHours.getValue()));
            return def.build().toString();
        };
        Button dryRun = new Button("Dry run", VaadinIcon.EYE.create(), e -> {
            errors.removeAll();
            try {
                RuleService.DryRun run = rules.dryRun(siteId, existing == null ? null : existing.id(), build.get());
                result.setText(run.matching() + " of " + run.profiles() + " profiles match now" + (run.capped() > 0
                        ? "; the cap holds back " + run.capped() : "") + (run.matching() == 0 ? "." : ". For example:"));
                sample.setItems(run.sample());
                sample.setVisible(!run.sample().isEmpty());
            } catch (InvalidInputException ex) {
                ex.errors().forEach(f -> errors.add(new Div(f.field() + ": " + f.message())));
            }
        });
        dryRun.setId("rule-dry-run-button");
        Button save = new Button(existing == null ? "Create" : "Save", e -> {
            errors.removeAll();
            try {
                String definition = build.get();
                Rule saved = existing == null
                        ? rules.create(siteId, key.getValue().strip(), name.getValue(), description.getValue(),
                        priority.getValue() == null ? 0 : priority.getValue(), definition)
                        : rules.update(existing.id(), name.getValue(), description.getValue(), priority.getValue() == null ? 0 : priority.getValue(),
                        definition, existing.active());
                dialog.close();
                refresh(saved.id());
            } catch (InvalidInputException ex) {
                ex.errors().forEach(f -> errors.add(new Div(f.field() + ": " + f.message())));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("rule-save");
        HorizontalLayout head = new HorizontalLayout(key, name, priority);
        head.setWidthFull();
        HorizontalLayout actionRow = new HorizontalLayout(type, on);
        HorizontalLayout capRow = new HorizontalLayout(capTimes, capHours);
        ConditionBuilder builder = new ConditionBuilder(when, siteSegments.stream().map(Segment::key).toList());
        VerticalLayout form = new VerticalLayout(head, description, builder, when, segmentChips, actionRow, messageFields, slotFields, survey, webhook,
                capRow, new HorizontalLayout(dryRun, result), sample, errors);
        form.setPadding(false);
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
