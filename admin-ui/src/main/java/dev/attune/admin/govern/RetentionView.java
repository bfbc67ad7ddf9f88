package dev.attune.admin.govern;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.ConsoleTasks;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.Problems;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.EventRetention;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.PrivacyService;
import dev.attune.personalization.api.ProfileRetention;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditTrail.Entry;
import dev.attune.platform.api.AuditTrail;
import dev.attune.platform.api.PersonalData.InventoryItem;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

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
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    static final int MIN_DAYS = 1;
    static final int MAX_DAYS = 3650;
    /** Recent runs: at most this many lines, from at most {@link #SCANNED} of the newest {@code retention.*} entries. */
    static final int RECENT = 50;
    /** A profile run writes one entry per site: enough entries are read for a few runs of many sites. */
    static final int SCANNED = 1_000;
    private static final String PROFILES_RUN = "retention.profiles";
    private static final String TRIGGER = "console";

    /** What "Run now" can run: its id suffix, label, what it deletes (the audit target) and the noun of the notification. */
    enum Job {
        EVENTS("events", "Event retention", "feedback.event"),
        PROFILES("profiles", "Profile retention", "personalization.profile"),
        AUDIT("audit", "Audit retention", "platform.audit_entry");

        final String id;
        final String label;
        final String target;

        Job(String id, String label, String target) {
            this.id = id;
            this.label = label;
            this.target = target;
        }
    }

    /** A site's two retention periods. */
    record SiteRow(SiteSummary site, int profileDays) {
    }

    private final SiteService sites;
    private final ProfileRetention profiles;
    private final EventRetention events;
    private final AuditTrail trail;
    private final AuditLog audit;
    private final ConsoleTasks tasks;
    private final boolean admin = CurrentUser.hasRole(Roles.ADMIN);
    /** Recent runs are audit entries: shown to the roles that may read the audit log. */
    private final boolean readsAudit = MainLayout.mayOpen(AuditLogView.class);
    private final List<InventoryItem> inventory;
    private final Grid<SiteRow> siteGrid = new Grid<>(SiteRow.class, false);
    private final Grid<RunRow> runs = new Grid<>(RunRow.class, false);
    private final Map<Job, Button> runButtons = new EnumMap<>(Job.class);
    private final Map<Job, ProgressBar> running = new EnumMap<>(Job.class);
    /** Site names by id, for the summaries of per-site runs. */
    private final Map<String, String> siteNames = new LinkedHashMap<>();

    @Inject
    public RetentionView(SiteService sites, ProfileRetention profiles, EventRetention events, AuditTrail trail, AuditLog audit,
                         PrivacyService privacy, ConsoleTasks tasks) {
        this.sites = sites;
        this.profiles = profiles;
        this.events = events;
        this.trail = trail;
        this.audit = audit;
        this.tasks = tasks;
        setWidthFull();
        Paragraph intro = new Paragraph("How long Attune keeps raw events, profiles and the audit log, and what it stores about people. "
                + "Retention runs by itself (events and profiles regularly, the audit log every night); each run and each change of a "
                + "period is recorded in the audit log.");
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);
        add(new H2("Retention"), intro);

        configureSiteGrid();
        add(heading("Per site"), siteGrid);
        add(heading("Audit log"), auditRetention());
        add(heading("Run now"), runNow());
        add(heading("Recent runs"));
        if (readsAudit) {
            configureRuns();
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
        inventory = items;
        add(inventoryHeading(), inventoryGrid());
        refreshSites();
        refreshRuns();
    }

    // ------------------------------------------------------------------ per site

    private void configureSiteGrid() {
        siteGrid.setId("retention-sites");
        siteGrid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        siteGrid.setAllRowsVisible(true);
        siteGrid.addColumn(r -> r.site().name()).setHeader("Site").setFlexGrow(1).setResizable(true).setSortable(true)
                .setComparator(r -> r.site().name().toLowerCase(Locale.ROOT));
        siteGrid.addColumn(r -> days(r.site().retentionDays())).setHeader("Raw events kept").setWidth("12rem").setFlexGrow(0)
                .setComparator(r -> r.site().retentionDays()).setTooltipGenerator(r -> "Events (and quarantined events) received more "
                        + "than " + days(r.site().retentionDays()) + " ago are removed");
        siteGrid.addColumn(r -> days(r.profileDays())).setHeader("Profiles kept").setWidth("10rem").setFlexGrow(0)
                .setComparator(SiteRow::profileDays).setTooltipGenerator(r -> "Profiles of visitors not seen for " + days(r.profileDays())
                        + " are removed, with their enrichments, segment memberships and ratings");
        if (admin) {
            siteGrid.addComponentColumn(r -> {
                Button edit = new Button("Change", VaadinIcon.EDIT.create(), e -> edit(r));
                edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                edit.setId("retention-edit-" + r.site().id());
                return edit;
            }).setHeader("").setAutoWidth(true).setFlexGrow(0).setFrozenToEnd(true);
        }
        Grids.sortable(siteGrid);
        siteGrid.setEmptyStateText("No site yet. Create one under Collect → Sites & keys.");
    }

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
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Retention of " + row.site().name());
        dialog.setId("retention-dialog");
        IntegerField eventDays = daysField("Keep raw events (days)", "retention-events-days", row.site().retentionDays(),
                "Events received longer ago are removed, quarantined ones too. Shortening takes effect at the next run.");
        IntegerField profileDays = daysField("Keep profiles of visitors not seen for (days)", "retention-profile-days", row.profileDays(),
                "With their enrichments, segment memberships and ratings.");
        Span general = new Span();
        general.setId("retention-dialog-error");
        general.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        VerticalLayout form = new VerticalLayout(eventDays, profileDays, general);
        form.setPadding(false);
        dialog.add(form);
        Map<String, IntegerField> fields = Map.of("retentionDays", eventDays, "profileDays", profileDays);
        Button save = new Button("Save", e -> {
            Problems.clearForm(fields, general);
            boolean ok = valid(eventDays) & valid(profileDays);
            if (!ok) {
                return;
            }
            List<String> changed = new ArrayList<>();
            try {
                if (eventDays.getValue() != row.site().retentionDays()) {
                    sites.updateRetention(row.site().id(), eventDays.getValue());
                    changed.add("raw events " + days(eventDays.getValue()));
                }
                if (profileDays.getValue() != row.profileDays()) {
                    profiles.setProfileDays(row.site().id(), profileDays.getValue());
                    changed.add("profiles " + days(profileDays.getValue()));
                }
            } catch (RuntimeException ex) {
                Problems.showOnForm(ex, fields, general);
                if (!changed.isEmpty()) {
                    refreshSites(); // the first period was saved
                }
                return;
            }
            dialog.close();
            refreshSites();
            if (!changed.isEmpty()) {
                notify(row.site().name() + ": " + String.join(", ", changed), NotificationVariant.LUMO_SUCCESS);
            }
        });
        save.setId("retention-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> dialog.close());
        dialog.getFooter().add(cancel, save);
        dialog.setWidth("30rem");
        dialog.open();
        eventDays.focus();
    }

    private static IntegerField daysField(String label, String id, int value, String helper) {
        IntegerField f = new IntegerField(label);
        f.setId(id);
        f.setValue(value);
        f.setMin(MIN_DAYS);
        f.setMax(MAX_DAYS);
        f.setStepButtonsVisible(true);
        f.setHelperText(helper);
        f.setWidthFull();
        return f;
    }

    /** 1 to 3,650 days, as the modules require; says so on the field otherwise. */
    private static boolean valid(IntegerField f) {
        Integer v = f.getValue();
        if (v == null || v < MIN_DAYS || v > MAX_DAYS) {
            f.setErrorMessage("Between " + MIN_DAYS + " and " + String.format(Locale.ROOT, "%,d", MAX_DAYS) + " days");
            f.setInvalid(true);
            return false;
        }
        f.setInvalid(false);
        return true;
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
        Paragraph p = new Paragraph("Audit log entries are kept " + days(days) + " (about " + String.format(Locale.ROOT, "%.1f", days / 365.25)
                + " years), longer than anything else, then deleted in the nightly run; the hash chain is re-anchored so that "
                + "\"Verify chain\" still holds. The period is the server setting attune.audit.retention-days and is not changed here.");
        p.setId("retention-audit-days");
        p.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.NONE);
        return p;
    }

    // ------------------------------------------------------------------ run now

    private Component runNow() {
        HorizontalLayout bar = new HorizontalLayout();
        bar.setAlignItems(Alignment.CENTER);
        bar.setWrap(true);
        for (Job job : Job.values()) {
            Button run = new Button(job.label, VaadinIcon.PLAY.create(), e -> run(job));
            run.setId("retention-run-" + job.id);
            run.setDisableOnClick(true);
            run.setEnabled(admin);
            run.setTooltipText(admin ? "Apply " + switch (job) {
                case EVENTS -> "every site's raw event retention";
                case PROFILES -> "every site's profile retention";
                case AUDIT -> "the audit log's retention";
            } + " now" : "Only admins run retention");
            ProgressBar progress = new ProgressBar();
            progress.setIndeterminate(true);
            progress.setWidth("6rem");
            progress.setVisible(false);
            progress.setId("retention-run-" + job.id + "-progress");
            runButtons.put(job, run);
            running.put(job, progress);
            bar.add(run, progress);
        }
        Div box = new Div(bar);
        box.setWidthFull();
        if (!admin) {
            box.add(note("retention-run-admins-only", "Only admins run retention by hand."));
        }
        return box;
    }

    /**
     * Runs a job in the background (the request returns at once, the progress bar shows) and reports back through
     * server push: a notification of what was deleted, and the recent runs reloaded. Who asked is audited here, before
     * the run; the run's report is the module's own audit entry. The user's name is read now: the background thread has
     * no request.
     */
    private void run(Job job) {
        Button button = runButtons.get(job);
        if (!admin) {
            button.setEnabled(false);
            return;
        }
        UI ui = UI.getCurrent();
        String user = CurrentUser.name().orElse("unknown");
        try {
            audit.record("retention.requested", job.target, AuditOutcome.SUCCESS, Map.of("job", job.id, "trigger", TRIGGER, "via", "console"));
        } catch (RuntimeException ex) {
            button.setEnabled(true);
            Problems.show(ex);
            return;
        }
        running.get(job).setVisible(true);
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
                        audit.recordAs(user, "retention.failed", job.target, AuditOutcome.FAILURE, Map.of("job", job.id,
                                "error", String.valueOf(ex.getMessage()), "via", "console"));
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
    private String execute(Job job) {
        return switch (job) {
            case EVENTS -> {
                EventRetention.RetentionReport r = events.enforce(TRIGGER);
                int partitions = r.droppedPartitions().size();
                yield String.format(Locale.ROOT, "Event retention: %,d event%s deleted", r.eventsDeleted(), r.eventsDeleted() == 1 ? "" : "s")
                        + (partitions == 0 ? "" : String.format(Locale.ROOT, " (%d daily partition%s dropped)", partitions, partitions == 1 ? "" : "s"))
                        + String.format(Locale.ROOT, " across %d site%s.", r.sites().size(), r.sites().size() == 1 ? "" : "s");
            }
            case PROFILES -> {
                Map<UUID, Long> deleted = profiles.enforce(TRIGGER);
                long total = deleted.values().stream().mapToLong(Long::longValue).sum();
                List<String> bySite = deleted.entrySet().stream().filter(e -> e.getValue() > 0).limit(3)
                        .map(e -> siteNames.getOrDefault(e.getKey().toString(), e.getKey().toString().substring(0, 8)) + " " + e.getValue())
                        .toList();
                yield String.format(Locale.ROOT, "Profile retention: %,d profile%s deleted across %d site%s", total, total == 1 ? "" : "s",
                        deleted.size(), deleted.size() == 1 ? "" : "s") + (bySite.isEmpty() ? "." : " (" + String.join(", ", bySite) + ").");
            }
            case AUDIT -> {
                long n = trail.enforceRetention();
                yield String.format(Locale.ROOT, "Audit retention: %,d entr%s older than %s deleted.", n, n == 1 ? "y" : "ies",
                        days(trail.retentionDays()));
            }
        };
    }

    /** Back on the page (inside {@code UI.access}): hides the progress, tells the user, reloads what changed. */
    private void finished(Job job, String summary, RuntimeException error) {
        running.get(job).setVisible(false);
        runButtons.get(job).setEnabled(admin);
        if (error != null) {
            Problems.show(error);
        } else {
            notify(summary, NotificationVariant.LUMO_SUCCESS);
        }
        refreshRuns();
    }

    // ------------------------------------------------------------------ recent runs

    private void configureRuns() {
        runs.setId("retention-runs");
        runs.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        runs.setHeight("20rem");
        runs.addColumn(r -> TIME.format(r.at())).setHeader("When (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(RunRow::at);
        runs.addColumn(RunRow::actor).setHeader("Actor").setAutoWidth(true).setFlexGrow(0);
        runs.addColumn(RunRow::action).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
        runs.addComponentColumn(r -> AuditLogView.outcomeBadge(r.outcome())).setHeader("Outcome").setAutoWidth(true).setFlexGrow(0)
                .setComparator(RunRow::outcome);
        runs.addColumn(RunRow::summary).setHeader("What happened").setFlexGrow(1).setResizable(true).setTooltipGenerator(RunRow::detail);
        Grids.sortable(runs);
        runs.setEmptyStateText("No retention runs recorded yet (or they are older than the audit log keeps).");
    }

    /**
     * One line of the recent runs: an audit entry, or the entries of one profile retention run (the module records one per
     * site) taken together.
     */
    record RunRow(Instant at, String actor, String action, String outcome, String summary, String detail) {
    }

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
        runs.setItems(runRows(entries.stream().filter(e -> !e.action().endsWith(".policy")).toList()));
    }

    /**
     * The entries, newest first, as lines: consecutive {@code retention.profiles} entries of one run (same trigger, each
     * site once) become one line; at most {@value #RECENT} lines.
     */
    List<RunRow> runRows(List<Entry> entries) {
        List<RunRow> rows = new ArrayList<>();
        List<Entry> group = new ArrayList<>();
        for (Entry e : entries) {
            if (rows.size() >= RECENT) {
                break;
            }
            if (e.action().equals(PROFILES_RUN)) {
                if (!group.isEmpty() && !sameRun(group, e)) {
                    rows.add(profileRun(group));
                    group = new ArrayList<>();
                }
                group.add(e);
                continue;
            }
            if (!group.isEmpty()) {
                rows.add(profileRun(group));
                group = new ArrayList<>();
            }
            rows.add(new RunRow(e.at(), e.actor(), e.action(), e.outcome(), summary(e), AuditLogView.pretty(e.detail())));
        }
        if (!group.isEmpty() && rows.size() < RECENT) {
            rows.add(profileRun(group));
        }
        return rows;
    }

    /** Whether an entry belongs to the run gathered so far: same trigger, a site not seen yet, written within minutes. */
    private static boolean sameRun(List<Entry> group, Entry e) {
        Entry last = group.get(group.size() - 1);
        String trigger = text(detail(e.detail()), "trigger");
        return trigger.equals(text(detail(last.detail()), "trigger"))
                && group.stream().noneMatch(g -> java.util.Objects.equals(g.target(), e.target()))
                && Duration.between(e.at(), last.at()).abs().compareTo(Duration.ofMinutes(5)) <= 0;
    }

    /** One profile retention run: totals, the sites where something was deleted, and each site's part in the detail. */
    private RunRow profileRun(List<Entry> group) {
        long profilesDeleted = 0;
        long enrichments = 0;
        List<String> withDeletions = new ArrayList<>();
        StringBuilder detail = new StringBuilder();
        for (int i = group.size() - 1; i >= 0; i--) { // in the order the run went through the sites
            Entry e = group.get(i);
            JsonObject d = detail(e.detail());
            long p = number(d, "profilesDeleted");
            long x = number(d, "enrichmentsDeleted");
            profilesDeleted += p;
            enrichments += x;
            String site = siteNames.getOrDefault(e.target(), e.target());
            if (p > 0) {
                withDeletions.add(site + " " + p);
            }
            detail.append(site).append(String.format(Locale.ROOT, ": %,d profiles, %,d enrichments deleted (not seen for %s)%n", p, x,
                    days((int) number(d, "days"))));
        }
        Entry newest = group.get(0);
        String trigger = text(detail(newest.detail()), "trigger");
        String summary = String.format(Locale.ROOT, "Profiles: %,d deleted, %,d enrichments, across %d site%s", profilesDeleted, enrichments,
                group.size(), group.size() == 1 ? "" : "s")
                + (withDeletions.isEmpty() ? "" : " — " + String.join(", ", withDeletions.stream().limit(10).toList())
                + (withDeletions.size() > 10 ? ", …" : ""))
                + (trigger.isEmpty() ? "" : " · " + trigger);
        String outcome = group.stream().map(Entry::outcome).filter(o -> !AuditOutcome.SUCCESS.name().equals(o)).findFirst()
                .orElse(AuditOutcome.SUCCESS.name());
        return new RunRow(newest.at(), newest.actor(), PROFILES_RUN, outcome, summary, detail.toString().strip());
    }

    /** An entry's detail in a sentence, for the runs this view knows; the JSON in short otherwise. */
    String summary(Entry e) {
        JsonObject d = detail(e.detail());
        String trigger = d.containsKey("trigger") ? " · " + text(d, "trigger") : "";
        return switch (e.action()) {
            case "retention.run" -> String.format(Locale.ROOT, "Raw events: %,d deleted", number(d, "eventsDeleted"))
                    + (d.containsKey("droppedPartitions") && d.get("droppedPartitions").getValueType() == JsonValue.ValueType.ARRAY
                    && !d.getJsonArray("droppedPartitions").isEmpty() ? ", " + d.getJsonArray("droppedPartitions").size() + " partitions dropped" : "")
                    + trigger;
            case "retention.audit" -> String.format(Locale.ROOT, "Audit log: %,d entries deleted (older than %s)", number(d, "deleted"),
                    days((int) number(d, "days")));
            case "retention.requested" -> e.actor() + " ran " + jobLabel(text(d, "job")).toLowerCase(Locale.ROOT) + " from the console";
            case "retention.failed" -> jobLabel(text(d, "job")) + " failed: " + text(d, "error");
            default -> shorten(e.detail());
        };
    }

    private static String jobLabel(String id) {
        for (Job j : Job.values()) {
            if (j.id.equals(id)) {
                return j.label;
            }
        }
        return "Retention";
    }

    private static JsonObject detail(String json) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            JsonValue v = JSON.createReader(new StringReader(json)).readValue();
            return v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT;
        } catch (JsonException | IllegalStateException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static long number(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null) {
            return 0;
        }
        return switch (v.getValueType()) {
            case NUMBER -> o.getJsonNumber(key).longValue();
            case STRING -> {
                try {
                    yield Long.parseLong(o.getString(key));
                } catch (NumberFormatException e) {
                    yield 0;
                }
            }
            default -> 0;
        };
    }

    private static String text(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        return v.getValueType() == JsonValue.ValueType.STRING ? o.getString(key) : v.toString();
    }

    private static String shorten(String json) {
        String s = json == null ? "" : json;
        return s.length() <= 160 ? s : s.substring(0, 157) + "…";
    }

    // ------------------------------------------------------------------ data inventory

    private Component inventoryHeading() {
        Button exportButton = new Button("Export CSV", VaadinIcon.DOWNLOAD_ALT.create());
        exportButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Anchor export = new Anchor((DownloadHandler) this::writeInventory, AttachmentType.DOWNLOAD, "");
        export.add(exportButton);
        export.setId("retention-inventory-csv");
        export.setTitle("The data inventory as CSV (module, kind, where, what, why, how long)");
        HorizontalLayout head = new HorizontalLayout(heading("Data inventory"), export);
        head.setAlignItems(Alignment.BASELINE);
        head.setWidthFull();
        Paragraph about = new Paragraph("Every kind of personal data each module stores: what, where, why and for how long, as declared by "
                + "the module. Privacy requests (export, erasure) reach all of them.");
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.NONE);
        Div box = new Div(head, about);
        box.setWidthFull();
        return box;
    }

    private Grid<InventoryItem> inventoryGrid() {
        Grid<InventoryItem> grid = new Grid<>(InventoryItem.class, false);
        grid.setId("retention-inventory");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        column(grid, InventoryItem::module, "Module").setAutoWidth(true).setFlexGrow(0).setSortable(true);
        column(grid, InventoryItem::kind, "Kind").setAutoWidth(true).setFlexGrow(0).setSortable(true);
        column(grid, InventoryItem::location, "Where").setWidth("14rem").setFlexGrow(1);
        column(grid, InventoryItem::contents, "What").setWidth("22rem").setFlexGrow(3);
        column(grid, InventoryItem::purpose, "Why").setWidth("16rem").setFlexGrow(2);
        column(grid, InventoryItem::retention, "How long").setWidth("12rem").setFlexGrow(1);
        Grids.sortable(grid);
        grid.setEmptyStateText("No module declares personal data.");
        grid.setItems(inventory);
        return grid;
    }

    private static Grid.Column<InventoryItem> column(Grid<InventoryItem> grid, Function<InventoryItem, String> value, String header) {
        return grid.addColumn(i -> value.apply(i) == null ? "" : value.apply(i)).setHeader(header).setResizable(true);
    }

    /** The inventory as shown (it changes only with a new version of Attune). */
    private void writeInventory(DownloadEvent event) throws IOException {
        event.setFileName("attune-data-inventory.csv");
        event.setContentType("text/csv");
        try (OutputStream out = event.getOutputStream(); Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader("module", "kind", "location", "contents",
                     "purpose", "retention").get())) {
            for (InventoryItem i : inventory) {
                csv.printRecord(i.module(), i.kind(), i.location(), i.contents(), i.purpose(), i.retention());
            }
        }
    }

    // ------------------------------------------------------------------ small helpers

    private static H3 heading(String text) {
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
