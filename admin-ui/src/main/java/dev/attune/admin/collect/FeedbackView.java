package dev.attune.admin.collect;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.StreamResource;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.CsvCells;
import dev.attune.admin.govern.LineageView;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.FeedbackEntry;
import dev.attune.feedback.api.FeedbackQuery;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.FeedbackSort;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Feedback explorer: every stored event, newest first, filtered and sorted in the database one page at a time. Each row
 * links to the event's lineage (Govern → Lineage).
 */
@Route(value = "feedback", layout = MainLayout.class)
@PageTitle("Feedback · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST})
public class FeedbackView extends VerticalLayout {
    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** An export streams page by page; this bounds one download. */
    static final int MAX_EXPORT_ROWS = 100_000;

    private final FeedbackService feedback;
    private final AuditLog audit;
    private final Grid<FeedbackEntry> grid = new Grid<>(FeedbackEntry.class, false);
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final ComboBox<EventType> type = new ComboBox<>("Type");
    private final TextField item = new TextField("Item");
    private final TextField subject = new TextField("Subject");
    private final TextField text = new TextField("Text contains");
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    /** The browser's time zone once known; times and date filters follow it. */
    private ZoneId zone = ZoneId.of("UTC");

    @Inject
    public FeedbackView(FeedbackService feedback, SiteService sites, AuditLog audit) {
        this.feedback = feedback;
        this.audit = audit;
        setSizeFull();
        configureFilters(sites.listSites());
        configureGrid();
        add(new H2("Feedback"), filters(), grid);
        refresh();
        getElement()
                .getNode()
                .runWhenAttached(ui -> ui.getPage().retrieveExtendedClientDetails(details -> {
                    zone = ZoneId.of(details.getTimeZoneId());
                    grid.getDataProvider().refreshAll();
                }));
    }

    private String time(Instant t) {
        return TIME_FORMAT.format(t.atZone(zone));
    }

    private void configureFilters(List<SiteSummary> siteList) {
        site.setItems(siteList);
        site.setItemLabelGenerator(SiteSummary::name);
        type.setItems(EventType.values());
        type.setItemLabelGenerator(EventType::wireName);
        for (TextField f : List.of(item, subject, text)) {
            f.setClearButtonVisible(true);
            f.setValueChangeMode(ValueChangeMode.LAZY);
        }
        site.setClearButtonVisible(true);
        type.setClearButtonVisible(true);
        from.setClearButtonVisible(true);
        to.setClearButtonVisible(true);
        site.addValueChangeListener(e -> refresh());
        type.addValueChangeListener(e -> refresh());
        item.addValueChangeListener(e -> refresh());
        subject.addValueChangeListener(e -> refresh());
        text.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        item.setId("filter-item");
    }

    private HorizontalLayout filters() {
        Button reload = new Button(VaadinIcon.REFRESH.create(), e -> refresh());
        reload.setTooltipText("Reload");
        reload.setAriaLabel("Reload");
        Anchor export = new Anchor(new StreamResource("feedback.csv", this::writeCsv), "Export CSV");
        export.getElement().setAttribute("download", true);
        export.setId("export-csv");
        HorizontalLayout bar = new HorizontalLayout(site, type, item, subject, text, from, to, reload, export);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);
        return bar;
    }

    private void configureGrid() {
        grid.setId("feedback-grid");
        grid.addColumn(e -> time(e.receivedAt()))
                .setHeader("Received")
                .setSortProperty("RECEIVED_AT")
                .setWidth("12.5rem")
                .setFlexGrow(0);
        grid.addColumn(FeedbackEntry::siteName)
                .setHeader("Site")
                .setWidth("10rem")
                .setResizable(true);
        grid.addColumn(FeedbackEntry::type)
                .setHeader("Type")
                .setSortProperty("TYPE")
                .setWidth("7rem")
                .setFlexGrow(0);
        grid.addColumn(FeedbackEntry::itemId)
                .setHeader("Item")
                .setSortProperty("ITEM")
                .setWidth("12rem")
                .setResizable(true);
        grid.addColumn(e ->
                        e.value() == null ? "" : e.value().stripTrailingZeros().toPlainString())
                .setHeader("Value")
                .setSortProperty("VALUE")
                .setWidth("6rem")
                .setFlexGrow(0);
        grid.addColumn(FeedbackEntry::subjectId)
                .setHeader("Subject")
                .setWidth("9rem")
                .setResizable(true);
        grid.addColumn(FeedbackEntry::text).setHeader("Text").setFlexGrow(1).setResizable(true);
        grid.addColumn(e -> time(e.occurredAt()))
                .setHeader("Occurred")
                .setSortProperty("OCCURRED_AT")
                .setWidth("12.5rem")
                .setFlexGrow(0);
        grid.addComponentColumn(FeedbackView::lineageLink)
                .setHeader("")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setFrozenToEnd(true);
        grid.setEmptyStateText("No feedback matches these filters. Events sent to POST /api/v1/events appear here.");
        grid.setMultiSort(false);
        grid.setSizeFull();
    }

    /** Each query (not each page of it) is an access to personal data: recorded with its filters. */
    private void refresh() {
        FeedbackQuery query = currentQuery();
        audit.record(
                "feedback.browse",
                query.siteId() == null ? "all sites" : query.siteId().toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of("via", "console", "filters", query.toString()));
        grid.setItems(q -> fetch(query, q), q -> (int) Math.min(Integer.MAX_VALUE, feedback.count(query)));
    }

    private Stream<FeedbackEntry> fetch(FeedbackQuery filter, Query<FeedbackEntry, Void> page) {
        FeedbackSort sort = page.getSortOrders().stream()
                .findFirst()
                .map(o -> new FeedbackSort(
                        FeedbackSort.Field.valueOf(o.getSorted()), o.getDirection() == SortDirection.ASCENDING))
                .orElse(FeedbackSort.newestFirst());
        return feedback.search(filter, sort, page.getOffset(), page.getLimit()).stream();
    }

    private FeedbackQuery currentQuery() {
        LocalDate toDate = to.getValue();
        return new FeedbackQuery(
                site.getValue() == null ? null : site.getValue().id(),
                type.getValue(),
                blankToNull(item.getValue()),
                blankToNull(subject.getValue()),
                from.getValue() == null
                        ? null
                        : from.getValue().atStartOfDay(zone).toInstant(),
                toDate == null ? null : toDate.plusDays(1).atStartOfDay(zone).toInstant(),
                blankToNull(text.getValue()));
    }

    /** The rows matching the filters at the time of the download, newest first; the export is audited. */
    private void writeCsv(OutputStream out, VaadinSession session) throws IOException {
        FeedbackQuery query = currentQuery();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        long rows = 0;
        try (CSVPrinter csv = new CSVPrinter(
                writer,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(
                                "event_id",
                                "site",
                                "type",
                                "item_id",
                                "value",
                                "subject_id",
                                "text",
                                "occurred_at",
                                "received_at")
                        .get())) {
            for (int offset = 0; offset < MAX_EXPORT_ROWS; offset += 1_000) {
                List<FeedbackEntry> page = feedback.search(query, FeedbackSort.newestFirst(), offset, 1_000);
                for (FeedbackEntry e : page) {
                    csv.printRecord(CsvCells.row(
                            e.eventId(),
                            e.siteName(),
                            e.type(),
                            e.itemId(),
                            e.value() == null
                                    ? null
                                    : e.value().stripTrailingZeros().toPlainString(),
                            e.subjectId(),
                            e.text(),
                            e.occurredAt(),
                            e.receivedAt()));
                }
                rows += page.size();
                if (page.size() < 1_000) {
                    break;
                }
            }
        }
        audit.record(
                "feedback.export",
                query.siteId() == null ? "all sites" : query.siteId().toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of("rows", rows, "filters", query.toString()));
    }

    /** Opens Govern → Lineage on this event: what Attune derived from it. */
    private static RouterLink lineageLink(FeedbackEntry e) {
        RouterLink link = new RouterLink("Lineage", LineageView.class);
        link.setQueryParameters(LineageView.eventQuery(e.siteId(), e.eventId()));
        link.setId("feedback-lineage-" + e.eventId());
        link.getElement().setAttribute("title", "What Attune derived from this event");
        link.addClassNames(LumoUtility.FontSize.SMALL);
        return link;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
