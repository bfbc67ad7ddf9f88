package dev.attune.admin.understand;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.LinkageService.ImportSummary;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkageImportFormTest {
    static final SiteSummary SHOP = new SiteSummary(
            UUID.randomUUID(), "Shop", List.of(), "pk_1", "sk_1", Instant.EPOCH, ConsentMode.IMPLIED, 90, true);
    private static final byte[] FILE = "id,email\nc-1,a@example.com\n".getBytes(StandardCharsets.UTF_8);

    private LinkageImportForm form;
    private List<LinkageImportForm.ImportEvent> imports;

    @BeforeEach
    void form() {
        TestVaadin.setUp(); // the sample link registers its download with the UI
        form = new LinkageImportForm();
        imports = TestVaadin.record(form, LinkageImportForm.ImportEvent.class);
    }

    @AfterEach
    void noVaadin() {
        TestVaadin.tearDown();
    }

    @Test
    void uploads_wait_for_a_site() {
        assertThat(form.upload.isEnabled()).isFalse();

        form.setSite(SHOP);

        assertThat(form.upload.isEnabled()).isTrue();
    }

    @Test
    void an_uploaded_file_is_reported_with_the_settings_and_shown_as_running() {
        form.setSite(SHOP);
        form.source.setValue("hubspot");
        form.matchFrom.setValue(0.9);

        form.received("contacts.csv", FILE);

        assertThat(imports).singleElement().satisfies(e -> {
            assertThat(e.site()).isEqualTo(SHOP);
            assertThat(e.source()).isEqualTo("hubspot");
            assertThat(e.matchFrom()).isEqualTo(0.9);
            assertThat(e.reviewFrom()).isEqualTo(0.5);
            assertThat(e.fileName()).isEqualTo("contacts.csv");
            assertThat(e.data()).isEqualTo(FILE);
        });
        assertThat(form.running.isVisible()).isTrue();
        assertThat(TestVaadin.text(form.running)).contains("Importing contacts.csv (27 B) into Shop");
    }

    @Test
    void a_second_file_while_one_imports_is_refused_until_the_import_finished() {
        form.setSite(SHOP);
        form.received("a.csv", FILE);

        form.received("b.csv", FILE);
        assertThat(imports).hasSize(1);

        form.finishImport();
        assertThat(form.running.isVisible()).isFalse();
        form.received("b.csv", FILE);
        assertThat(imports).hasSize(2);
    }

    @Test
    void bad_settings_are_marked_as_typed_and_refuse_the_upload() {
        form.setSite(SHOP);

        form.source.setValue("CRM system");
        form.reviewFrom.setValue(0.97);

        assertThat(form.source.isInvalid()).isTrue();
        assertThat(form.reviewFrom.isInvalid()).isTrue();
        assertThat(form.reviewFrom.getErrorMessage()).isEqualTo("At most the \"link from\" probability");
        assertThat(form.upload.isEnabled()).isFalse();
        form.received("contacts.csv", FILE);
        assertThat(imports).isEmpty();
    }

    @Test
    void a_refused_file_marks_the_settings_named_and_lists_the_rest_by_row() {
        byte[] semicolons = "id;email\nc-1;a@example.com\n".getBytes(StandardCharsets.UTF_8);

        form.showInvalid(
                new InvalidInputException(
                        400,
                        "Invalid contacts file",
                        List.of(
                                new FieldError("source", "is reserved"),
                                new FieldError("rows/3/email", "is not an email address"),
                                new FieldError("(file)", "has no id column"))),
                semicolons);

        assertThat(form.source.isInvalid()).isTrue();
        assertThat(form.source.getErrorMessage()).isEqualTo("is reserved");
        assertThat(TestVaadin.text(form.result))
                .contains(
                        "Invalid contacts file. Nothing was imported",
                        "Row 3 after the header, email: is not an email address",
                        "The file has no id column",
                        "The header looks separated by semicolons");
    }

    @Test
    void a_finished_import_says_what_it_did() {
        form.showSuccess(
                new ImportSummary(
                        UUID.randomUUID(),
                        SHOP.id(),
                        "crm",
                        "contacts.csv",
                        120,
                        40,
                        12,
                        2,
                        5,
                        0.1234,
                        17,
                        1.5,
                        "alice",
                        Instant.EPOCH),
                null);

        assertThat(TestVaadin.text(form.result))
                .contains(
                        "Imported contacts.csv as source \"crm\"", "0.1234", "2 pairs wait in the review queue below.");
    }
}
