package dev.attune.admin.understand;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.IdentifierRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentitySearchFormTest {
    private final IdentitySearchForm form = new IdentitySearchForm();
    private final List<IdentitySearchForm.SearchEvent> searches =
            TestVaadin.record(form, IdentitySearchForm.SearchEvent.class);

    @Test
    void search_reports_the_identifier_with_its_value_stripped() {
        form.kind.setValue(IdentifierKind.EMAIL);
        form.value.setValue("  ann@example.com ");

        form.search.click();

        assertThat(searches)
                .extracting(IdentitySearchForm.SearchEvent::identifier)
                .containsExactly(new IdentifierRef(IdentifierKind.EMAIL, "ann@example.com"));
        assertThat(form.value.isInvalid()).isFalse();
    }

    @Test
    void a_blank_value_is_marked_and_not_searched() {
        form.value.setValue("   ");

        form.search.click();

        assertThat(searches).isEmpty();
        assertThat(form.value.isInvalid()).isTrue();
        assertThat(form.value.getErrorMessage()).isEqualTo("Enter an identifier to search for");
    }

    @Test
    void the_placeholder_shows_what_a_value_of_the_kind_looks_like() {
        form.kind.setValue(IdentifierKind.PHONE);

        assertThat(form.value.getPlaceholder()).isEqualTo("+44 20 7946 0958");
    }
}
