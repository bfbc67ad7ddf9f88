package dev.attune.admin.govern;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Ids;
import dev.attune.admin.components.Problems;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.LineageService;
import dev.attune.personalization.api.LineageService.EventLineage;
import dev.attune.personalization.api.LineageService.PersonLineage;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Data lineage, for governance: what Attune derived from one event (its enrichment exactly; the profile, segment
 * changes, rule firings, recommendation lists and experiment metrics of the same person within a minute after it), and
 * where everything Attune holds about a person came from (identifiers and the source that linked each, stored events
 * per subject and type, the consent ledger of every linked subject, the profile and its segments).
 *
 * <p>{@code lineage?site=<id>&event=<id>} opens an event (the feedback explorer links each row here) and
 * {@code lineage?site=<id>&person=<subject>} a person; a lookup made here puts its link in the address bar. Every
 * lookup that finds something is audited ({@code lineage.event} / {@code lineage.person}, as through the admin API,
 * with {@code via: console}). Admins, analysts and auditors only read here.
 */
@Route(value = "lineage", layout = MainLayout.class)
@PageTitle("Lineage · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class LineageView extends VerticalLayout implements BeforeEnterObserver {
    static final String ROUTE = "lineage";

    private final LineageService lineage;
    private final AuditLog audit;
    private final List<SiteSummary> sites;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final TabSheet tabs = new TabSheet();
    private final Tab eventTab;
    private final Tab personTab;
    private final EventLineagePanel eventPanel = new EventLineagePanel();
    private final PersonLineagePanel personPanel = new PersonLineagePanel();

    @Inject
    public LineageView(SiteService siteService, LineageService lineage, AuditLog audit) {
        this.lineage = lineage;
        this.audit = audit;
        setSizeFull();
        sites = siteService.listSites();
        Paragraph intro = new Paragraph(
                "Where data came from and what Attune made of it: enter an event id to see what was derived from "
                        + "that event, or a subject to see every source of what is held about the person. Each lookup is recorded in the audit log.");
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);

        site.setItems(sites);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.setId("lineage-site");
        site.addValueChangeListener(e -> {
            site.setInvalid(false);
            if (e.isFromClient()) {
                eventPanel.showEmpty();
                personPanel.showEmpty();
            }
        });

        tabs.setWidthFull();
        tabs.setId("lineage-tabs");
        eventTab = tabs.add("Event", eventPanel);
        eventTab.setId("lineage-tab-event");
        personTab = tabs.add("Person", personPanel);
        personTab.setId("lineage-tab-person");
        eventPanel.addLookupListener(e -> showEvent(true));
        eventPanel.addOpenPersonListener(e -> {
            personPanel.setSubject(e.subject());
            tabs.setSelectedTab(personTab);
            showPerson(true);
        });
        personPanel.addLookupListener(e -> showPerson(true));

        add(new H2("Lineage"), intro);
        if (sites.isEmpty()) {
            Paragraph none = new Paragraph(
                    "No site yet. Create one under Collect → Sites & keys; lineage shows once it has received events.");
            none.setId("lineage-no-site");
            add(none);
            return;
        }
        add(site, tabs);
        site.setValue(sites.get(0));
        eventPanel.showEmpty();
        personPanel.showEmpty();
    }

    /** The query of a link to an event's lineage. */
    public static QueryParameters eventQuery(UUID siteId, UUID eventId) {
        return QueryParameters.simple(orderedMap("site", siteId.toString(), "event", eventId.toString()));
    }

    /** The query of a link to a person's lineage. */
    static QueryParameters personQuery(UUID siteId, String subject) {
        return QueryParameters.simple(orderedMap("site", siteId.toString(), "person", subject));
    }

    private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /** {@code ?site=&event=} or {@code ?site=&person=}: chooses the site and the tab and looks it up. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (sites.isEmpty()) {
            return;
        }
        QueryParameters q = event.getLocation().getQueryParameters();
        Optional<String> siteParam = q.getSingleParameter("site");
        Optional<String> eventParam = q.getSingleParameter("event").filter(s -> !s.isBlank());
        Optional<String> personParam = q.getSingleParameter("person").filter(s -> !s.isBlank());
        if (eventParam.isEmpty() && personParam.isEmpty()) {
            return;
        }
        Optional<SiteSummary> chosen = siteParam
                .flatMap(Ids::uuid)
                .flatMap(id -> sites.stream().filter(s -> s.id().equals(id)).findFirst());
        if (siteParam.isPresent() && chosen.isEmpty()) {
            tabs.setSelectedTab(eventParam.isPresent() ? eventTab : personTab);
            if (eventParam.isPresent()) {
                eventPanel.showUnknownSite();
            } else {
                personPanel.showUnknownSite();
            }
            return;
        }
        chosen.ifPresent(site::setValue);
        if (eventParam.isPresent()) {
            tabs.setSelectedTab(eventTab);
            eventPanel.setEventId(eventParam.get().strip());
            showEvent(false);
        } else {
            tabs.setSelectedTab(personTab);
            personPanel.setSubject(personParam.get().strip());
            showPerson(false);
        }
    }

    /** The chosen site; marks the picker when there is none. */
    private Optional<SiteSummary> chosenSite() {
        SiteSummary s = site.getValue();
        if (s == null) {
            site.setErrorMessage("Choose a site");
            site.setInvalid(true);
        }
        return Optional.ofNullable(s);
    }

    /** Looks the event up (audited when found); {@code remember} puts the lookup's link in the address bar. */
    private void showEvent(boolean remember) {
        eventPanel.clearError();
        Optional<SiteSummary> chosen = chosenSite();
        Optional<UUID> id = chosen.flatMap(s -> eventPanel.eventId());
        if (id.isEmpty()) {
            return;
        }
        SiteSummary s = chosen.get();
        Optional<EventLineage> found;
        try {
            found = lineage.event(s.id(), id.get());
        } catch (RuntimeException ex) {
            Problems.show(ex);
            return;
        }
        if (remember) {
            remember(eventQuery(s.id(), id.get()));
        }
        if (found.isEmpty()) {
            eventPanel.showNone(id.get(), s.name());
            return;
        }
        audit.record(
                "lineage.event",
                id.get().toString(),
                AuditOutcome.SUCCESS,
                Map.of("site", s.id().toString(), "via", "console"));
        eventPanel.showLineage(s, found.get());
    }

    /** Looks the person up (audited when found); {@code remember} puts the lookup's link in the address bar. */
    private void showPerson(boolean remember) {
        personPanel.clearError();
        Optional<SiteSummary> chosen = chosenSite();
        Optional<String> subject = chosen.flatMap(s -> personPanel.subject());
        if (subject.isEmpty()) {
            return;
        }
        SiteSummary s = chosen.get();
        String who = subject.get();
        Optional<PersonLineage> found;
        try {
            found = lineage.person(s.id(), who);
        } catch (RuntimeException ex) {
            Problems.show(ex);
            return;
        }
        if (remember) {
            remember(personQuery(s.id(), who));
        }
        if (found.isEmpty()) {
            personPanel.showNone(who, s.name());
            return;
        }
        audit.record("lineage.person", who, AuditOutcome.SUCCESS, Map.of("site", s.id().toString(), "via", "console"));
        personPanel.showLineage(found.get());
    }

    /** Puts the lookup's link in the address bar (without a new history entry), so it can be copied or reloaded. */
    private void remember(QueryParameters query) {
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, new Location(ROUTE, query)));
    }
}
