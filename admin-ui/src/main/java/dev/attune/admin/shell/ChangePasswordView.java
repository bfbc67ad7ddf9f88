package dev.attune.admin.shell;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexComponent.JustifyContentMode;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Problems;
import dev.attune.admin.dashboard.OverviewView;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.security.PasswordChangeGate;
import dev.attune.platform.api.ConsoleUserService;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;

/**
 * The signed-in user changes their own password: the current one, then the new one twice (at least 12 characters).
 * Every signed-in user comes here first while their password is temporary (the console sends them here from any
 * page, and the rest of the console stays closed until they have chosen their own); others come from "Change
 * password" in the header. Stands alone, without the navigation, and goes to the overview once the password changed.
 */
@Route("change-password")
@PageTitle("Change password · Attune")
@PermitAll
public class ChangePasswordView extends VerticalLayout implements BeforeEnterObserver {
    /** As the user service requires. */
    static final int MIN_LENGTH = 12;

    private final ConsoleUserService users;
    private final Paragraph why = new Paragraph();
    private final PasswordField current = new PasswordField("Current password");
    private final PasswordField next = new PasswordField("New password");
    private final PasswordField repeat = new PasswordField("New password again");
    private final Div errors = new Div();
    private final RouterLink back = new RouterLink("Back to the overview", OverviewView.class);

    @Inject
    public ChangePasswordView(ConsoleUserService users) {
        this.users = users;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        H2 title = new H2("Change your password");
        title.addClassNames(LumoUtility.Margin.Top.NONE);
        why.setId("change-password-why");
        why.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.Top.NONE);
        current.setId("password-current");
        next.setId("password-new");
        next.setHelperText(
                "At least " + MIN_LENGTH + " characters, not the current one. A few unrelated words make a good one.");
        repeat.setId("password-repeat");
        for (PasswordField f : new PasswordField[] {current, next, repeat}) {
            f.setWidthFull();
            f.setRequiredIndicatorVisible(true);
        }
        errors.setId("password-errors");
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);

        Button change = new Button("Change password", VaadinIcon.KEY.create(), e -> change());
        change.setId("password-change");
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        change.addClickShortcut(Key.ENTER);
        Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> CurrentUser.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");
        back.setId("change-password-back");
        HorizontalLayout buttons = new HorizontalLayout(change, back, logout);
        buttons.setAlignItems(Alignment.BASELINE);
        buttons.setWrap(true);

        VerticalLayout card = new VerticalLayout(title, why, current, next, repeat, errors, buttons);
        card.setId("change-password");
        card.setWidth("min(26rem, 96vw)");
        card.addClassNames(
                LumoUtility.Padding.LARGE, LumoUtility.BorderRadius.LARGE, LumoUtility.Background.CONTRAST_5);
        H1 brand = new H1("Attune");
        brand.addClassNames(LumoUtility.FontSize.XXLARGE);
        add(brand, card);
    }

    /** Says why the user is here: a temporary password to replace, or their own wish. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String name = CurrentUser.name().orElse("");
        boolean forced = !name.isEmpty() && users.mustChangePassword(name);
        why.setText(
                forced
                        ? "Signed in as " + name + " with a temporary password. Choose your own before you continue."
                        : "Signed in as " + name + ".");
        back.setVisible(!forced);
        current.setLabel(forced ? "Temporary password" : "Current password");
        current.focus();
    }

    private void change() {
        Map<String, HasValidation> fields = Map.of("current", current, "next", next, "repeat", repeat);
        Problems.clearForm(fields, errors);
        String name = CurrentUser.name().orElse(null);
        if (name == null) {
            return;
        }
        boolean ok = true;
        if (current.getValue().isEmpty()) {
            invalid(current, "Enter your current password");
            ok = false;
        }
        if (next.getValue().length() < MIN_LENGTH) {
            invalid(next, "Must have at least " + MIN_LENGTH + " characters");
            ok = false;
        } else if (next.getValue().equals(current.getValue())) {
            invalid(next, "Must differ from the current password");
            ok = false;
        }
        if (!repeat.getValue().equals(next.getValue())) {
            invalid(repeat, "Does not match the new password");
            ok = false;
        }
        if (!ok) {
            return;
        }
        char[] currentChars = current.getValue().toCharArray();
        char[] nextChars = next.getValue().toCharArray();
        try {
            users.changePassword(name, currentChars, nextChars);
        } catch (RuntimeException ex) {
            Problems.showOnForm(ex, fields, errors);
            return;
        } finally {
            Arrays.fill(currentChars, '\0');
            Arrays.fill(nextChars, '\0');
        }
        PasswordChangeGate.passwordChanged(name);
        Notification.show("Password changed", 4000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        getUI().ifPresent(ui -> ui.navigate(OverviewView.class));
    }

    private static void invalid(PasswordField field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }
}
