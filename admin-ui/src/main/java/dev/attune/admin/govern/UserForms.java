package dev.attune.admin.govern;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.platform.api.Roles;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the console user dialogs share: the role checkboxes with what each allows, password fields, generated passwords. */
final class UserForms {
    /** Roles in the order a reader expects them: most to least powerful. */
    static final List<String> ROLE_ORDER = List.of(Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR);

    private static final Map<String, String> ROLE_HELP = Map.of(
            Roles.ADMIN, "Everything, including users, site keys and privacy requests",
            Roles.ANALYST, "Reads everything but governance; runs segments, rules, recommendations and experiments",
            Roles.AUDITOR, "Reads, including the audit log and privacy requests; changes nothing");
    /** No 0/O or 1/l/I: a generated password is read out or typed by a person. */
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private static final int GENERATED_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private UserForms() {}

    /** The three roles as checkboxes, each with what it allows; ADMIN locked on where the user may not drop it. */
    static CheckboxGroup<String> roleChoice(Set<String> selected, boolean lockAdmin) {
        CheckboxGroup<String> roles = new CheckboxGroup<>("Roles");
        roles.setItems(ROLE_ORDER);
        roles.setItemHelperGenerator(ROLE_HELP::get);
        roles.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        roles.setValue(new HashSet<>(selected));
        if (lockAdmin) {
            roles.setItemEnabledProvider(r -> !Roles.ADMIN.equals(r));
        }
        return roles;
    }

    static PasswordField passwordField(String label, String id) {
        PasswordField password = new PasswordField(label);
        password.setId(id);
        password.setHelperText("At least 12 characters");
        password.setWidthFull();
        return password;
    }

    /** The password field with a "Generate" button that fills in a random one and shows it, to pass on. */
    static HorizontalLayout passwordRow(PasswordField password) {
        Button generate = new Button("Generate", VaadinIcon.MAGIC.create(), e -> {
            String value = generatedPassword();
            password.setValue(value);
            password.setHelperText("Generated: " + value + " (copy it now to pass it on)");
        });
        generate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        generate.setId(password.getId().orElse("password") + "-generate");
        HorizontalLayout row = new HorizontalLayout(password, generate);
        row.setAlignItems(Alignment.BASELINE);
        row.setWidthFull();
        row.setFlexGrow(1, password);
        return row;
    }

    static String generatedPassword() {
        StringBuilder s = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            s.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return s.toString();
    }

    static Component roleBadges(Set<String> roles) {
        FlexLayout badges = new FlexLayout();
        badges.getStyle().set("gap", "var(--lumo-space-xs)");
        for (String role : sorted(roles)) {
            badges.add(Badges.badge(role, Roles.ADMIN.equals(role) ? "primary" : "contrast"));
        }
        return badges;
    }

    /** Roles in {@link #ROLE_ORDER}, any unknown one after them. */
    static List<String> sorted(Set<String> roles) {
        List<String> list = new ArrayList<>(roles);
        list.sort(Comparator.comparingInt(
                        (String r) -> ROLE_ORDER.indexOf(r) < 0 ? Integer.MAX_VALUE : ROLE_ORDER.indexOf(r))
                .thenComparing(Comparator.naturalOrder()));
        return list;
    }

    static Div errors(String id) {
        Div errors = new Div();
        errors.setId(id);
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        return errors;
    }
}
