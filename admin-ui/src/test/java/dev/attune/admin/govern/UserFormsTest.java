package dev.attune.admin.govern;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.attune.admin.TestVaadin;
import dev.attune.platform.api.ConsoleUserService.User;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserFormsTest {
    private static final User ANN = new User("ann", Set.of(Roles.ADMIN, Roles.AUDITOR), false, false, Instant.EPOCH);

    @Test
    void a_new_user_is_reported_with_the_username_stripped() {
        NewUserForm form = new NewUserForm();
        List<NewUserForm.CreateEvent> created = TestVaadin.record(form, NewUserForm.CreateEvent.class);
        form.username.setValue("  bob ");
        form.password.setValue("correct horse battery");
        form.roles.setValue(Set.of(Roles.AUDITOR));

        form.submit.click();

        assertThat(created).singleElement().satisfies(e -> {
            assertThat(e.username()).isEqualTo("bob");
            assertThat(e.password()).isEqualTo("correct horse battery");
            assertThat(e.roles()).containsExactly(Roles.AUDITOR);
            assertThat(e.temporary()).isTrue();
        });
    }

    @Test
    void a_new_user_starts_as_an_analyst_with_a_temporary_password() {
        NewUserForm form = new NewUserForm();

        assertThat(form.roles.getValue()).containsExactly(Roles.ANALYST);
        assertThat(form.temporary.getValue()).isTrue();
    }

    @Test
    void generate_fills_in_a_password_that_is_easy_to_read_out_and_shows_it() {
        NewUserForm form = new NewUserForm();

        TestVaadin.find(form, "users-password-generate", Button.class).click();

        assertThat(form.password.getValue()).hasSize(16).matches("[A-HJ-NP-Za-km-z2-9]+");
        assertThat(form.password.getHelperText())
                .isEqualTo("Generated: " + form.password.getValue() + " (copy it now to pass it on)");
    }

    @Test
    void a_refusal_lands_on_the_field_it_names_and_the_next_try_clears_it() {
        NewUserForm form = new NewUserForm();

        form.showRefusal(InvalidInputException.of("username", "is taken"));
        assertThat(form.username.isInvalid()).isTrue();
        assertThat(form.username.getErrorMessage()).isEqualTo("This is taken");

        form.submit.click();
        assertThat(form.username.isInvalid()).isFalse();
    }

    @Test
    void nobody_disables_themselves_or_drops_their_own_admin_role() {
        EditUserForm form = new EditUserForm(ANN, true);

        assertThat(form.disabled.isEnabled()).isFalse();
        assertThat(form.roles.getItemEnabledProvider().test(Roles.ADMIN)).isFalse();
        assertThat(form.roles.getItemEnabledProvider().test(Roles.ANALYST)).isTrue();
        assertThat(new EditUserForm(ANN, false).disabled.isEnabled()).isTrue();
    }

    @Test
    void an_edit_reports_the_roles_and_the_status() {
        EditUserForm form = new EditUserForm(ANN, false);
        List<EditUserForm.SaveEvent> saved = TestVaadin.record(form, EditUserForm.SaveEvent.class);
        form.roles.setValue(Set.of(Roles.AUDITOR));
        form.disabled.setValue(true);

        form.save.click();

        assertThat(saved).singleElement().satisfies(e -> {
            assertThat(e.user()).isEqualTo(ANN);
            assertThat(e.roles()).containsExactly(Roles.AUDITOR);
            assertThat(e.disabled()).isTrue();
        });
    }

    @Test
    void a_reset_reports_the_temporary_password() {
        ResetPasswordForm form = new ResetPasswordForm(ANN);
        List<ResetPasswordForm.SaveEvent> saved = TestVaadin.record(form, ResetPasswordForm.SaveEvent.class);
        form.password.setValue("temporary-password-1");

        form.submit.click();

        assertThat(saved).singleElement().satisfies(e -> {
            assertThat(e.user()).isEqualTo(ANN);
            assertThat(e.password()).isEqualTo("temporary-password-1");
        });
    }

    @Test
    void roles_read_from_most_to_least_powerful() {
        assertThat(UserForms.sorted(Set.of("zeta", Roles.AUDITOR, Roles.ADMIN)))
                .containsExactly(Roles.ADMIN, Roles.AUDITOR, "zeta");
    }

    @Test
    void each_user_offers_edit_and_a_password_reset() {
        UsersGrid grid = new UsersGrid();
        List<UsersGrid.EditEvent> edits = TestVaadin.record(grid, UsersGrid.EditEvent.class);
        List<UsersGrid.ResetEvent> resets = TestVaadin.record(grid, UsersGrid.ResetEvent.class);
        HorizontalLayout actions = grid.actions(ANN);

        ((Button) actions.getComponentAt(0)).click();
        ((Button) actions.getComponentAt(1)).click();

        assertThat(edits).extracting(UsersGrid.EditEvent::user).containsExactly(ANN);
        assertThat(resets).extracting(UsersGrid.ResetEvent::user).containsExactly(ANN);
    }
}
