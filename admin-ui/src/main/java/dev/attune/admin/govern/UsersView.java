package dev.attune.admin.govern;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.Problems;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.ConsoleUserService;
import dev.attune.platform.api.ConsoleUserService.User;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Console users and their roles: each user's roles, whether they are disabled and whether they must change a temporary
 * password. Admins create users, change their roles, disable them and set temporary passwords (every change is
 * audited with before and after by the user service, which also keeps one enabled admin and stops anyone from
 * disabling themself or dropping their own ADMIN role). Below, the access review: what each role can do in every area
 * of the console (read from the views' own access rules), who holds each role, and both as a CSV to sign off.
 */
@Route(value = "users", layout = MainLayout.class)
@PageTitle("Users & roles · Attune")
@RolesAllowed(Roles.ADMIN)
public class UsersView extends VerticalLayout {
    /** A console has a few dozen users: up to this many, the grid shows them all and the page scrolls. */
    private static final int MAX_ROWS_SHOWN = 200;

    private final ConsoleUserService users;
    private final AuditLog audit;
    private final UsersGrid grid = new UsersGrid();
    private final TextField filter = Grids.filterField(grid, "users-filter", "Filter by username");
    private final AccessReviewPanel review = new AccessReviewPanel((DownloadHandler) this::writeReview);
    private List<User> all = List.of();

    @Inject
    public UsersView(ConsoleUserService users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
        setSizeFull();
        Paragraph intro = new Paragraph(
                "Who may sign in to the console and what they may do. Passwords have at least 12 characters; a "
                        + "temporary one must be changed at the next sign-in. Every change here is audited with before and after.");
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);
        Button create = new Button("New user", VaadinIcon.PLUS.create(), e -> openNew());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("users-new");
        Button reload = new Button(VaadinIcon.REFRESH.create(), e -> refresh());
        reload.setTooltipText("Reload");
        reload.setAriaLabel("Reload");
        HorizontalLayout bar = new HorizontalLayout(create, reload, filter);
        bar.setAlignItems(Alignment.BASELINE);
        grid.addEditListener(e -> openEdit(e.user()));
        grid.addResetListener(e -> openReset(e.user()));
        add(new H2("Users & roles"), intro, bar, grid, review);
        refresh();
    }

    private void refresh() {
        try {
            all = users.list().stream()
                    .sorted(Comparator.comparing(u -> u.username().toLowerCase(Locale.ROOT)))
                    .toList();
        } catch (RuntimeException ex) {
            Problems.show(ex);
            all = List.of();
        }
        grid.setItems(all).setFilter(Grids.matching(filter, User::username));
        if (all.size() <= MAX_ROWS_SHOWN) {
            grid.setAllRowsVisible(true);
        } else {
            grid.setAllRowsVisible(false);
            grid.setHeight("28rem");
        }
        review.show(all);
    }

    private boolean isMe(User u) {
        return CurrentUser.name().map(me -> me.equalsIgnoreCase(u.username())).orElse(false);
    }

    // ------------------------------------------------------------------ dialogs

    private void openNew() {
        NewUserForm form = new NewUserForm();
        form.addCreateListener(e -> {
            User created;
            try {
                created = users.create(e.username(), e.password().toCharArray(), e.roles(), e.temporary());
            } catch (RuntimeException ex) {
                form.showRefusal(ex);
                return;
            }
            form.close();
            ok("User " + created.username() + " created"
                    + (created.mustChangePassword()
                            ? "; they choose their own password at the first " + "sign-in"
                            : ""));
            refresh();
        });
        form.addCloseListener(e -> form.close());
        form.open();
    }

    private void openEdit(User u) {
        EditUserForm form = new EditUserForm(u, isMe(u));
        form.addSaveListener(e -> {
            try {
                users.update(u.username(), e.roles(), e.disabled());
            } catch (RuntimeException ex) {
                form.showRefusal(ex);
                return;
            }
            form.close();
            ok(u.username() + ": " + UserForms.sorted(e.roles()) + (e.disabled() ? ", disabled" : ""));
            refresh();
        });
        form.addCloseListener(e -> form.close());
        form.open();
    }

    private void openReset(User u) {
        ResetPasswordForm form = new ResetPasswordForm(u);
        form.addSaveListener(e -> {
            try {
                users.resetPassword(u.username(), e.password().toCharArray());
            } catch (RuntimeException ex) {
                form.showRefusal(ex);
                return;
            }
            form.close();
            ok("Temporary password set: " + u.username() + " must change it at the next sign-in");
            refresh();
        });
        form.addCloseListener(e -> form.close());
        form.open();
    }

    // ------------------------------------------------------------------ access review export

    /** The review as one CSV row per user, read afresh; the export is audited with how many users hold each role. */
    private void writeReview(DownloadEvent event) throws IOException {
        List<User> list = users.list().stream()
                .sorted(Comparator.comparing(u -> u.username().toLowerCase(Locale.ROOT)))
                .toList();
        event.setFileName("attune-access-review.csv");
        event.setContentType("text/csv");
        try (OutputStream out = event.getOutputStream();
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            AccessReviewPanel.writeCsv(list, writer);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("users", list.size());
        for (String role : UserForms.ROLE_ORDER) {
            detail.put(
                    role,
                    list.stream()
                            .filter(u -> !u.disabled() && u.roles().contains(role))
                            .count());
        }
        audit.record("users.access-review.export", "console users", AuditOutcome.SUCCESS, detail);
    }

    private static void ok(String message) {
        Notification.show(message, 4000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
