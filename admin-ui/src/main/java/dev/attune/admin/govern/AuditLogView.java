package dev.attune.admin.govern;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.CsvCells;
import dev.attune.admin.components.Problems;
import dev.attune.admin.shell.MainLayout;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.AuditLog.ChainVerification;
import dev.attune.platform.api.AuditTrail;
import dev.attune.platform.api.AuditTrail.Entry;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** What the verification and the export name as their target, as the admin API does. */
    private static final String LOG_TARGET = "platform.audit_entry";
    /** An export streams page by page; this bounds one download. */
    static final int MAX_EXPORT_ROWS = 100_000;

    private static final int EXPORT_PAGE = 1_000;

    private final AuditTrail trail;
    private final AuditLog audit;
    private final AuditFilterForm filters;
    private final Span total = new Span();
    private final Button verify = new Button("Verify chain", VaadinIcon.CHECK_CIRCLE_O.create());
    private final ProgressBar verifying = new ProgressBar();
    private final ChainVerificationBanner verifyResult = new ChainVerificationBanner();
    private final Grid<Entry> grid = new Grid<>(Entry.class, false);
    private final AuditEntryPanel detail = new AuditEntryPanel();
    /** The filters the grid shows, for the export (which runs in its own request). */
    private volatile AuditTrail.Query current = AuditTrail.Query.ALL;

    @Inject
    public AuditLogView(AuditTrail trail, AuditLog audit) {
        this.trail = trail;
        this.audit = audit;
        setSizeFull();
        Paragraph intro = new Paragraph(
                "Every change, sign-in and refused call in Attune, by whom and from where. The log is append-only "
                        + "and hash-chained: each entry's hash covers the one before it, so an entry altered or removed afterwards breaks the "
                        + "chain from there on. \"Verify chain\" recomputes it.");
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);
        filters = new AuditFilterForm(trail.actions());
        filters.addFilterListener(e -> refresh());
        configureGrid();
        detail.addSameActorListener(e -> filters.filterToActor(e.actor()));
        detail.addSameTargetListener(e -> filters.filterToTarget(e.target()));
        add(new H2("Audit log"), intro, filters, actions(), verifyResult, grid, detail);
        refresh();
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
        export.setTitle("The entries matching the filters, newest first (up to "
                + String.format(Locale.ROOT, "%,d", MAX_EXPORT_ROWS) + " rows)");

        total.setId("audit-total");
        total.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        HorizontalLayout bar = new HorizontalLayout(verify, verifying, export, total);
        bar.setAlignItems(Alignment.CENTER);
        bar.setWrap(true);
        return bar;
    }

    // ------------------------------------------------------------------ the entries

    private void configureGrid() {
        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setMinHeight("18rem");
        grid.setHeight("28rem");
        grid.addColumn(Entry::id)
                .setHeader("#")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setSortable(false);
        grid.addColumn(e -> TIME.format(e.at()))
                .setHeader("When (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setSortable(false);
        grid.addColumn(Entry::actor)
                .setHeader("Actor")
                .setWidth("10rem")
                .setResizable(true)
                .setSortable(false);
        grid.addColumn(Entry::action)
                .setHeader("Action")
                .setWidth("13rem")
                .setResizable(true)
                .setSortable(false);
        grid.addColumn(e -> e.target() == null ? "" : e.target())
                .setHeader("Target")
                .setFlexGrow(1)
                .setResizable(true)
                .setSortable(false)
                .setTooltipGenerator(e -> e.target() == null ? "" : e.target());
        grid.addComponentColumn(e -> AuditEntryPanel.outcomeBadge(e.outcome()))
                .setHeader("Outcome")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.sourceIp() == null ? "" : e.sourceIp())
                .setHeader("Source IP")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setSortable(false);
        grid.setEmptyStateText("No entries match these filters. Clear them to see the whole log.");
        grid.addSelectionListener(e -> detail.show(e.getFirstSelectedItem().orElse(null)));
    }

    /**
     * Reloads the grid lazily for the current filters: counted once, then each page is one query, newest first. Entries
     * written meanwhile show after the next reload.
     */
    private void refresh() {
        AuditTrail.Query q = filters.query();
        current = q;
        detail.show(null);
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

    // ------------------------------------------------------------------ chain verification

    /** Shows the progress indicator and verifies on the next round trip, so the browser shows it while the chain is read. */
    private void startVerify() {
        verify.setEnabled(false);
        verifying.setVisible(true);
        verifyResult.hide();
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
        verifyResult.show(v, Instant.now());
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

    /** Clears the filters, scrolls the grid to this entry and shows it. */
    private void jumpTo(long id) {
        filters.clear();
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
        detail.show(found.entry());
    }

    /** An entry and where it sits in the unfiltered log, newest first. */
    private record Located(int position, Entry entry) {}

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
        try (OutputStream out = event.getOutputStream();
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(
                        writer,
                        CSVFormat.RFC4180
                                .builder()
                                .setHeader(
                                        "id",
                                        "occurred_at",
                                        "actor",
                                        "action",
                                        "target",
                                        "outcome",
                                        "source_ip",
                                        "detail",
                                        "hash")
                                .get())) {
            for (int offset = 0; offset < MAX_EXPORT_ROWS; offset += EXPORT_PAGE) {
                List<Entry> page = trail.search(q, offset, Math.min(EXPORT_PAGE, MAX_EXPORT_ROWS - offset));
                for (Entry e : page) {
                    csv.printRecord(CsvCells.row(
                            e.id(),
                            e.at(),
                            e.actor(),
                            e.action(),
                            e.target(),
                            e.outcome(),
                            e.sourceIp(),
                            e.detail(),
                            e.hash()));
                }
                rows += page.size();
                if (page.size() < EXPORT_PAGE) {
                    break;
                }
            }
        }
        audit.record(
                "audit.export",
                LOG_TARGET,
                AuditOutcome.SUCCESS,
                Map.of("rows", rows, "filters", describe(q), "via", "console"));
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
}
