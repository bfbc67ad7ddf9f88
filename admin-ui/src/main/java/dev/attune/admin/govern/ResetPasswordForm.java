package dev.attune.admin.govern;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Problems;
import dev.attune.platform.api.ConsoleUserService.User;
import java.util.Map;

/**
 * The dialog that sets a temporary password for a console user (they must choose their own at the next sign-in).
 * "Set temporary password" (or Enter) is reported as a {@link SaveEvent}; a refusal comes back onto the field
 * ({@link #showRefusal}).
 */
class ResetPasswordForm extends Dialog {
    final PasswordField password = UserForms.passwordField("Temporary password", "users-reset-password");
    final Div errors = UserForms.errors("users-reset-errors");
    final Button submit = new Button("Set temporary password");
    final Button cancel = new Button("Cancel");
    private final Map<String, HasValidation> fields = Map.of("password", password);

    ResetPasswordForm(User u) {
        setHeaderTitle("Reset the password of " + u.username());
        setWidth("min(34rem, 96vw)");
        Paragraph about = new Paragraph("Sets a temporary password: " + u.username()
                + " must choose their own at the next sign-in. Give it " + "to them through a channel you trust.");
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);
        submit.addClickListener(e -> {
            Problems.clearForm(fields, errors);
            fireEvent(new SaveEvent(this, u, password.getValue()));
        });
        submit.setId("users-reset-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        cancel.addClickListener(e -> fireEvent(new CloseEvent(this)));
        VerticalLayout form = new VerticalLayout(about, UserForms.passwordRow(password), errors);
        form.setPadding(false);
        add(form);
        getFooter().add(cancel, submit);
        password.focus();
    }

    /** The service refused the password: on the field, anything else under it. */
    void showRefusal(RuntimeException e) {
        Problems.showOnForm(e, fields, errors);
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** The temporary password to set for the user. */
    static final class SaveEvent extends ComponentEvent<ResetPasswordForm> {
        private final User user;
        private final String password;

        SaveEvent(ResetPasswordForm source, User user, String password) {
            super(source, false);
            this.user = user;
            this.password = password;
        }

        User user() {
            return user;
        }

        String password() {
            return password;
        }
    }

    /** The user cancelled. */
    static final class CloseEvent extends ComponentEvent<ResetPasswordForm> {
        CloseEvent(ResetPasswordForm source) {
            super(source, false);
        }
    }
}
