package dev.attune.admin.govern;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import dev.attune.admin.components.Problems;
import dev.attune.platform.api.Roles;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The dialog that creates a console user: username, roles, a password (typed or generated) and whether it is temporary.
 * "Create user" (or Enter) is reported as a {@link CreateEvent}; a refusal comes back onto the fields ({@link #showRefusal}).
 */
class NewUserForm extends Dialog {
    final TextField username = new TextField("Username");
    final CheckboxGroup<String> roles = UserForms.roleChoice(Set.of(Roles.ANALYST), false);
    final PasswordField password = UserForms.passwordField("Password", "users-password");
    final Checkbox temporary = new Checkbox("Temporary (must change at first sign-in)", true);
    final Div errors = UserForms.errors("users-errors");
    final Button submit = new Button("Create user");
    final Button cancel = new Button("Cancel");
    private final Map<String, HasValidation> fields =
            Map.of("username", username, "roles", roles, "password", password);

    NewUserForm() {
        setHeaderTitle("New user");
        setWidth("min(34rem, 96vw)");
        username.setId("users-username");
        username.setHelperText("3 to 64 letters, digits or . _ @ -");
        username.setWidthFull();
        roles.setId("users-roles");
        temporary.setId("users-temporary");
        submit.addClickListener(e -> {
            Problems.clearForm(fields, errors);
            fireEvent(new CreateEvent(
                    this,
                    username.getValue().strip(),
                    password.getValue(),
                    new HashSet<>(roles.getValue()),
                    temporary.getValue()));
        });
        submit.setId("users-create");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        cancel.addClickListener(e -> fireEvent(new CloseEvent(this)));
        VerticalLayout form = new VerticalLayout(username, roles, UserForms.passwordRow(password), temporary, errors);
        form.setPadding(false);
        add(form);
        getFooter().add(cancel, submit);
        username.focus();
    }

    /** The service refused the user: each bad field marked, anything else under the form. */
    void showRefusal(RuntimeException e) {
        Problems.showOnForm(e, fields, errors);
    }

    Registration addCreateListener(ComponentEventListener<CreateEvent> listener) {
        return addListener(CreateEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** A user to create: username (stripped), password, roles, and whether the password must be changed at first sign-in. */
    static final class CreateEvent extends ComponentEvent<NewUserForm> {
        private final String username;
        private final String password;
        private final Set<String> roles;
        private final boolean temporary;

        CreateEvent(NewUserForm source, String username, String password, Set<String> roles, boolean temporary) {
            super(source, false);
            this.username = username;
            this.password = password;
            this.roles = roles;
            this.temporary = temporary;
        }

        String username() {
            return username;
        }

        String password() {
            return password;
        }

        Set<String> roles() {
            return roles;
        }

        boolean temporary() {
            return temporary;
        }
    }

    /** The user cancelled. */
    static final class CloseEvent extends ComponentEvent<NewUserForm> {
        CloseEvent(NewUserForm source) {
            super(source, false);
        }
    }
}
