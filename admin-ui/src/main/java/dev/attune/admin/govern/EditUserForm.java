package dev.attune.admin.govern;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;
import dev.attune.admin.components.Problems;
import dev.attune.platform.api.ConsoleUserService.User;
import dev.attune.platform.api.Roles;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The dialog that changes a console user's roles and whether they are disabled; nobody can disable themselves or drop
 * their own ADMIN role here. "Save" is reported as a {@link SaveEvent}; a refusal comes back onto the fields
 * ({@link #showRefusal}).
 */
class EditUserForm extends Dialog {
    final CheckboxGroup<String> roles;
    final Checkbox disabled;
    final Div errors = UserForms.errors("users-edit-errors");
    final Button save = new Button("Save");
    final Button cancel = new Button("Cancel");
    private final Map<String, HasValidation> fields;

    /** @param me whether the user edited is the one signed in */
    EditUserForm(User u, boolean me) {
        setHeaderTitle("Edit " + u.username());
        setWidth("min(34rem, 96vw)");
        roles = UserForms.roleChoice(u.roles(), me && u.roles().contains(Roles.ADMIN));
        roles.setId("users-edit-roles");
        disabled = new Checkbox("Disabled (cannot sign in or call the admin API)", u.disabled());
        disabled.setId("users-edit-disabled");
        if (me) {
            disabled.setEnabled(false);
            disabled.setHelperText("You cannot disable yourself or take away your own ADMIN role.");
        }
        fields = Map.of("roles", roles, "disabled", disabled);
        save.addClickListener(e -> {
            Problems.clearForm(fields, errors);
            fireEvent(new SaveEvent(this, u, new HashSet<>(roles.getValue()), disabled.getValue()));
        });
        save.setId("users-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        cancel.addClickListener(e -> fireEvent(new CloseEvent(this)));
        VerticalLayout form = new VerticalLayout(roles, disabled, errors);
        form.setPadding(false);
        add(form);
        getFooter().add(cancel, save);
    }

    /** The service refused the change: each bad field marked, anything else under the form. */
    void showRefusal(RuntimeException e) {
        Problems.showOnForm(e, fields, errors);
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** The user's new roles and status. */
    static final class SaveEvent extends ComponentEvent<EditUserForm> {
        private final User user;
        private final Set<String> roles;
        private final boolean disabled;

        SaveEvent(EditUserForm source, User user, Set<String> roles, boolean disabled) {
            super(source, false);
            this.user = user;
            this.roles = roles;
            this.disabled = disabled;
        }

        User user() {
            return user;
        }

        Set<String> roles() {
            return roles;
        }

        boolean disabled() {
            return disabled;
        }
    }

    /** The user cancelled. */
    static final class CloseEvent extends ComponentEvent<EditUserForm> {
        CloseEvent(EditUserForm source) {
            super(source, false);
        }
    }
}
