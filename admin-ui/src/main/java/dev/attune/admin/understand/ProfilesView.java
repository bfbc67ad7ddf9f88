package dev.attune.admin.understand;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.attune.admin.components.Grids;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.Profile;
import dev.attune.personalization.api.ProfileService;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Live profiles of a site: the most recently seen, or one looked up by subject; a profile's figures, its strongest
 * interests (items and attributes, negative ones in red), its device mix, and what was derived from its recent
 * events (language, sentiment, device, local time, referrer, keywords). A rebuild from the stored events checks the
 * live profile.
 */
@Route(value = "profiles", layout = MainLayout.class)
@PageTitle("Profiles · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class ProfilesView extends VerticalLayout {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ProfileService profiles;
    private final AuditLog audit;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final TextField subject = new TextField("Subject");
    private final Grid<Profile> recent = new Grid<>(Profile.class, false);
    private final ProfilePanel detail =
            new ProfilePanel(CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST));

    @Inject
    public ProfilesView(SiteService sites, ProfileService profiles, AuditLog audit) {
        this.profiles = profiles;
        this.audit = audit;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.addValueChangeListener(e -> refresh());
        subject.setId("profiles-subject");
        subject.setPlaceholder("anonymous id or user id");
        subject.setClearButtonVisible(true);
        Button lookUp = new Button("Look up", VaadinIcon.SEARCH.create(), e -> lookUp());
        lookUp.setId("profiles-look-up");
        lookUp.addClickShortcut(Key.ENTER);
        HorizontalLayout bar = new HorizontalLayout(site, subject, lookUp);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);

        recent.setId("profiles-grid");
        recent.setAllRowsVisible(true);
        recent.addColumn(Profile::subject)
                .setHeader("Subject")
                .setAutoWidth(true)
                .setFlexGrow(1);
        recent.addColumn(Profile::events)
                .setHeader("Events")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setSortable(true);
        recent.addColumn(p -> ProfilePanel.fmt(p.engagement(), 1))
                .setHeader("Engagement")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Profile::engagement);
        recent.addColumn(p -> p.items().isEmpty() ? "" : p.items().get(0).key())
                .setHeader("Top interest")
                .setAutoWidth(true);
        recent.addColumn(p -> p.npsClass() == null ? "" : p.latestNps() + " (" + p.npsClass() + ")")
                .setHeader("NPS")
                .setAutoWidth(true)
                .setComparator(Profile::latestNps);
        recent.addColumn(p -> p.sentiment() == null ? "" : ProfilePanel.fmt(p.sentiment(), 2))
                .setHeader("Sentiment")
                .setAutoWidth(true)
                .setComparator(Profile::sentiment);
        recent.addColumn(p -> TIME.format(p.lastSeen()))
                .setHeader("Last seen (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Profile::lastSeen);
        Grids.sortable(recent);
        recent.setEmptyStateText("No profiles yet: they appear as visitors who allow personalization send events.");
        recent.addItemClickListener(e -> show(e.getItem().subject()));
        detail.addRebuildListener(e -> rebuild(e.profile()));
        add(new H2("Profiles"), bar, new H4("Recently seen"), recent, detail);
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private void refresh() {
        detail.removeAll();
        shownSubject = null;
        shown = null;
        recent.setItems(
                site.getValue() == null
                        ? List.of()
                        : profiles.recent(site.getValue().id(), 20));
    }

    private void lookUp() {
        if (site.getValue() != null && !subject.getValue().isBlank()) {
            show(subject.getValue().strip());
        }
    }

    /** The profile on show and what it looked like, so the poll can tell when an event changed it. */
    private String shownSubject;

    private Profile shown;
    private Registration polling;

    /** While a profile is on show the page polls every 1.5 s; a changed profile is drawn again ("live"). */
    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().setPollInterval(1500);
        polling = event.getUI().addPollListener(e -> {
            if (shownSubject == null || site.getValue() == null) {
                return;
            }
            Optional<Profile> now = profiles.find(site.getValue().id(), shownSubject);
            if (now.isPresent()
                    && (shown == null
                            || now.get().events() != shown.events()
                            || !now.get().asOf().equals(shown.asOf()))) {
                render(now.get(), true);
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
        super.onDetach(event);
    }

    private void show(String who) {
        detail.removeAll();
        shownSubject = who;
        shown = null;
        Optional<Profile> found = profiles.find(site.getValue().id(), who);
        if (found.isEmpty()) {
            detail.showNone(who);
            return;
        }
        audit.record(
                "profile.read",
                site.getValue().id() + "/" + who,
                AuditLog.AuditOutcome.SUCCESS,
                Map.of("via", "console"));
        render(found.get(), false);
    }

    private void render(Profile p, boolean update) {
        shown = p;
        detail.show(p, update, profiles.enrichments(site.getValue().id(), p.subject(), 25));
    }

    private void rebuild(Profile live) {
        Optional<Profile> rebuilt = profiles.rebuild(site.getValue().id(), live.subject());
        if (rebuilt.isEmpty()) {
            Notification.show(
                            "Nothing to rebuild from (no events, or no personalization consent)",
                            4000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_CONTRAST);
        } else {
            boolean same = rebuilt.get().events() == live.events()
                    && Math.abs(rebuilt.get().engagement() - live.engagement()) < 1e-6;
            Notification.show(
                            "Rebuilt from " + rebuilt.get().events() + " stored events"
                                    + (same
                                            ? ": the same as the live profile."
                                            : " (the live profile had " + live.events() + ")."),
                            5000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(same ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_CONTRAST);
        }
        show(live.subject());
    }
}
