package dev.attune.admin.govern;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.JustifyContentMode;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.shared.Registration;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Grids;
import dev.attune.platform.api.ConsoleUserService.User;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The console's users: username, roles, status, password state and creation; "Edit" and "Reset password" per user, as events. */
class UsersGrid extends Grid<User> {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    UsersGrid() {
        super(User.class, false);
        setId("users-grid");
        addColumn(User::username)
                .setHeader("Username")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(u -> u.username().toLowerCase(Locale.ROOT));
        addComponentColumn(u -> UserForms.roleBadges(u.roles()))
                .setHeader("Roles")
                .setAutoWidth(true)
                .setFlexGrow(0);
        addComponentColumn(u -> u.disabled() ? Badges.badge("disabled", "error") : Badges.badge("active", "success"))
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(User::disabled);
        addComponentColumn(
                        u -> u.mustChangePassword() ? Badges.badge("temporary: must change", "warning") : new Span("—"))
                .setHeader("Password")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(User::mustChangePassword);
        addColumn(u -> u.createdAt() == null ? "" : DAY.format(u.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(u -> u.createdAt() == null ? Instant.EPOCH : u.createdAt());
        addComponentColumn(this::actions).setHeader("").setFlexGrow(1).setTextAlign(ColumnTextAlign.END);
        Grids.sortable(this);
        setEmptyStateText("No console users. The first admin is created when Attune starts.");
    }

    /** "Edit" and "Reset password" of a user (the grid renders them; tests press them). */
    HorizontalLayout actions(User u) {
        Button edit = new Button("Edit", VaadinIcon.EDIT.create(), e -> fireEvent(new EditEvent(this, u)));
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        edit.setId("users-edit-" + u.username());
        Button reset = new Button("Reset password", VaadinIcon.KEY.create(), e -> fireEvent(new ResetEvent(this, u)));
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        reset.setId("users-reset-" + u.username());
        HorizontalLayout actions = new HorizontalLayout(edit, reset);
        actions.setSpacing(false);
        actions.setJustifyContentMode(JustifyContentMode.END);
        return actions;
    }

    Registration addEditListener(ComponentEventListener<EditEvent> listener) {
        return addListener(EditEvent.class, listener);
    }

    Registration addResetListener(ComponentEventListener<ResetEvent> listener) {
        return addListener(ResetEvent.class, listener);
    }

    /** The admin wants to change a user's roles or status. */
    static final class EditEvent extends ComponentEvent<UsersGrid> {
        private final User user;

        EditEvent(UsersGrid source, User user) {
            super(source, false);
            this.user = user;
        }

        User user() {
            return user;
        }
    }

    /** The admin wants to give a user a temporary password. */
    static final class ResetEvent extends ComponentEvent<UsersGrid> {
        private final User user;

        ResetEvent(UsersGrid source, User user) {
            super(source, false);
            this.user = user;
        }

        User user() {
            return user;
        }
    }
}
