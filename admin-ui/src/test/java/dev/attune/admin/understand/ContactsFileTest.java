package dev.attune.admin.understand;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.platform.api.InvalidInputException.FieldError;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContactsFileTest {

    @Test
    void utf8_loses_the_byte_order_mark_spreadsheets_put_first() {
        ContactsFile.Decoded d = ContactsFile.decode("\uFEFFid,given_name\nc-1,Zoë\n".getBytes(StandardCharsets.UTF_8));

        assertThat(d.text()).startsWith("id,").contains("Zoë");
        assertThat(d.note()).isNull();
    }

    @Test
    void anything_else_is_read_as_windows_1252_and_says_so() {
        ContactsFile.Decoded d =
                ContactsFile.decode("id,given_name\nc-1,Zo\u00eb\n".getBytes(Charset.forName("windows-1252")));

        assertThat(d.text()).contains("Zoë");
        assertThat(d.note()).contains("read as Windows-1252");
    }

    @Test
    void complaints_name_the_row_or_the_setting() {
        assertThat(ContactsFile.describe(new FieldError("rows/12", "has 3 columns, the header 4")))
                .isEqualTo("Row 12 after the header: has 3 columns, the header 4");
        assertThat(ContactsFile.describe(new FieldError("match", "must be below 1")))
                .isEqualTo("Link from probability: must be below 1");
        assertThat(ContactsFile.describe(new FieldError("source", "is reserved")))
                .isEqualTo("Source: is reserved");
    }

    @Test
    void semicolon_headers_are_recognised() {
        assertThat(ContactsFile.semicolons("id;email\n".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(ContactsFile.semicolons("id,email;work\n".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    @Test
    void sizes_in_words() {
        assertThat(ContactsFile.size(900)).isEqualTo("900 B");
        assertThat(ContactsFile.size(20 * 1024)).isEqualTo("20 KB");
        assertThat(ContactsFile.size(3 * 1024 * 1024 + 512 * 1024)).isEqualTo("3.5 MB");
    }
}
