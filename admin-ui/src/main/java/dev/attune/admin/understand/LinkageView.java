package dev.attune.admin.understand;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.server.streams.UploadMetadata;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.Ids;
import dev.attune.admin.components.Problems;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.LinkageService.ImportSummary;
import dev.attune.identity.api.LinkageService.ReviewItem;
import dev.attune.identity.api.LinkageService;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Record linkage of a site's contacts: an analyst uploads a CSV of CRM contacts, which the identity module links into
 * the identity graph with a Fellegi-Sunter model fitted on the file itself (likely matches linked at once, uncertain
 * pairs queued), and sees what the import did. Below, the past imports, and the review queue: each uncertain pair
 * side by side, field by field, with the model's evidence per field, to decide "same person" (the contacts are linked)
 * or "different people". Reading the queue shows both contacts in clear and is audited, like the admin API.
 */
@Route(value = "linkage", layout = MainLayout.class)
@PageTitle("Record linkage · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST})
public class LinkageView extends VerticalLayout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
    private static final int LIMIT = 200;
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9_-]{1,40}");
    /** "rows/12/email": the service's name for a field of a row of the file. */
    private static final Pattern ROW_FIELD = Pattern.compile("rows/(\\d+)(?:/(.+))?");
    /** The contact fields the model compares, in the order the comparison shows them, with their labels. */
    private static final Map<String, String> FIELDS = fields();
    private static final String SAMPLE_CSV = """
            id,user_id,email,phone,given_name,surname,date_of_birth,street,postcode,city,state
            c-1001,u-42,ann.smith@example.com,+44 20 7946 0958,Ann,Smith,1984-03-12,12 High Street,SW1A 1AA,London,
            c-1002,,annsmith@example.com,020 7946 0958,Anne,Smyth,19840312,12 High St,SW1A 1AA,London,
            c-1003,,jo.bloggs@example.org,,Bloggs,Jo,1990-07-01,3 Mill Lane,M1 1AE,Manchester,
            c-1004,u-58,joe.bloggs@example.org,+44 161 496 0000,Jo,Bloggs,1990-07-01,3 Mill Ln,M1 1AE,Manchester,
            c-1005,u-77,li.wei@example.net,+1 415 555 0100,Wei,Li,1975-11-30,500 Market St,94105,San Francisco,CA
            """;

    /** The review queue's status filter: what the user picks and what the service is asked for (null: all). */
    private enum Status {
        OPEN("Open", "open"), ACCEPTED("Accepted", "accepted"), REJECTED("Rejected", "rejected"), ALL("All", null);

        final String label;
        final String wire;

        Status(String label, String wire) {
            this.label = label;
            this.wire = wire;
        }
    }

    private final LinkageService linkage;
    private final AuditLog audit;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");

    private final TextField source = new TextField("Source");
    private final NumberField matchFrom = new NumberField("Link from probability");
    private final NumberField reviewFrom = new NumberField("Review from");
    private final Upload upload = new Upload(UploadHandler.inMemory(this::received));
    private final HorizontalLayout running = new HorizontalLayout();
    private final Span runningText = new Span();
    private final Div result = new Div();
    /** An import is waiting for its round trip or running: a second upload is refused meanwhile. */
    private boolean importing;

    private final Grid<ImportSummary> imports = new Grid<>(ImportSummary.class, false);
    private final Map<UUID, ImportSummary> importsById = new HashMap<>();

    private final RadioButtonGroup<Status> status = new RadioButtonGroup<>();
    private final Span queueLabel = new Span();
    private final Grid<ReviewItem> reviews = new Grid<>(ReviewItem.class, false);
    private final VerticalLayout detail = new VerticalLayout();
    /** The items the queue grid shows, in its order (most probable first), to find the next one after a decision. */
    private List<ReviewItem> queue = List.of();
    /** Set while the grid's items are replaced, so the momentary deselection does not clear the comparison. */
    private boolean refreshing;
    /** Where the comparison of an open pair says why a decision was refused. */
    private Div decideErrors;

    @Inject
    public LinkageView(SiteService siteService, LinkageService linkage, AuditLog audit) {
        this.linkage = linkage;
        this.audit = audit;
        setSizeFull();
        List<SiteSummary> sites = siteService.listSites();
        site.setItems(sites);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.setId("linkage-site");
        site.addValueChangeListener(e -> {
            result.removeAll();
            validateSettings();
            refreshImports();
            refreshReviews(null);
        });
        Button reload = new Button(VaadinIcon.REFRESH.create(), e -> {
            refreshImports();
            refreshReviews(selectedId());
        });
        reload.setTooltipText("Reload");
        reload.setAriaLabel("Reload");
        HorizontalLayout bar = new HorizontalLayout(site, reload);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);
        Paragraph intro = new Paragraph("Contacts from a CRM or another system become identifiers of the identity graph, linked to their "
                + "email, phone and user id. Contacts that look like the same person are linked when the model is sure enough; the pairs "
                + "it is unsure about wait in the review queue below for a person to decide.");
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);

        configureImports();
        configureReviews();
        detail.setPadding(false);
        detail.setId("linkage-detail");
        H3 importsTitle = new H3("Imports");
        HorizontalLayout queueHead = new HorizontalLayout(new H3(queueLabel), status);
        queueHead.setAlignItems(Alignment.BASELINE);
        queueHead.setWrap(true);
        Paragraph aboutQueue = new Paragraph("Pairs whose match probability lies between the \"review from\" and \"link from\" "
                + "probabilities of their import, most probable first. Select one to compare the two contacts field by field.");
        aboutQueue.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        add(new H2("Record linkage"), intro, bar, importCard(), importsTitle, imports, queueHead, aboutQueue, reviews, detail);
        if (!sites.isEmpty()) {
            site.setValue(sites.get(0));
        } else {
            validateSettings();
        }
    }

    private UUID siteId() {
        return site.getValue() == null ? null : site.getValue().id();
    }

    // ------------------------------------------------------------------ import

    /** The "Import contacts" card: settings, the upload, what the file looks like, and the outcome of the last import. */
    private Component importCard() {
        source.setId("linkage-source");
        source.setValue("crm");
        source.setWidth("12rem");
        source.setMaxLength(40);
        source.setAllowedCharPattern("[a-z0-9_-]");
        source.setValueChangeMode(ValueChangeMode.EAGER);
        source.setManualValidation(true);
        source.setHelperText("Contacts become identifiers crm:<id>");
        for (NumberField f : List.of(matchFrom, reviewFrom)) {
            f.setMin(0.01);
            f.setMax(0.99);
            f.setStep(0.01);
            f.setWidth("11rem");
            f.setValueChangeMode(ValueChangeMode.EAGER);
            // validateSettings() decides: the service takes any probability in (0, 1), not only steps of 0.01
            f.setManualValidation(true);
        }
        matchFrom.setId("linkage-match");
        matchFrom.setValue(0.95);
        matchFrom.setHelperText("Linked at once");
        reviewFrom.setId("linkage-review");
        reviewFrom.setValue(0.5);
        reviewFrom.setHelperText("Up to \"link from\": queued");
        source.addValueChangeListener(e -> validateSettings());
        matchFrom.addValueChangeListener(e -> validateSettings());
        reviewFrom.addValueChangeListener(e -> validateSettings());
        HorizontalLayout settings = new HorizontalLayout(source, matchFrom, reviewFrom);
        settings.setAlignItems(Alignment.BASELINE);
        settings.setWrap(true);

        upload.setId("linkage-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_UPLOAD_BYTES);
        upload.setAcceptedFileTypes("text/csv", ".csv");
        upload.setUploadButton(new Button("Choose a CSV file…", VaadinIcon.UPLOAD.create()));
        upload.setDropLabel(new Span("or drop it here (up to 20 MB); the import starts as soon as it is uploaded"));
        upload.setWidthFull();
        upload.addFileRejectedListener(e -> failure("The file was refused (" + e.getErrorMessage().replaceAll("[.\\s]+$", "")
                + "): a contacts file is a .csv of at most 20 MB.", List.of()));

        ProgressBar progress = new ProgressBar();
        progress.setIndeterminate(true);
        progress.setWidth("12rem");
        runningText.addClassNames(LumoUtility.FontSize.SMALL);
        running.add(progress, runningText);
        running.setAlignItems(Alignment.CENTER);
        running.setId("linkage-running");
        running.setVisible(false);
        result.setId("linkage-result");
        result.setWidthFull();

        Paragraph format = new Paragraph();
        format.add(new Text("A CSV file (UTF-8, comma separated) with a header row. "), new Code("id"),
                new Text(" is required and unique within the file; any of "),
                new Code("user_id, email, phone, given_name, surname, date_of_birth, street, postcode, city, state"),
                new Text(" may follow, in any order. Dates of birth as YYYYMMDD or YYYY-MM-DD. A malformed row refuses the whole file; "
                        + "a contact id imported again from the same source is the same contact (its new values are kept beside the old). "));
        DownloadHandler sampleFile = event -> {
            byte[] bytes = SAMPLE_CSV.getBytes(StandardCharsets.UTF_8);
            event.setFileName("attune-contacts-sample.csv");
            event.setContentType("text/csv");
            event.setContentLength(bytes.length);
            try (OutputStream out = event.getOutputStream()) {
                out.write(bytes);
            }
        };
        Anchor sample = new Anchor(sampleFile, AttachmentType.DOWNLOAD, "Download a sample CSV");
        sample.setId("linkage-sample");
        format.add(sample);
        format.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);

        H3 title = new H3("Import contacts");
        title.addClassNames(LumoUtility.Margin.Top.NONE);
        VerticalLayout card = new VerticalLayout(title, settings, upload, format, running, result);
        card.setId("linkage-import");
        card.setSpacing(true);
        card.addClassNames(LumoUtility.Border.ALL, LumoUtility.BorderColor.CONTRAST_10, LumoUtility.BorderRadius.MEDIUM);
        card.setWidthFull();
        return card;
    }

    /** Checks the settings as they are typed; the upload is enabled only with a site and valid settings. */
    private boolean validateSettings() {
        boolean ok = true;
        String src = source.getValue() == null ? "" : source.getValue().strip();
        source.setInvalid(!SOURCE.matcher(src).matches());
        source.setHelperText("Contacts become identifiers " + (src.isEmpty() ? "<source>" : src) + ":<id>");
        source.setErrorMessage("1 to 40 lowercase letters, digits, _ or -");
        ok &= !source.isInvalid();
        Double match = matchFrom.getValue();
        boolean matchOk = match != null && match > 0 && match < 1;
        matchFrom.setErrorMessage("A probability between 0 and 1, e.g. 0.95");
        matchFrom.setInvalid(!matchOk);
        ok &= matchOk;
        Double review = reviewFrom.getValue();
        boolean reviewOk = review != null && review > 0 && (!matchOk || review <= match);
        reviewFrom.setErrorMessage(review != null && review > 0 && matchOk ? "At most the \"link from\" probability"
                : "A probability above 0, e.g. 0.5");
        reviewFrom.setInvalid(!reviewOk);
        ok &= reviewOk;
        upload.setEnabled(ok && siteId() != null && !importing);
        return ok;
    }

    /**
     * The upload finished (the handler calls this with the session locked): shows the progress indicator, and runs the
     * import on the next round trip, so the browser shows the indicator while the import runs.
     */
    private void received(UploadMetadata file, byte[] data) {
        UUID siteId = siteId();
        if (importing || siteId == null || !validateSettings()) {
            upload.clearFileList();
            return;
        }
        importing = true;
        result.removeAll();
        String name = file.fileName() == null || file.fileName().isBlank() ? "contacts.csv" : file.fileName();
        runningText.setText("Importing " + name + " (" + size(data.length) + ") into " + site.getValue().name()
                + ": comparing contacts and fitting the model…");
        running.setVisible(true);
        getElement().executeJs("return 0").then(Integer.class, ignored -> runImport(siteId, name, data),
                error -> finishImport());
    }

    private void runImport(UUID siteId, String fileName, byte[] data) {
        try {
            Decoded csv = decode(data);
            ImportSummary s = linkage.importContacts(siteId, source.getValue().strip(), fileName, new StringReader(csv.text()),
                    matchFrom.getValue(), reviewFrom.getValue());
            finishImport();
            success(s, csv.note());
            refreshImports();
            refreshReviews(null);
        } catch (RuntimeException ex) {
            finishImport();
            Optional<InvalidInputException> invalid = Stream.<Throwable>iterate(ex, Objects::nonNull, Throwable::getCause)
                    .filter(InvalidInputException.class::isInstance).map(InvalidInputException.class::cast).findFirst();
            invalid.ifPresentOrElse(i -> invalid(i, data), () -> failure(Problems.describe(ex), List.of()));
        }
    }

    /** Hides the progress indicator and takes uploads again (after {@link #validateSettings()}, so a refusal can mark a field). */
    private void finishImport() {
        importing = false;
        running.setVisible(false);
        upload.clearFileList();
        validateSettings();
    }

    /** The outcome of an import as a success card: what was read, compared, linked, merged and queued. */
    private void success(ImportSummary s, String note) {
        result.removeAll();
        Span head = new Span(VaadinIcon.CHECK_CIRCLE.create(), new Text(" Imported " + s.fileName() + " as source \"" + s.source() + "\""));
        head.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        FlexLayout cards = new FlexLayout(
                stat("Records", String.valueOf(s.records())),
                stat("Candidate pairs", String.valueOf(s.candidates())),
                stat("Matches linked", String.valueOf(s.matches())),
                stat("Persons merged", String.valueOf(s.merged())),
                stat("Sent to review", String.valueOf(s.review())),
                stat("EM λ", s.lambda() == null ? "—" : String.format(Locale.ROOT, "%.4f", s.lambda())),
                stat("EM iterations", s.iterations() == null ? "—" : String.valueOf(s.iterations())),
                stat("Seconds", seconds(s.seconds())));
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-s)");
        String what;
        if (s.candidates() == 0) {
            what = "No two contacts shared a blocking key (email, phone, date of birth, the sound of the name, postcode), so nothing "
                    + "was compared: every contact is its own identifier, linked to its email, phone and user id.";
        } else {
            what = "λ is the share of candidate pairs the model estimates to be matches. "
                    + (s.review() == 0 ? "Nothing was uncertain enough to need a review."
                    : s.review() + " pair" + (s.review() == 1 ? " waits" : "s wait") + " in the review queue below.");
        }
        Paragraph explain = new Paragraph(what + (note == null ? "" : " " + note));
        explain.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        Div card = new Div(head, cards, explain);
        card.setId("linkage-summary");
        card.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN, LumoUtility.Gap.SMALL);
        card.getStyle().set("background", "var(--lumo-success-color-10pct)");
        result.add(card);
        notify("Imported " + s.records() + " contacts: " + s.matches() + " matches linked, " + s.review() + " sent to review",
                NotificationVariant.LUMO_SUCCESS);
    }

    /** A refused file: the settings' errors on their fields, every other problem (rows named) in an error card. */
    private void invalid(InvalidInputException ex, byte[] data) {
        List<String> lines = new ArrayList<>();
        for (FieldError f : ex.errors()) {
            switch (f.field()) {
                case "source" -> fieldError(source, f.message());
                case "match" -> fieldError(matchFrom, f.message());
                case "review" -> fieldError(reviewFrom, f.message());
                default -> {
                }
            }
            lines.add(describe(f));
        }
        if (ex.errors().stream().anyMatch(f -> "(file)".equals(f.field())) && semicolons(data)) {
            lines.add("The header looks separated by semicolons: save the spreadsheet as \"CSV (comma delimited)\".");
        }
        failure(ex.title() + ". Nothing was imported: fix the file and upload it again.", lines);
    }

    private void failure(String message, List<String> lines) {
        result.removeAll();
        Span head = new Span(VaadinIcon.WARNING.create(), new Text(" " + message));
        head.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.TextColor.ERROR);
        Div card = new Div(head);
        if (!lines.isEmpty()) {
            UnorderedList list = new UnorderedList(lines.stream().map(ListItem::new).toArray(ListItem[]::new));
            list.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.XSMALL);
            card.add(list);
        }
        card.setId("linkage-errors");
        card.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM);
        card.getStyle().set("background", "var(--lumo-error-color-10pct)");
        result.add(card);
    }

    /** "rows/12/email" "is not an email address" as "Row 12 after the header, email: is not an email address". */
    static String describe(FieldError f) {
        Matcher m = ROW_FIELD.matcher(f.field());
        if (m.matches()) {
            long row = Long.parseLong(m.group(1));
            return "Row " + row + " after the header" + (m.group(2) == null ? "" : ", " + m.group(2)) + ": " + f.message();
        }
        return switch (f.field()) {
            case "(file)" -> "The file " + f.message();
            case "match" -> "Link from probability: " + f.message();
            case "review" -> "Review from: " + f.message();
            default -> capitalise(f.field()) + ": " + f.message();
        };
    }

    private static void fieldError(HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    /** The file's text and, when it was not UTF-8, a note saying how it was read. */
    record Decoded(String text, String note) {
    }

    /**
     * The file as text: UTF-8 (without the byte order mark spreadsheets put first, which would rename the "id" column),
     * else Windows-1252, the usual encoding of a spreadsheet's "CSV" export on Windows.
     */
    static Decoded decode(byte[] data) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
            return new Decoded(text.startsWith("\uFEFF") ? text.substring(1) : text, null);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(data, Charset.forName("windows-1252")),
                    "The file was not UTF-8 and was read as Windows-1252: check names with accents in the review queue.");
        }
    }

    private static boolean semicolons(byte[] data) {
        String text = decode(data).text();
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        return header.contains(";") && !header.contains(",");
    }

    // ------------------------------------------------------------------ imports

    private void configureImports() {
        imports.setId("linkage-imports");
        imports.addColumn(s -> time(s.createdAt())).setHeader("Created (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(ImportSummary::createdAt);
        imports.addColumn(ImportSummary::source).setHeader("Source").setAutoWidth(true).setFlexGrow(0).setSortable(true);
        imports.addColumn(s -> Objects.requireNonNullElse(s.fileName(), "")).setHeader("File").setFlexGrow(1)
                .setTooltipGenerator(s -> Objects.requireNonNullElse(s.fileName(), ""));
        number(imports.addColumn(ImportSummary::records).setHeader("Records").setComparator(ImportSummary::records));
        number(imports.addColumn(ImportSummary::candidates).setHeader("Candidates").setComparator(ImportSummary::candidates));
        number(imports.addColumn(ImportSummary::matches).setHeader("Matches").setComparator(ImportSummary::matches));
        number(imports.addColumn(ImportSummary::merged).setHeader("Merged").setComparator(ImportSummary::merged));
        number(imports.addColumn(ImportSummary::review).setHeader("Review").setComparator(ImportSummary::review));
        number(imports.addColumn(s -> s.lambda() == null ? "—" : String.format(Locale.ROOT, "%.4f", s.lambda())).setHeader("λ")
                .setComparator(ImportSummary::lambda))
                .setTooltipGenerator(s -> s.iterations() == null ? "No candidate pairs: no model was fitted"
                        : "Estimated share of matches among candidate pairs, after " + s.iterations() + " EM iterations");
        number(imports.addColumn(s -> seconds(s.seconds())).setHeader("Seconds").setComparator(ImportSummary::seconds));
        imports.addColumn(ImportSummary::createdBy).setHeader("By").setAutoWidth(true).setFlexGrow(0);
        Grids.sortable(imports);
        imports.setEmptyStateText("No imports yet: upload a CSV of CRM contacts above.");
    }

    private void refreshImports() {
        List<ImportSummary> list = siteId() == null ? List.of() : linkage.imports(siteId(), LIMIT);
        importsById.clear();
        list.forEach(s -> importsById.put(s.id(), s));
        imports.setItems(list);
        fit(imports, list.size(), "18rem");
    }

    // ------------------------------------------------------------------ review queue

    private void configureReviews() {
        status.setId("linkage-status");
        status.setItems(Status.values());
        status.setItemLabelGenerator(s -> s.label);
        status.setValue(Status.OPEN);
        status.addValueChangeListener(e -> refreshReviews(null));
        queueLabel.setText("Review queue");
        reviews.setId("linkage-reviews");
        reviews.addColumn(r -> percent(r.probability())).setHeader("Probability").setAutoWidth(true).setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END).setComparator(ReviewItem::probability);
        reviews.addColumn(r -> String.format(Locale.ROOT, "%+.1f", r.weight())).setHeader("Weight").setAutoWidth(true).setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END).setComparator(ReviewItem::weight)
                .setTooltipGenerator(r -> "Sum of the fields' log2 likelihood ratios");
        reviews.addComponentColumn(r -> contact(r.a())).setHeader("Contact A").setFlexGrow(1);
        reviews.addComponentColumn(r -> contact(r.b())).setHeader("Contact B").setFlexGrow(1);
        reviews.addComponentColumn(r -> statusBadge(r.status())).setHeader("Status").setAutoWidth(true).setFlexGrow(0)
                .setComparator(ReviewItem::status);
        reviews.addColumn(r -> r.decidedBy() == null ? "" : r.decidedBy() + ", " + time(r.decidedAt())).setHeader("Decided")
                .setAutoWidth(true).setFlexGrow(0).setComparator(ReviewItem::decidedAt);
        Grids.sortable(reviews);
        reviews.addSelectionListener(e -> {
            if (!refreshing) {
                show(e.getFirstSelectedItem().orElse(null));
            }
        });
    }

    private Long selectedId() {
        return reviews.asSingleSelect().getValue() == null ? null : reviews.asSingleSelect().getValue().id();
    }

    /** Reloads the queue and selects this item again, or (none given) the first open pair, so review starts at once. */
    private void refreshReviews(Long keep) {
        reloadReviews(list -> keep == null ? list.stream().filter(LinkageView::isOpen).findFirst()
                : list.stream().filter(r -> r.id() == keep).findFirst());
    }

    /** Reloads the queue (audited: it shows contacts in clear) and selects the item {@code choose} picks from it, if any. */
    private void reloadReviews(Function<List<ReviewItem>, Optional<ReviewItem>> choose) {
        Status filter = Objects.requireNonNullElse(status.getValue(), Status.OPEN);
        List<ReviewItem> list = List.of();
        if (siteId() != null) {
            try {
                list = linkage.reviews(siteId(), filter.wire, LIMIT);
                audit.record("identity.review.read", siteId().toString(), AuditOutcome.SUCCESS,
                        Map.of("items", list.size(), "status", filter.label.toLowerCase(Locale.ROOT), "via", "console"));
            } catch (RuntimeException ex) {
                Problems.show(ex);
            }
        }
        queue = list;
        refreshing = true;
        try {
            reviews.setItems(list);
            fit(reviews, list.size(), "22rem");
            Optional<ReviewItem> chosen = choose.apply(list);
            chosen.ifPresentOrElse(reviews::select, reviews::deselectAll);
            show(chosen.orElse(null));
        } finally {
            refreshing = false;
        }
        reviews.setEmptyStateText(switch (filter) {
            case OPEN -> "Nothing to review: pairs the model is unsure about wait here after an import. Upload contacts above.";
            case ACCEPTED -> "No pairs were accepted as the same person yet.";
            case REJECTED -> "No pairs were rejected as different people yet.";
            case ALL -> "Nothing to review yet: upload a CSV of contacts above; uncertain pairs wait here.";
        });
        long open = list.stream().filter(LinkageView::isOpen).count();
        queueLabel.setText("Review queue" + (open == 0 ? "" : " (" + open + (list.size() == LIMIT ? "+" : "") + " open)"));
    }

    /** One pair side by side: who the contacts are now, the fields with the model's evidence, and the decision. */
    private void show(ReviewItem r) {
        detail.removeAll();
        decideErrors = null;
        if (r == null) {
            return;
        }
        boolean open = isOpen(r);
        H4 title = new H4("Pair #" + r.id() + ": " + percent(r.probability()) + " likely the same person");
        title.setId("linkage-pair-title");
        title.addClassNames(LumoUtility.Margin.NONE);
        HorizontalLayout head = new HorizontalLayout(title, statusBadge(r.status()));
        head.setAlignItems(Alignment.BASELINE);
        head.setWrap(true);
        ImportSummary from = importsById.get(r.importId());
        Paragraph meta = new Paragraph("Weight " + String.format(Locale.ROOT, "%+.1f", r.weight())
                + (from == null ? "" : " · from the import of " + Objects.requireNonNullElse(from.fileName(), "a file") + " (source \""
                + from.source() + "\") on " + time(from.createdAt()) + " UTC")
                + (open ? "" : " · " + r.status() + " by " + r.decidedBy() + " on " + time(r.decidedAt()) + " UTC"));
        meta.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        detail.add(head, meta, persons(r, from), comparison(r));

        List<String> other = r.explanation().stream().filter(line -> !line.isBlank() && field(line) == null).toList();
        if (!other.isEmpty()) {
            Paragraph more = new Paragraph("Other evidence: " + String.join("; ", other));
            more.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
            detail.add(more);
        }
        if (!open) {
            return;
        }
        decideErrors = new Div();
        decideErrors.setId("linkage-decide-errors");
        decideErrors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        Button same = new Button("Same person — link", VaadinIcon.LINK.create(), e -> decide(r, true));
        same.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        same.setId("linkage-same");
        Button different = new Button("Different people", VaadinIcon.UNLINK.create(), e -> decide(r, false));
        different.setId("linkage-different");
        HorizontalLayout buttons = new HorizontalLayout(same, different);
        buttons.setAlignItems(Alignment.BASELINE);
        Paragraph hint = new Paragraph("Linking joins the two contacts' persons (a wrong link is undone by unmerging it on the identity "
                + "page); two different user ids are never joined.");
        hint.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        detail.add(buttons, decideErrors, hint);
    }

    /** "Contact A c-1001 (crm) → person 3f2c9a10", the same for B, and whether they are one person already. */
    private Component persons(ReviewItem r, ImportSummary from) {
        String src = from == null ? "" : " (" + from.source() + ")";
        Div box = new Div(personLine("A", r.a(), src, r.personA()), personLine("B", r.b(), src, r.personB()));
        box.addClassNames(LumoUtility.FontSize.SMALL);
        if (r.personA() != null && r.personA().equals(r.personB())) {
            Span already = Badges.badge("already one person", "success");
            already.setTitle("Both contacts belong to the same person now (linked through a shared identifier or another decision).");
            box.add(new Div(already));
        }
        return box;
    }

    private static Component personLine(String which, Map<String, String> contact, String source, UUID person) {
        Span line = new Span("Contact " + which + " " + contact.getOrDefault("id", "?") + source + " → ");
        Div row = new Div(line);
        if (person == null) {
            row.add(new Text("no person"));
        } else {
            RouterLink link = new RouterLink("person " + Ids.shortId(person), IdentityView.class);
            link.setQueryParameters(QueryParameters.of("person", person.toString()));
            link.getElement().setAttribute("title", person.toString());
            link.setId("linkage-person-" + which.toLowerCase(Locale.ROOT));
            row.add(link);
        }
        return row;
    }

    /** The comparison table: a row per field with both values (equal green, different amber) and the model's evidence. */
    private Component comparison(ReviewItem r) {
        Map<String, String> why = new LinkedHashMap<>();
        for (String line : r.explanation()) {
            String f = field(line);
            if (f != null) {
                why.putIfAbsent(f, line.substring(f.length()).strip());
            }
        }
        NativeTable table = new NativeTable();
        table.setId("linkage-compare");
        table.setWidthFull();
        table.getStyle().set("border-collapse", "collapse").set("font-size", "var(--lumo-font-size-s)");
        NativeTableRow header = table.getHead().addRow();
        for (String h : List.of("Field", "Contact A", "Contact B", "Evidence")) {
            NativeTableHeaderCell cell = header.addHeaderCell();
            cell.setText(h);
            cell.getStyle().set("text-align", "left").set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                    .set("border-bottom", "1px solid var(--lumo-contrast-20pct)").set("color", "var(--lumo-secondary-text-color)");
        }
        for (Map.Entry<String, String> f : FIELDS.entrySet()) {
            String a = blankToNull(r.a().get(f.getKey()));
            String b = blankToNull(r.b().get(f.getKey()));
            String background = a == null || b == null ? null : same(f.getKey(), a, b) ? "var(--lumo-success-color-10pct)"
                    : "var(--lumo-warning-color-10pct, rgba(255, 176, 0, 0.2))";
            NativeTableRow row = table.getBody().addRow();
            row.setId("linkage-compare-" + f.getKey());
            cell(row, new Span(f.getValue()), null).getStyle().set("color", "var(--lumo-secondary-text-color)");
            cell(row, value(a), background);
            cell(row, value(b), background);
            cell(row, evidence(why.get(f.getKey())), null);
        }
        Div box = new Div(table);
        box.setWidthFull();
        box.getStyle().set("overflow-x", "auto");
        return box;
    }

    private static NativeTableCell cell(NativeTableRow row, Component content, String background) {
        NativeTableCell cell = row.addDataCell();
        cell.add(content);
        cell.getStyle().set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                .set("border-bottom", "1px solid var(--lumo-contrast-10pct)").set("vertical-align", "top");
        if (background != null) {
            cell.getStyle().set("background", background);
        }
        return cell;
    }

    private static Component value(String v) {
        Span s = new Span(v == null ? "—" : v);
        if (v == null) {
            s.addClassNames(LumoUtility.TextColor.TERTIARY);
        }
        return s;
    }

    /** "0.93 jw -> +5.1" as "0.93 jw → +5.1" with the weight coloured by its sign. */
    private static Component evidence(String how) {
        if (how == null) {
            Span none = new Span("not compared");
            none.addClassNames(LumoUtility.TextColor.TERTIARY);
            return none;
        }
        int arrow = how.lastIndexOf("->");
        if (arrow < 0) {
            return new Span(how);
        }
        String weight = how.substring(arrow + 2).strip();
        Span w = new Span(weight);
        w.addClassNames(LumoUtility.FontWeight.SEMIBOLD, weight.startsWith("+") && !weight.matches("\\+0(\\.0+)?")
                ? LumoUtility.TextColor.SUCCESS : weight.startsWith("-") ? LumoUtility.TextColor.ERROR : LumoUtility.TextColor.SECONDARY);
        return new Span(new Text(how.substring(0, arrow).strip() + " → "), w);
    }

    /**
     * Records the decision, reloads the queue and opens the next open pair (the one after this in the queue's order, else
     * the first); a refusal (already decided by someone else, or two user ids) stays on this pair with its reason.
     */
    private void decide(ReviewItem r, boolean samePerson) {
        List<Long> after = queue.stream().dropWhile(i -> i.id() != r.id()).skip(1).map(ReviewItem::id).toList();
        ReviewItem decided;
        try {
            decided = linkage.decide(siteId(), r.id(), samePerson);
        } catch (RuntimeException ex) {
            Problems.show(ex);
            refreshReviews(r.id());
            if (decideErrors != null) {
                decideErrors.setText(Problems.describe(ex) + (samePerson ? " If they are different people, choose \"Different people\"." : ""));
            }
            return;
        }
        notify("Pair #" + r.id() + (samePerson ? " linked: the contacts are one person" : " marked as different people"),
                NotificationVariant.LUMO_SUCCESS);
        reloadReviews(list -> {
            Map<Long, ReviewItem> byId = new HashMap<>();
            list.forEach(i -> byId.put(i.id(), i));
            return after.stream().map(byId::get).filter(i -> i != null && isOpen(i)).findFirst()
                    .or(() -> list.stream().filter(LinkageView::isOpen).findFirst());
        });
        if (queue.stream().noneMatch(LinkageView::isOpen)) {
            Paragraph done = new Paragraph("Queue done: the last pair was " + ("accepted".equals(decided.status()) ? "linked"
                    : "marked as different people") + "; nothing else waits for review.");
            done.setId("linkage-queue-done");
            done.addClassNames(LumoUtility.TextColor.SECONDARY);
            detail.add(done);
        }
    }

    // ------------------------------------------------------------------ small helpers

    private static Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("given_name", "Given name");
        m.put("surname", "Surname");
        m.put("email", "Email");
        m.put("phone", "Phone");
        m.put("date_of_birth", "Date of birth");
        m.put("street", "Street");
        m.put("postcode", "Postcode");
        m.put("city", "City");
        m.put("state", "State");
        return m;
    }

    /** The field an explanation line is about ("surname 0.93 jw -> +5.1" is about surname), or null. */
    private static String field(String line) {
        return FIELDS.keySet().stream().filter(f -> line.startsWith(f + " ")).findFirst().orElse(null);
    }

    /**
     * Whether two values say the same once written alike: digits only for phones and dates of birth (so 19840312 equals
     * 1984-03-12), and otherwise case and spacing ignored.
     */
    static boolean same(String field, String a, String b) {
        return switch (field) {
            case "phone", "date_of_birth" -> a.replaceAll("\\D", "").equals(b.replaceAll("\\D", ""));
            case "postcode" -> a.replaceAll("\\s", "").equalsIgnoreCase(b.replaceAll("\\s", ""));
            default -> a.strip().replaceAll("\\s+", " ").equalsIgnoreCase(b.strip().replaceAll("\\s+", " "));
        };
    }

    /** A contact in a grid cell: the name over the email. */
    private static Component contact(Map<String, String> c) {
        String name = String.join(" ", Stream.of(c.get("given_name"), c.get("surname"))
                .filter(s -> s != null && !s.isBlank()).toList());
        Span n = new Span(name.isEmpty() ? "(no name) · " + c.getOrDefault("id", "?") : name);
        n.addClassNames(LumoUtility.FontWeight.MEDIUM);
        Span e = new Span(Objects.requireNonNullElse(blankToNull(c.get("email")), "no email"));
        e.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        Div cell = new Div(n, e);
        cell.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
        return cell;
    }

    private static boolean isOpen(ReviewItem r) {
        return "open".equals(r.status());
    }

    private static Span statusBadge(String status) {
        return Badges.badge(status, switch (Objects.requireNonNullElse(status, "")) {
            case "accepted" -> "success";
            case "rejected" -> "contrast";
            default -> "";
        });
    }

    private static Component stat(String label, String value) {
        Span v = new Span(value);
        v.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.FontWeight.SEMIBOLD);
        Span l = new Span(label);
        l.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Div card = new Div(l, new Div(v));
        card.addClassNames(LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Background.BASE);
        card.setMinWidth("8rem");
        return card;
    }

    private static Grid.Column<ImportSummary> number(Grid.Column<ImportSummary> column) {
        return column.setAutoWidth(true).setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
    }

    /** Short grids show all their rows; long ones scroll. */
    private static void fit(Grid<?> grid, int rows, String height) {
        if (rows <= 10) {
            grid.setAllRowsVisible(true);
        } else {
            grid.setAllRowsVisible(false);
            grid.setHeight(height);
        }
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * p);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    private static String size(int bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? (bytes / 1024) + " KB"
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void notify(String message, NotificationVariant variant) {
        Notification.show(message, 4000, Notification.Position.BOTTOM_START).addThemeVariants(variant);
    }
}
