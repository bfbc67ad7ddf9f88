package dev.attune.admin.govern;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.ConsoleTasks;
import dev.attune.admin.components.Problems;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.EventRetention;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.PrivacyService;
import dev.attune.personalization.api.ProfileRetention;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.AuditTrail;
import dev.attune.platform.api.AuditTrail.Entry;
import dev.attune.platform.api.PersonalData.InventoryItem;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How long Attune keeps what, and the runs that enforce it: per site, the days raw events and the profiles of visitors
 * no longer seen are kept (admins change them; the services audit each change with before and after); how long the
 * audit log is kept (server configuration, read only); "Run now" for event, profile and audit retention, each in the
 * background with a progress indicator and a notification of what was deleted (a run asked for here is audited as
 * {@code retention.requested} by the user, the run itself by the module); the recent runs from the audit log (for the
 * roles that may read the audit log); and the data inventory: every kind of personal data each module stores, where,
 * why and for how long, with a CSV export. Analysts and auditors only read.
 */
@Route(value = "retention", layout = MainLayout.class)
@PageTitle("Retention · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class RetentionView extends VerticalLayout {
    private static final Logger LOG = Logger.getLogger(RetentionView.class.getName());
    /** Recent runs are read from at most this many of the newest {@code retention.*} entries. */
    static final int SCANNED = 1_000;

    private static final String TRIGGER = "console";

    /** A site's two retention periods. */
    record SiteRow(SiteSummary site, int profileDays) {}

    private final SiteService sites;
    private final ProfileRetention profiles;
    private final EventRetention events;
    private final AuditTrail trail;
    private final AuditLog audit;
    private final ConsoleTasks tasks;
    private final boolean admin = CurrentUser.hasRole(Roles.ADMIN);
    /** Recent runs are audit entries: shown to the roles that may read the audit log. */
    private final boolean readsAudit = MainLayout.mayOpen(AuditLogView.class);

    private final SitePeriodsGrid siteGrid = new SitePeriodsGrid(admin);
    private final RunNowPanel runNow = new RunNowPanel(admin);
    private final RecentRunsGrid runs = new RecentRunsGrid();
    /** Site names by id, for the summaries of per-site runs. */
    private final Map<String, String> siteNames = new LinkedHashMap<>();

    @Inject
    public RetentionView(
            SiteService sites,
            ProfileRetention profiles,
            EventRetention events,
            AuditTrail trail,
            AuditLog audit,
            PrivacyService privacy,
            ConsoleTasks tasks) {
        this.sites = sites;
        this.profiles = profiles;
        this.events = events;
        this.trail = trail;
        this.audit = audit;
        this.tasks = tasks;
        setWidthFull();
        Paragraph intro = new Paragraph(
                "How long Attune keeps raw events, profiles and the audit log, and what it stores about people. "
                        + "Retention runs by itself (events and profiles regularly, the audit log every night); each run and each change of a "
                        + "period is recorded in the audit log.");
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);
        add(new H2("Retention"), intro);

        siteGrid.addEditListener(e -> edit(e.row()));
        add(heading("Per site"), siteGrid);
        add(heading("Audit log"), auditRetention());
        runNow.addRunListener(e -> run(e.job()));
        add(heading("Run now"), runNow);
        add(heading("Recent runs"));
        if (readsAudit) {
            add(runs);
        } else {
            add(note("retention-runs-hidden", "Runs are recorded in the audit log, which admins and auditors read."));
        }
        List<InventoryItem> items;
        try {
            items = List.copyOf(privacy.inventory());
        } catch (RuntimeException ex) {
            Problems.show(ex);
            items = List.of();
        }
        add(new DataInventoryPanel(items));
        refreshSites();
        refreshRuns();
    }

    // ------------------------------------------------------------------ per site

    private void refreshSites() {
        List<SiteRow> rows = new ArrayList<>();
        try {
            for (SiteSummary s : sites.listSites()) {
                siteNames.put(s.id().toString(), s.name());
                rows.add(new SiteRow(s, profiles.profileDays(s.id())));
            }
        } catch (RuntimeException ex) {
            Problems.show(ex);
        }
        siteGrid.setItems(rows);
    }

    /** The dialog that changes a site's periods (admins only); each changed period is saved, and audited, by its module. */
    private void edit(SiteRow row) {
        if (!admin) {
            return;
        }
        RetentionForm form = new RetentionForm(row);
        form.addSaveListener(this::save);
        form.addCloseListener(e -> form.close());
        form.open();
    }

    private void save(RetentionForm.SaveEvent e) {
        SiteRow row = e.row();
        List<String> changed = new ArrayList<>();
        try {
            if (e.eventDaysChanged()) {
                sites.updateRetention(row.site().id(), e.eventDays());
                changed.add("raw events " + days(e.eventDays()));
            }
            if (e.profileDaysChanged()) {
                profiles.setProfileDays(row.site().id(), e.profileDays());
                changed.add("profiles " + days(e.profileDays()));
            }
        } catch (RuntimeException ex) {
            e.getSource().showRefusal(ex);
            if (!changed.isEmpty()) {
                refreshSites(); // the first period was saved
            }
            return;
        }
        e.getSource().close();
        refreshSites();
        if (!changed.isEmpty()) {
            notify(row.site().name() + ": " + String.join(", ", changed), NotificationVariant.LUMO_SUCCESS);
        }
    }

    // ------------------------------------------------------------------ audit log retention

    private Component auditRetention() {
        int days;
        try {
            days = trail.retentionDays();
        } catch (RuntimeException ex) {
            Problems.show(ex);
            return note("retention-audit-days", "The audit log's retention could not be read.");
        }
        Paragraph p = new Paragraph(
                "Audit log entries are kept " + days(days) + " (about "
                        + String.format(Locale.ROOT, "%.1f", days / 365.25)
                        + " years), longer than anything else, then deleted in the nightly run; the hash chain is re-anchored so that "
                        + "\"Verify chain\" still holds. The period is the server setting attune.audit.retention-days and is not changed here.");
        p.setId("retention-audit-days");
        p.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.NONE);
        return p;
    }

    // ------------------------------------------------------------------ run now

    /**
     * Runs a job in the background (the request returns at once, the progress bar shows) and reports back through
     * server push: a notification of what was deleted, and the recent runs reloaded. Who asked is audited here, before
     * the run; the run's report is the module's own audit entry. The user's name is read now: the background thread has
     * no request.
     */
    private void run(RetentionJob job) {
        UI ui = UI.getCurrent();
        String user = CurrentUser.name().orElse("unknown");
        try {
            audit.record(
                    "retention.requested",
                    job.target,
                    AuditOutcome.SUCCESS,
                    Map.of("job", job.id, "trigger", TRIGGER, "via", "console"));
        } catch (RuntimeException ex) {
            runNow.stopped(job);
            Problems.show(ex);
            return;
        }
        runNow.started(job);
        try {
            tasks.executor().execute(() -> {
                String summary = null;
                RuntimeException failure = null;
                try {
                    summary = execute(job);
                } catch (RuntimeException ex) {
                    failure = ex;
                    LOG.log(Level.WARNING, job.label + " asked for by " + user + " failed", ex);
                    try {
                        audit.recordAs(
                                user,
                                "retention.failed",
                                job.target,
                                AuditOutcome.FAILURE,
                                Map.of("job", job.id, "error", String.valueOf(ex.getMessage()), "via", "console"));
                    } catch (RuntimeException auditFailed) {
                        LOG.log(Level.WARNING, "Could not audit the failed " + job.label, auditFailed);
                    }
                }
                String done = summary;
                RuntimeException error = failure;
                try {
                    ui.access(() -> finished(job, done, error));
                } catch (UIDetachedException gone) {
                    // the user left the page; the run is in the audit log
                }
            });
        } catch (RuntimeException rejected) {
            finished(job, null, rejected);
        }
    }

    /** Runs it, on the background thread; answers what was deleted, in a sentence. */
    private String execute(RetentionJob job) {
        return switch (job) {
            case EVENTS -> {
                EventRetention.RetentionReport r = events.enforce(TRIGGER);
                int partitions = r.droppedPartitions().size();
                yield String.format(
                                Locale.ROOT,
                                "Event retention: %,d event%s deleted",
                                r.eventsDeleted(),
                                r.eventsDeleted() == 1 ? "" : "s")
                        + (partitions == 0
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        " (%d daily partition%s dropped)",
                                        partitions,
                                        partitions == 1 ? "" : "s"))
                        + String.format(
                                Locale.ROOT,
                                " across %d site%s.",
                                r.sites().size(),
                                r.sites().size() == 1 ? "" : "s");
            }
            case PROFILES -> {
                Map<UUID, Long> deleted = profiles.enforce(TRIGGER);
                long total =
                        deleted.values().stream().mapToLong(Long::longValue).sum();
                List<String> bySite = deleted.entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .limit(3)
                        .map(e -> siteNames.getOrDefault(
                                        e.getKey().toString(),
                                        e.getKey().toString().substring(0, 8)) + " " + e.getValue())
                        .toList();
                yield String.format(
                                Locale.ROOT,
                                "Profile retention: %,d profile%s deleted across %d site%s",
                                total,
                                total == 1 ? "" : "s",
                                deleted.size(),
                                deleted.size() == 1 ? "" : "s")
                        + (bySite.isEmpty() ? "." : " (" + String.join(", ", bySite) + ").");
            }
            case AUDIT -> {
                long n = trail.enforceRetention();
                yield String.format(
                        Locale.ROOT,
                        "Audit retention: %,d entr%s older than %s deleted.",
                        n,
                        n == 1 ? "y" : "ies",
                        days(trail.retentionDays()));
            }
        };
    }

    /** Back on the page (inside {@code UI.access}): hides the progress, tells the user, reloads what changed. */
    private void finished(RetentionJob job, String summary, RuntimeException error) {
        runNow.stopped(job);
        if (error != null) {
            Problems.show(error);
        } else {
            notify(summary, NotificationVariant.LUMO_SUCCESS);
        }
        refreshRuns();
    }

    // ------------------------------------------------------------------ recent runs

    /** The newest runs (changes of a period are in the audit log too, but are not runs). */
    private void refreshRuns() {
        if (!readsAudit) {
            return;
        }
        List<Entry> entries;
        try {
            entries = trail.search(new AuditTrail.Query(null, "retention.", null, null, null, null, null), 0, SCANNED);
        } catch (RuntimeException ex) {
            Problems.show(ex);
            entries = List.of();
        }
        runs.show(entries.stream().filter(e -> !e.action().endsWith(".policy")).toList(), siteNames);
    }

    // ------------------------------------------------------------------ small helpers

    static H3 heading(String text) {
        H3 h = new H3(text);
        h.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.Bottom.NONE);
        return h;
    }

    private static Paragraph note(String id, String text) {
        Paragraph p = new Paragraph(text);
        p.setId(id);
        p.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.NONE);
        return p;
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification n = Notification.show(text, 8000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(variant);
        n.setId("retention-notification");
    }

    static String days(int n) {
        return String.format(Locale.ROOT, "%,d day%s", n, n == 1 ? "" : "s");
    }
}
