package dev.attune.admin.personalize;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.attune.admin.components.Grids;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.api.SurveyService;
import dev.attune.feedback.api.WebhookService;
import dev.attune.personalization.api.Rule;
import dev.attune.personalization.api.RuleService;
import dev.attune.personalization.api.SegmentService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
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

    private final RuleService rules;
    private final SegmentService segments;
    private final SurveyService surveys;
    private final WebhookService webhooks;
    private final boolean canEdit = CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST);
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final Grid<Rule> grid = new Grid<>(Rule.class, false);
    private final TextField filter = Grids.filterField(grid, "rules-filter", "Filter by key or name");
    private final RulePanel detail = new RulePanel(canEdit);

    @Inject
    public RulesView(
            SiteService sites,
            RuleService rules,
            SegmentService segments,
            SurveyService surveys,
            WebhookService webhooks) {
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
        grid.addColumn(RuleDefinitions::actionOf)
                .setHeader("Action")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(r -> {
                    Span badge = new Span(r.active() ? "active" : "paused");
                    badge.getElement().getThemeList().add("badge pill" + (r.active() ? " success" : " contrast"));
                    return badge;
                })
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Rule::active);
        grid.addColumn(Rule::firedToday)
                .setHeader("Fired today")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(Rule::fired7d).setHeader("Fired 7 d").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Rule::capped7d)
                .setHeader("Capped 7 d")
                .setAutoWidth(true)
                .setFlexGrow(0);
        Grids.sortable(grid);
        grid.setEmptyStateText(
                "No rules yet: e.g. greet detractors with an apology, send promoters a referral link, or fill the home slot "
                        + "with more of a visitor's favourite genre. Create one with \"New rule\".");
        grid.addSelectionListener(e -> show(e.getFirstSelectedItem().orElse(null)));
        detail.addEditListener(e -> openEditor(e.rule()));
        detail.addToggleListener(e -> {
            Rule r = e.rule();
            rules.update(r.id(), r.name(), r.description(), r.priority(), r.definitionJson(), !r.active());
            refresh(r.id());
        });
        detail.addDeleteListener(e -> confirmDelete(e.rule()));
        add(new H2("Rules"), bar, grid, detail);
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private void refresh(UUID selected) {
        List<Rule> list =
                site.getValue() == null ? List.of() : rules.list(site.getValue().id());
        grid.setItems(list).setFilter(Grids.matching(filter, Rule::key, Rule::name));
        if (!list.isEmpty()) {
            grid.select(list.stream()
                    .filter(r -> r.id().equals(selected))
                    .findFirst()
                    .orElse(list.get(0)));
        } else {
            detail.removeAll();
        }
    }

    private void show(Rule r) {
        if (r == null) {
            detail.show(null, List.of(), List.of());
        } else {
            detail.show(r, rules.hits(r.id(), 30), rules.firings(r.id(), 20));
        }
    }

    private void confirmDelete(Rule r) {
        ConfirmDialog confirm = new ConfirmDialog(
                "Delete rule " + r.key() + "?", "Its hit counts and firings go with it.", "Delete", ok -> {
                    rules.delete(r.id());
                    refresh(null);
                });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    // ------------------------------------------------------------------ the editor

    private void openEditor(Rule existing) {
        if (site.getValue() == null) {
            return;
        }
        UUID siteId = site.getValue().id();
        RuleForm form = new RuleForm(
                site.getValue().name(),
                existing,
                segments.list(siteId),
                surveys.list(siteId),
                webhooks.list(siteId).stream()
                        .filter(WebhookService.Webhook::active)
                        .toList());
        JsonObject action = existing == null
                ? JsonValue.EMPTY_JSON_OBJECT
                : RuleDefinitions.definition(existing).getJsonObject("action");
        if (action.containsKey("survey")) {
            surveys.find(UUID.fromString(action.getString("survey"))).ifPresent(form::selectSurvey);
        }
        if (action.containsKey("webhook")) {
            webhooks.find(UUID.fromString(action.getString("webhook"))).ifPresent(form::selectWebhook);
        }
        form.addDryRunListener(e -> {
            try {
                form.showDryRun(rules.dryRun(
                        siteId, e.existing() == null ? null : e.existing().id(), e.definition()));
            } catch (InvalidInputException ex) {
                form.showRefusal(ex);
            }
        });
        form.addSaveListener(e -> {
            try {
                Rule saved = e.existing() == null
                        ? rules.create(siteId, e.key(), e.name(), e.description(), e.priority(), e.definition())
                        : rules.update(
                                e.existing().id(),
                                e.name(),
                                e.description(),
                                e.priority(),
                                e.definition(),
                                e.existing().active());
                form.close();
                refresh(saved.id());
            } catch (InvalidInputException ex) {
                form.showRefusal(ex);
            }
        });
        form.addCloseListener(e -> form.close());
        form.open();
    }
}
