package dev.attune.admin.understand;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.LinkageService.ImportSummary;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The "Import contacts" card of record linkage: the source and the two probabilities (checked as they are typed), the
 * upload of a CSV file, what such a file looks like (with a sample), a progress indicator while an import runs, and the
 * outcome of the last import. An uploaded file with valid settings is reported as an {@link ImportEvent}; the view
 * imports it and shows the outcome here ({@link #showSuccess}, {@link #showInvalid}, {@link #showFailure}), then calls
 * {@link #finishImport()}. A second upload is refused while one runs.
 */
class LinkageImportForm extends VerticalLayout {
    private static final int MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9_-]{1,40}");

    final TextField source = new TextField("Source");
    final NumberField matchFrom = new NumberField("Link from probability");
    final NumberField reviewFrom = new NumberField("Review from");
    final Upload upload = new Upload(UploadHandler.inMemory((file, data) -> received(file.fileName(), data)));
    final HorizontalLayout running = new HorizontalLayout();
    private final Span runningText = new Span();
    final ImportOutcome result = new ImportOutcome();
    private SiteSummary site;
    /** An import is waiting for its round trip or running: a second upload is refused meanwhile. */
    private boolean importing;

    LinkageImportForm() {
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
        upload.addFileRejectedListener(e -> showFailure(
                "The file was refused (" + e.getErrorMessage().replaceAll("[.\\s]+$", "")
                        + "): a contacts file is a .csv of at most 20 MB.",
                List.of()));

        ProgressBar progress = new ProgressBar();
        progress.setIndeterminate(true);
        progress.setWidth("12rem");
        runningText.addClassNames(LumoUtility.FontSize.SMALL);
        running.add(progress, runningText);
        running.setAlignItems(Alignment.CENTER);
        running.setId("linkage-running");
        running.setVisible(false);

        Paragraph format = new Paragraph();
        format.add(
                new Text("A CSV file (UTF-8, comma separated) with a header row. "),
                new Code("id"),
                new Text(" is required and unique within the file; any of "),
                new Code("user_id, email, phone, given_name, surname, date_of_birth, street, postcode, city, state"),
                new Text(
                        " may follow, in any order. Dates of birth as YYYYMMDD or YYYY-MM-DD. A malformed row refuses the whole file; "
                                + "a contact id imported again from the same source is the same contact (its new values are kept beside the old). "));
        DownloadHandler sampleFile = event -> {
            byte[] bytes = ContactsFile.SAMPLE.getBytes(StandardCharsets.UTF_8);
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
        add(title, settings, upload, format, running, result);
        setId("linkage-import");
        setSpacing(true);
        addClassNames(LumoUtility.Border.ALL, LumoUtility.BorderColor.CONTRAST_10, LumoUtility.BorderRadius.MEDIUM);
        setWidthFull();
        validateSettings();
    }

    /** The site contacts are imported into (none: uploads are refused); a new site clears the last outcome. */
    void setSite(SiteSummary site) {
        this.site = site;
        result.removeAll();
        validateSettings();
    }

    /** Checks the settings as they are typed; the upload is enabled only with a site and valid settings. */
    boolean validateSettings() {
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
        reviewFrom.setErrorMessage(
                review != null && review > 0 && matchOk
                        ? "At most the \"link from\" probability"
                        : "A probability above 0, e.g. 0.5");
        reviewFrom.setInvalid(!reviewOk);
        ok &= reviewOk;
        upload.setEnabled(ok && site != null && !importing);
        return ok;
    }

    /**
     * The upload finished (the handler calls this with the session locked): shows the progress indicator and reports
     * the file; the view runs the import on the next round trip, so the browser shows the indicator meanwhile.
     */
    void received(String fileName, byte[] data) {
        if (importing || site == null || !validateSettings()) {
            upload.clearFileList();
            return;
        }
        importing = true;
        result.removeAll();
        String name = fileName == null || fileName.isBlank() ? "contacts.csv" : fileName;
        runningText.setText("Importing " + name + " (" + ContactsFile.size(data.length) + ") into " + site.name()
                + ": comparing contacts and fitting the model…");
        running.setVisible(true);
        fireEvent(new ImportEvent(
                this, site, source.getValue().strip(), matchFrom.getValue(), reviewFrom.getValue(), name, data));
    }

    /** Hides the progress indicator and takes uploads again (after {@link #validateSettings()}, so a refusal can mark a field). */
    void finishImport() {
        importing = false;
        running.setVisible(false);
        upload.clearFileList();
        validateSettings();
    }

    /** The outcome of an import: what was read, compared, linked, merged and queued. */
    void showSuccess(ImportSummary s, String note) {
        result.showSuccess(s, note);
    }

    /** A failed import: the message, and a line per problem. */
    void showFailure(String message, List<String> lines) {
        result.showFailure(message, lines);
    }

    /** A refused file: the settings' errors on their fields, every other problem (rows named) in an error card. */
    void showInvalid(InvalidInputException ex, byte[] data) {
        List<String> lines = new ArrayList<>();
        for (FieldError f : ex.errors()) {
            switch (f.field()) {
                case "source" -> fieldError(source, f.message());
                case "match" -> fieldError(matchFrom, f.message());
                case "review" -> fieldError(reviewFrom, f.message());
                default -> {}
            }
            lines.add(ContactsFile.describe(f));
        }
        if (ex.errors().stream().anyMatch(f -> "(file)".equals(f.field())) && ContactsFile.semicolons(data)) {
            lines.add("The header looks separated by semicolons: save the spreadsheet as \"CSV (comma delimited)\".");
        }
        showFailure(ex.title() + ". Nothing was imported: fix the file and upload it again.", lines);
    }

    private static void fieldError(HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    Registration addImportListener(ComponentEventListener<ImportEvent> listener) {
        return addListener(ImportEvent.class, listener);
    }

    /** A file to import with valid settings: into which site, as which source, with which probabilities. */
    static final class ImportEvent extends ComponentEvent<LinkageImportForm> {
        private final SiteSummary site;
        private final String source;
        private final double matchFrom;
        private final double reviewFrom;
        private final String fileName;
        private final byte[] data;

        ImportEvent(
                LinkageImportForm form,
                SiteSummary site,
                String source,
                double matchFrom,
                double reviewFrom,
                String fileName,
                byte[] data) {
            super(form, false);
            this.site = site;
            this.source = source;
            this.matchFrom = matchFrom;
            this.reviewFrom = reviewFrom;
            this.fileName = fileName;
            this.data = data;
        }

        SiteSummary site() {
            return site;
        }

        String source() {
            return source;
        }

        double matchFrom() {
            return matchFrom;
        }

        double reviewFrom() {
            return reviewFrom;
        }

        String fileName() {
            return fileName;
        }

        byte[] data() {
            return data;
        }
    }
}
