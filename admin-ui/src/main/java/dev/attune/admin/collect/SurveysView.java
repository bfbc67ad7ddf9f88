package dev.attune.admin.collect;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * In-app surveys of a site: a form builder (questions, simple branching, targeting, trigger, frequency) with the
 * definition as JSON beside it, lifecycle (draft, active, paused), showings and completion, the site's cooldown.
 * Saving reaches open widgets within a second.
 */
@Route(value = "surveys", layout = MainLayout.class)
@PageTitle("Surveys · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST})
public class SurveysView extends VerticalLayout {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH).withZone(ZoneOffset.UTC);

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
        grid.addColumn(Survey::name)
                .setHeader("Name")
                .setWidth("10rem")
                .setFlexGrow(2)
                .setSortable(true);
        grid.addComponentColumn(s -> badge(s.status()))
                .setHeader("Status")
                .setWidth("6.5rem")
                .setFlexGrow(0)
                .setComparator(Survey::status);
        grid.addColumn(s -> SurveyJson.trigger(SurveyJson.definition(s)))
                .setHeader("Trigger")
                .setWidth("9rem")
                .setFlexGrow(1);
        grid.addColumn(s -> SurveyJson.targeting(SurveyJson.definition(s)))
                .setHeader("Shown to")
                .setWidth("8rem")
                .setFlexGrow(1);
        grid.addColumn(Survey::displays).setHeader("Shown").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(s -> s.displays() == 0
                        ? ""
                        : s.answered() + " (" + Math.round(100.0 * s.answered() / s.displays()) + " %)")
                .setHeader("Answered")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Survey::answered);
        grid.addColumn(s -> "v" + s.version() + ", " + TIME.format(s.updatedAt()))
                .setHeader("Version")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setTooltipGenerator(s -> "Saved " + s.updatedAt() + " (UTC)")
                .setComparator(Survey::version);
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        Grids.sortable(grid);
        grid.setEmptyStateText("No surveys for this site yet.");
        Paragraph help = new Paragraph(
                "The widget asks the server which surveys a visitor may see on a page (targeting, share, caps, "
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
            toggle.addThemeVariants(
                    ButtonVariant.LUMO_SMALL, active ? ButtonVariant.LUMO_CONTRAST : ButtonVariant.LUMO_SUCCESS);
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

    // ------------------------------------------------------------------ the editor

    private void openEditor(Survey existing) {
        if (site.getValue() == null) {
            return;
        }
        SurveyForm form = new SurveyForm(site.getValue().name(), existing, admin);
        form.addSaveListener(this::save);
        form.addCloseListener(e -> form.close());
        form.open();
    }

    private void save(SurveyForm.SaveEvent e) {
        try {
            Survey saved = surveys.save(site.getValue().id(), e.surveyId(), e.name(), e.definition());
            e.getSource().close();
            ok(saved.name() + " saved (v" + saved.version() + ")"
                    + (saved.status() == SurveyStatus.ACTIVE ? ", live in open widgets" : ""));
            refresh();
        } catch (InvalidInputException ex) {
            e.getSource().showRefusal(ex);
        } catch (RuntimeException ex) {
            e.getSource().showFailure(ex);
        }
    }

    private static Span badge(SurveyStatus status) {
        Span badge = new Span(status.wireName());
        badge.getElement()
                .getThemeList()
                .add("badge pill"
                        + switch (status) {
                            case ACTIVE -> " success";
                            case PAUSED -> " contrast";
                            case DRAFT -> "";
                        });
        return badge;
    }

    private static void ok(String message) {
        Notification.show(message, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
