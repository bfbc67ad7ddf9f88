package dev.attune.admin.understand;

import static dev.attune.admin.understand.IdentityFixtures.ANN;
import static dev.attune.admin.understand.IdentityFixtures.BOB;
import static dev.attune.admin.understand.IdentityFixtures.SITE;
import static dev.attune.admin.understand.IdentityFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import dev.attune.admin.components.PersonPicker;
import dev.attune.identity.api.Person;
import dev.attune.platform.api.ApiProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeFormTest {
    private final Person ann = person(ANN, 3, "anon-1");
    /** A picker without services: it answers the person preset, and refuses a blank identifier before any lookup. */
    private final PersonPicker picker = new PersonPicker(null, null, SITE, "identity-merge");

    private final MergeForm form = new MergeForm(ann, picker);
    private final List<MergeForm.MergeEvent> merges = TestVaadin.record(form, MergeForm.MergeEvent.class);

    @Test
    void merge_reports_both_persons() {
        Person bob = person(BOB, 1, "anon-2");
        picker.preset(bob);

        form.merge.click();

        assertThat(merges).singleElement().satisfies(e -> {
            assertThat(e.person()).isEqualTo(ann);
            assertThat(e.other()).isEqualTo(bob);
        });
        assertThat(form.getHeaderTitle()).isEqualTo("Merge person 3f2c9a10 with…");
    }

    @Test
    void the_same_person_is_refused() {
        picker.preset(ann);

        form.merge.click();

        assertThat(merges).isEmpty();
        assertThat(form.errors.getText()).isEqualTo("That is this person.");
    }

    @Test
    void nothing_picked_reports_nothing() {
        form.merge.click();

        assertThat(merges).isEmpty();
        assertThat(form.errors.getText()).isEmpty();
    }

    @Test
    void a_refusal_shows_under_the_picker() {
        form.showRefusal(new ApiProblem(409, "Conflict", "both persons have a user id"));

        assertThat(form.errors.getText()).isEqualTo("Conflict: both persons have a user id");
    }

    @Test
    void cancel_reports_a_close() {
        List<MergeForm.CloseEvent> closed = TestVaadin.record(form, MergeForm.CloseEvent.class);

        form.cancel.click();

        assertThat(closed).hasSize(1);
    }
}
