package dev.attune.admin.govern;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Problems;
import dev.attune.admin.shell.MainLayout;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.AuditLog.ChainVerification;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditTrail.Entry;
import dev.attune.platform.api.AuditTrail;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The audit log: every change, sign-in and refused call of every module, newest first, filtered by actor, action
 * (an action or a prefix such as {@code identity.}), target, text in the detail, outcome and time (UTC), read from the
 * database one page at a time. A selected entry shows its detail (before/after where the action recorded them) and
 * its hash. "Verify chain" recomputes the hash chain and says whether it is intact or which entry was altered or
 * removed after it was written (and shows that entry); "Export CSV" downloads the filtered entries. Both are audited.
 * Admins and auditors only; nobody changes anything here.
 */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit log · Attune")
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
public class AuditLogView extends VerticalLayout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final List<String> OUTCOMES = List.of(AuditOutcome.SUCCESS.name(), AuditOutcome.FAILURE.name(),
            AuditOutcome.DENIED.name());
    /** What the verification and the export name as their target, as the admin API does. */
    private static final String LOG_TARGET = "platform.audit_entry";
    /** An export streams page by page; this bounds one download. */
    static final int MAX_EXPORT_ROWS = 100_000;
    private static final int EXPORT_PAGE = 1_000;

    private final AuditTrail trail;
    private final AuditLog audit;
    private final TextField actor = new TextField("Actor");
    private final ComboBox<String> action = new ComboBox<>("Action");
    private final TextField target = new TextField("Target contains");
    private final TextField text = new TextField("Detail contains");
    private final Select<String> outcome = new Select<>();
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final Span total = new Span();
    private final Button verify = new Button("Verify chain", VaadinIcon.CHECK_CIRCLE_O.create());
    private final ProgressBar verifying = new ProgressBar();
    private final Div verifyResult = new Div();
    private final Grid<Entry> grid = new Grid<>(Entry.class, false);
    private final VerticalLayout detail = new VerticalLayout();
    /** The filters the grid shows, for the export (which runs in its own request). */
    private volatile AuditTrail.Query current = AuditTrail.Query.ALL;
    /** Set while several filters change at once, so the grid reloads once. */
    private boolean quiet;

    @Inject
    public AuditLogView(AuditTrail trail, AuditLog audit) {
        this.trail = trail;
        this.audit = audit;
        setSizeFull();
        Paragraph intro = new Paragraph("Every change, sign-in and refused call in Attune, by whom and from where. The log is append-only "
                + "and hash-chained: each entry's hash covers the one before it, so an entry altered or removed afterwards breaks the "
                + "chain from there on. \"Verify chain\" recomputes it.");
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);
        configureFilters();
        configureGrid();
        detail.setPadding(false);
        detail.setSpacing(false);
        detail.setId("audit-detail");
        verifyResult.setId("audit-verify-result");
        verifyResult.setVisible(false);
        verifyResult.setWidthFull();
        add(new H2("Audit log"), intro, filters(), actions(), verifyResult, grid, detail);
        refresh();
    }

    // ------------------------------------------------------------------ filters

    private void configureFilters() {
        actor.setId("audit-filter-actor");
        actor.setHelperText("User name, exactly; or system");
        actor.setWidth("12rem");
        target.setId("audit-filter-target");
        target.setWidth("14rem");
        text.setId("audit-filter-text");
        text.setWidth("14rem");
        for (TextField f : List.of(actor, target, text)) {
            f.setClearButtonVisible(true);
            f.setValueChangeMode(ValueChangeMode.LAZY);
            f.addValueChangeListener(e -> filtersChanged());
        }

        action.setId("audit-filter-action");
        action.setWidth("16rem");
        action.setClearButtonVisible(true);
        action.setAllowCustomValue(true);
        action.setHelperText("An action, or a prefix: identity. finds every identity action");
        List<String> known = actionChoices();
        action.setItems(known);
        action.setItemLabelGenerator(a -> a.endsWith(".") ? a + "*" : a);
        action.addCustomValueSetListener(e -> {
            String typed = e.getDetail() == null ? "" : e.getDetail().strip();
            if (typed.isEmpty()) {
                action.clear();
                return;
            }
            if (!known.contains(typed)) {
                known.add(typed);
                action.setItems(known);
            }
            action.setValue(typed);
        });
        action.addValueChangeListener(e -> filtersChanged());

        outcome.setLabel("Outcome");
        outcome.setId("audit-filter-outcome");
        outcome.setItems(OUTCOMES);
        outcome.setEmptySelectionAllowed(true);
        outcome.setEmptySelectionCaption("Any");
        outcome.setWidth("9rem");
        outcome.addValueChangeListener(e -> filtersChanged());

        for (DateTimePicker picker : List.of(from, to)) {
            picker.setDatePlaceholder("Date");
            picker.setTimePlaceholder("Time");
            picker.addValueChangeListener(e -> filtersChanged());
        }
        from.setId("audit-filter-from");
        to.setId("audit-filter-to");
        to.setHelperText("Up to, not including");
    }

    /** Every recorded action, and the prefix of each family of them ("identity.", "user.", ...), sorted. */
    private List<String> actionChoices() {
        TreeSet<String> choices = new TreeSet<>();
        for (String a : trail.actions()) {
            choices.add(a);
            int dot = a.indexOf('.');
            if (dot > 0) {
                choices.add(a.substring(0, dot + 1));
            }
        }
        return new java.util.ArrayList<>(choices);
    }

    private HorizontalLayout filters() {
        Button clear = new Button("Clear", VaadinIcon.CLOSE_SMALL.create(), e -> {
            clearFilters();
            refresh();
        });
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        clear.setId("audit-filter-clear");
        Button reload = new Button(VaadinIcon.REFRESH.create(), e -> refresh());
        reload.setTooltipText("Reload");
        reload.setAriaLabel("Reload");
        reload.setId("audit-reload");
        HorizontalLayout bar = new HorizontalLayout(actor, action, target, text, outcome, from, to, clear, reload);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);
        return bar;
    }

    private HorizontalLayout actions() {
        verify.setId("audit-verify");
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        verify.addClickListener(e -> startVerify());
        verify.setTooltipText("Recompute every entry's hash and check that each follows the one before");
        verifying.setIndeterminate(true);
        verifying.setWidth("10rem");
        verifying.setVisible(false);
        verifying.setId("audit-verifying");

        Button exportButton = new Button("Export CSV", VaadinIcon.DOWNLOAD_ALT.create());
        Anchor export = new Anchor((DownloadHandler) this::writeCsv, AttachmentType.DOWNLOAD, "");
        export.add(exportButton);
        export.setId("audit-export");
        export.setTitle("The entries matching the filters, newest first (up to " + String.format(Locale.ROOT, "%,d", MAX_EXPORT_ROWS)
                + " rows)");

        total.setId("audit-total");
        total.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        HorizontalLayout bar = new HorizontalLayout(verify, verifying, export, total);
        bar.setAlignItems(Alignment.CENTER);
        bar.setWrap(true);
        return bar;
    }

    private void filtersChanged() {
        if (!quiet) {
            refresh();
        }
    }

    private void clearFilters() {
        quiet = true;
        try {
            actor.clear();
            action.clear();
            target.clear();
            text.clear();
            outcome.clear();
            from.clear();
            to.clear();
        } finally {
            quiet = false;
        }
    }

    /** The filters as a query; a time range that ends before it starts is marked on the "To" field. */
    private AuditTrail.Query query() {
        Instant start = utc(from.getValue());
        Instant end = utc(to.getValue());
        boolean backwards = start != null && end != null && !end.isAfter(start);
        to.setErrorMessage("Must be after \"From\"");
        to.setInvalid(backwards);
        String outcomeValue = outcome.getValue() == null || outcome.getValue().isBlank() ? null : outcome.getValue();
        return new AuditTrail.Query(blankToNull(actor.getValue()), blankToNull(action.getValue()), blankToNull(target.getValue()),
                blankToNull(text.getValue()), outcomeValue, start, end);
    }

    // ------------------------------------------------------------------ the entries

    private void configureGrid() {
        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setMinHeight("18rem");
        grid.setHeight("28rem");
        grid.addColumn(Entry::id).setHeader("#").setAutoWidth(true).setFlexGrow(0).setSortable(false);
        grid.addColumn(e -> TIME.format(e.at())).setHeader("When (UTC)").setAutoWidth(true).setFlexGrow(0).setSortable(false);
        grid.addColumn(Entry::actor).setHeader("Actor").setWidth("10rem").setResizable(true).setSortable(false);
        grid.addColumn(Entry::action).setHeader("Action").setWidth("13rem").setResizable(true).setSortable(false);
        grid.addColumn(e -> e.target() == null ? "" : e.target()).setHeader("Target").setFlexGrow(1).setResizable(true)
                .setSortable(false).setTooltipGenerator(e -> e.target() == null ? "" : e.target());
        grid.addComponentColumn(e -> outcomeBadge(e.outcome())).setHeader("Outcome").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.sourceIp() == null ? "" : e.sourceIp()).setHeader("Source IP").setAutoWidth(true).setFlexGrow(0)
                .setSortable(false);
        grid.setEmptyStateText("No entries match these filters. Clear them to see the whole log.");
        grid.addSelectionListener(e -> show(e.getFirstSelectedItem().orElse(null)));
    }

    /**
     * Reloads the grid lazily for the current filters: counted once, then each page is one query, newest first. Entries
     * written meanwhile show after the next reload.
     */
    private void refresh() {
        AuditTrail.Query q = query();
        current = q;
        detail.removeAll();
        long n;
        try {
            n = trail.count(q);
        } catch (RuntimeException ex) {
            Problems.show(ex);
            n = 0;
        }
        total.setText(String.format(Locale.ROOT, "%,d entr%s", n, n == 1 ? "y" : "ies"));
        int size = (int) Math.min(Integer.MAX_VALUE, n);
        grid.setItems(page -> trail.search(q, page.getOffset(), page.getLimit()).stream(), page -> size);
    }

    private void show(Entry e) {
        detail.removeAll();
        if (e == null) {
            return;
        }
        H3 title = new H3("Entry #" + e.id());
        title.setId("audit-detail-title");
        title.addClassNames(LumoUtility.Margin.Vertical.NONE);
        HorizontalLayout head = new HorizontalLayout(title, outcomeBadge(e.outcome()));
        head.setAlignItems(Alignment.BASELINE);
        Button sameActor = new Button("Entries by " + e.actor(), ev -> filterTo(actor, e.actor()));
        sameActor.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        head.add(sameActor);
        if (e.target() != null && !e.target().isBlank()) {
            Button sameTarget = new Button("Entries about this target", ev -> filterTo(target, e.target()));
            sameTarget.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            head.add(sameTarget);
        }
        head.setWrap(true);
        Paragraph meta = new Paragraph(FULL.format(e.at()) + " UTC · " + e.actor() + " · " + e.action()
                + (e.target() == null ? "" : " · " + e.target()) + (e.sourceIp() == null ? "" : " · from " + e.sourceIp()));
        meta.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.XSMALL);

        Pre json = new Pre(pretty(e.detail()));
        json.setId("audit-detail-json");
        monospace(json);
        json.addClassNames(LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Background.CONTRAST_5,
                LumoUtility.Margin.Vertical.XSMALL);
        json.setWidthFull();
        json.getStyle().set("white-space", "pre-wrap").set("overflow-wrap", "anywhere").set("max-height", "24rem").set("overflow", "auto");

        Span hash = new Span(e.hash());
        hash.setId("audit-detail-hash");
        monospace(hash);
        hash.getStyle().set("overflow-wrap", "anywhere");
        Paragraph about = new Paragraph("SHA-256 over the previous entry's hash and every field of this one, as written.");
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.XSMALL, LumoUtility.Margin.Vertical.NONE);
        detail.add(head, meta, new H4("Detail"), json, new H4("Hash"), hash, about);
    }

    private void filterTo(TextField field, String value) {
        clearFilters();
        quiet = true;
        try {
            field.setValue(value);
        } finally {
            quiet = false;
        }
        refresh();
    }

    // ------------------------------------------------------------------ chain verification

    /** Shows the progress indicator and verifies on the next round trip, so the browser shows it while the chain is read. */
    private void startVerify() {
        verify.setEnabled(false);
        verifying.setVisible(true);
        verifyResult.setVisible(false);
        getElement().executeJs("return 0").then(Integer.class, ignored -> runVerify(), error -> finishVerify());
    }

    private void runVerify() {
        ChainVerification v;
        try {
            v = audit.verifyChain();
        } catch (RuntimeException ex) {
            finishVerify();
            Problems.show(ex);
            return;
        }
        finishVerify();
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("checked", v.entriesChecked());
        if (!v.intact()) {
            recorded.put("firstBroken", v.firstBrokenEntryId());
        }
        recorded.put("via", "console");
        audit.record("audit.verify", LOG_TARGET, v.intact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, recorded);
        showVerification(v);
        if (!v.intact()) {
            jumpTo(v.firstBrokenEntryId());
        } else {
            refresh(); // the verification itself is now the newest entry
        }
    }

    private void finishVerify() {
        verifying.setVisible(false);
        verify.setEnabled(true);
    }

    /** The green or red banner with the outcome of a verification. */
    private void showVerification(ChainVerification v) {
        verifyResult.removeAll();
        verifyResult.removeClassNames(LumoUtility.Background.SUCCESS_10, LumoUtility.TextColor.SUCCESS, LumoUtility.Background.ERROR_10,
                LumoUtility.TextColor.ERROR);
        String checked = String.format(Locale.ROOT, "%,d", v.entriesChecked());
        Icon icon;
        Span message;
        if (v.intact()) {
            icon = VaadinIcon.CHECK_CIRCLE.create();
            message = new Span("Chain intact: " + checked + " entries checked");
            verifyResult.addClassNames(LumoUtility.Background.SUCCESS_10, LumoUtility.TextColor.SUCCESS);
        } else {
            icon = VaadinIcon.WARNING.create();
            message = new Span("Chain broken at entry #" + v.firstBrokenEntryId() + " — it was altered or removed after it was written ("
                    + checked + " entries checked)");
            verifyResult.addClassNames(LumoUtility.Background.ERROR_10, LumoUtility.TextColor.ERROR);
        }
        icon.setSize("var(--lumo-icon-size-s)");
        message.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        Span when = new Span(" · verified " + TIME.format(Instant.now()) + " UTC");
        when.addClassNames(LumoUtility.FontSize.SMALL);
        HorizontalLayout line = new HorizontalLayout(icon, message, when);
        line.setAlignItems(Alignment.CENTER);
        line.setSpacing(true);
        verifyResult.add(line);
        if (!v.intact()) {
            Paragraph next = new Paragraph("Every entry before it is intact; the check stops at the first break. Compare the entry with "
                    + "your backups and find out who had write access to the database.");
            next.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.XSMALL);
            verifyResult.add(next);
        }
        verifyResult.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM);
        verifyResult.setVisible(true);
    }

    /** Clears the filters, scrolls the grid to this entry and shows it. */
    private void jumpTo(long id) {
        clearFilters();
        refresh();
        Located found;
        try {
            found = locate(id);
        } catch (RuntimeException ex) {
            Problems.show(ex);
            return;
        }
        if (found == null) {
            return;
        }
        grid.scrollToIndex(found.position());
        grid.select(found.entry());
        show(found.entry());
    }

    /** An entry and where it sits in the unfiltered log, newest first. */
    private record Located(int position, Entry entry) {
    }

    /**
     * Finds an entry in the unfiltered log, or null: ids only grow, so at most {@code newest - id} entries come before
     * it (fewer where ids were skipped), and a binary search over the offsets finds it in a few one-row queries.
     */
    private Located locate(long id) {
        Entry newest = entryAt(0);
        if (newest == null || newest.id() < id) {
            return null;
        }
        long lo = 0;
        long hi = Math.min(trail.count(AuditTrail.Query.ALL) - 1, newest.id() - id);
        if (hi < 0 || hi > Integer.MAX_VALUE) {
            return null;
        }
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            Entry at = entryAt(mid);
            if (at != null && at.id() > id) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Entry at = entryAt(lo);
        return at != null && at.id() == id ? new Located((int) lo, at) : null;
    }

    private Entry entryAt(long offset) {
        List<Entry> one = trail.search(AuditTrail.Query.ALL, (int) offset, 1);
        return one.isEmpty() ? null : one.get(0);
    }

    // ------------------------------------------------------------------ export

    /** The entries matching the filters at the time of the download, newest first; the export is audited. */
    private void writeCsv(DownloadEvent event) throws IOException {
        AuditTrail.Query q = current;
        event.setFileName("attune-audit-log.csv");
        event.setContentType("text/csv");
        long rows = 0;
        try (OutputStream out = event.getOutputStream(); Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader("id", "occurred_at", "actor", "action",
                     "target", "outcome", "source_ip", "detail", "hash").get())) {
            for (int offset = 0; offset < MAX_EXPORT_ROWS; offset += EXPORT_PAGE) {
                List<Entry> page = trail.search(q, offset, Math.min(EXPORT_PAGE, MAX_EXPORT_ROWS - offset));
                for (Entry e : page) {
                    csv.printRecord(e.id(), e.at(), e.actor(), e.action(), e.target(), e.outcome(), e.sourceIp(), e.detail(), e.hash());
                }
                rows += page.size();
                if (page.size() < EXPORT_PAGE) {
                    break;
                }
            }
        }
        audit.record("audit.export", LOG_TARGET, AuditOutcome.SUCCESS, Map.of("rows", rows, "filters", describe(q), "via", "console"));
    }

    /** The filters of a query as recorded with an export: only those set. */
    private static Map<String, String> describe(AuditTrail.Query q) {
        Map<String, String> set = new LinkedHashMap<>();
        put(set, "actor", q.actor());
        put(set, "action", q.action());
        put(set, "target", q.target());
        put(set, "text", q.text());
        put(set, "outcome", q.outcome());
        put(set, "from", q.from() == null ? null : q.from().toString());
        put(set, "to", q.to() == null ? null : q.to().toString());
        return set;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    // ------------------------------------------------------------------ small helpers

    /** SUCCESS green, FAILURE red, DENIED amber. */
    static Span outcomeBadge(String outcome) {
        return Badges.badge(outcome, switch (outcome == null ? "" : outcome) {
            case "SUCCESS" -> "success";
            case "FAILURE" -> "error";
            case "DENIED" -> "warning";
            default -> "contrast";
        });
    }

    /** The detail JSON indented, or as stored if it does not parse. */
    static String pretty(String json) {
        if (json == null || json.isBlank()) {
            return "{}";
        }
        try {
            JsonValue value = JSON.createReader(new StringReader(json)).readValue();
            StringWriter out = new StringWriter();
            JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out).write(value);
            return out.toString().strip();
        } catch (JsonException | IllegalStateException e) {
            return json;
        }
    }

    private static void monospace(Component c) {
        c.getStyle().set("font-family", "var(--lumo-font-family-monospace, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace)")
                .set("font-size", "var(--lumo-font-size-s)");
    }

    private static Instant utc(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
