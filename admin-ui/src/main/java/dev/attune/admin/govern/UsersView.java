package dev.attune.admin.govern;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexComponent.JustifyContentMode;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.Problems;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout.Area;
import dev.attune.admin.shell.MainLayout;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.ConsoleUserService.User;
import dev.attune.platform.api.ConsoleUserService;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

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
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Roles in the order a reader expects them: most to least powerful. */
    static final List<String> ROLE_ORDER = List.of(Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR);
    private static final Map<String, String> ROLE_HELP = Map.of(
            Roles.ADMIN, "Everything, including users, site keys and privacy requests",
            Roles.ANALYST, "Reads everything but governance; runs segments, rules, recommendations and experiments",
            Roles.AUDITOR, "Reads, including the audit log and privacy requests; changes nothing");
    static final String CHANGE = "change";
    static final String READ = "read";
    static final String NONE = "—";
    /** No 0/O or 1/l/I: a generated password is read out or typed by a person. */
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A console has a few dozen users: up to this many, the grid shows them all and the page scrolls. */
    private static final int MAX_ROWS_SHOWN = 200;

    private final ConsoleUserService users;
    private final AuditLog audit;
    private final Grid<User> grid = new Grid<>(User.class, false);
    private final Grid<Area> matrix = new Grid<>(Area.class, false);
    private final Grid<String> holders = new Grid<>(String.class, false);
    private final TextField filter = Grids.filterField(grid, "users-filter", "Filter by username");
    private List<User> all = List.of();

    @Inject
    public UsersView(ConsoleUserService users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
        setSizeFull();
        Paragraph intro = new Paragraph("Who may sign in to the console and what they may do. Passwords have at least 12 characters; a "
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
        configureGrid();
        add(new H2("Users & roles"), intro, bar, grid, accessReview());
        refresh();
    }

    // ------------------------------------------------------------------ users

    private void configureGrid() {
        grid.setId("users-grid");
        grid.addColumn(User::username).setHeader("Username").setAutoWidth(true).setFlexGrow(0)
                .setComparator(u -> u.username().toLowerCase(Locale.ROOT));
        grid.addComponentColumn(u -> roleBadges(u.roles())).setHeader("Roles").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(u -> u.disabled() ? Badges.badge("disabled", "error") : Badges.badge("active", "success"))
                .setHeader("Status").setAutoWidth(true).setFlexGrow(0).setComparator(User::disabled);
        grid.addComponentColumn(u -> u.mustChangePassword() ? Badges.badge("temporary: must change", "warning") : new Span("—"))
                .setHeader("Password").setAutoWidth(true).setFlexGrow(0).setComparator(User::mustChangePassword);
        grid.addColumn(u -> u.createdAt() == null ? "" : DAY.format(u.createdAt())).setHeader("Created (UTC)").setAutoWidth(true)
                .setFlexGrow(0).setComparator(u -> u.createdAt() == null ? java.time.Instant.EPOCH : u.createdAt());
        grid.addComponentColumn(this::rowActions).setHeader("").setFlexGrow(1).setTextAlign(ColumnTextAlign.END);
        Grids.sortable(grid);
        grid.setEmptyStateText("No console users. The first admin is created when Attune starts.");
    }

    private Component rowActions(User u) {
        Button edit = new Button("Edit", VaadinIcon.EDIT.create(), e -> openEdit(u));
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        edit.setId("users-edit-" + u.username());
        Button reset = new Button("Reset password", VaadinIcon.KEY.create(), e -> openReset(u));
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        reset.setId("users-reset-" + u.username());
        HorizontalLayout actions = new HorizontalLayout(edit, reset);
        actions.setSpacing(false);
        actions.setJustifyContentMode(JustifyContentMode.END);
        return actions;
    }

    private void refresh() {
        try {
            all = users.list().stream().sorted(Comparator.comparing(u -> u.username().toLowerCase(Locale.ROOT))).toList();
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
        refreshReview();
    }

    private boolean isMe(User u) {
        return CurrentUser.name().map(me -> me.equalsIgnoreCase(u.username())).orElse(false);
    }

    // ------------------------------------------------------------------ dialogs

    private void openNew() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New user");
        dialog.setWidth("min(34rem, 96vw)");
        TextField username = new TextField("Username");
        username.setId("users-username");
        username.setHelperText("3 to 64 letters, digits or . _ @ -");
        username.setWidthFull();
        CheckboxGroup<String> roles = roleChoice(Set.of(Roles.ANALYST), false);
        roles.setId("users-roles");
        PasswordField password = passwordField("Password", "users-password");
        Checkbox temporary = new Checkbox("Temporary (must change at first sign-in)", true);
        temporary.setId("users-temporary");
        HorizontalLayout passwordRow = passwordRow(password);
        Div errors = errors("users-errors");
        Map<String, HasValidation> fields = Map.of("username", username, "roles", roles, "password", password);

        Button submit = new Button("Create user", e -> {
            Problems.clearForm(fields, errors);
            User created;
            try {
                created = users.create(username.getValue().strip(), password.getValue().toCharArray(), new HashSet<>(roles.getValue()),
                        temporary.getValue());
            } catch (RuntimeException ex) {
                Problems.showOnForm(ex, fields, errors);
                return;
            }
            dialog.close();
            ok("User " + created.username() + " created" + (created.mustChangePassword() ? "; they choose their own password at the first "
                    + "sign-in" : ""));
            refresh();
        });
        submit.setId("users-create");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        VerticalLayout form = new VerticalLayout(username, roles, passwordRow, temporary, errors);
        form.setPadding(false);
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), submit);
        dialog.open();
        username.focus();
    }

    private void openEdit(User u) {
        boolean me = isMe(u);
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Edit " + u.username());
        dialog.setWidth("min(34rem, 96vw)");
        CheckboxGroup<String> roles = roleChoice(u.roles(), me && u.roles().contains(Roles.ADMIN));
        roles.setId("users-edit-roles");
        Checkbox disabled = new Checkbox("Disabled (cannot sign in or call the admin API)", u.disabled());
        disabled.setId("users-edit-disabled");
        if (me) {
            disabled.setEnabled(false);
            disabled.setHelperText("You cannot disable yourself or take away your own ADMIN role.");
        }
        Div errors = errors("users-edit-errors");
        Map<String, HasValidation> fields = Map.of("roles", roles, "disabled", disabled);
        Button save = new Button("Save", e -> {
            Problems.clearForm(fields, errors);
            try {
                users.update(u.username(), new HashSet<>(roles.getValue()), disabled.getValue());
            } catch (RuntimeException ex) {
                Problems.showOnForm(ex, fields, errors);
                return;
            }
            dialog.close();
            ok(u.username() + ": " + sorted(roles.getValue()) + (disabled.getValue() ? ", disabled" : ""));
            refresh();
        });
        save.setId("users-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout form = new VerticalLayout(roles, disabled, errors);
        form.setPadding(false);
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void openReset(User u) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Reset the password of " + u.username());
        dialog.setWidth("min(34rem, 96vw)");
        Paragraph about = new Paragraph("Sets a temporary password: " + u.username() + " must choose their own at the next sign-in. Give it "
                + "to them through a channel you trust.");
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);
        PasswordField password = passwordField("Temporary password", "users-reset-password");
        Div errors = errors("users-reset-errors");
        Map<String, HasValidation> fields = Map.of("password", password);
        Button submit = new Button("Set temporary password", e -> {
            Problems.clearForm(fields, errors);
            try {
                users.resetPassword(u.username(), password.getValue().toCharArray());
            } catch (RuntimeException ex) {
                Problems.showOnForm(ex, fields, errors);
                return;
            }
            dialog.close();
            ok("Temporary password set: " + u.username() + " must change it at the next sign-in");
            refresh();
        });
        submit.setId("users-reset-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        VerticalLayout form = new VerticalLayout(about, passwordRow(password), errors);
        form.setPadding(false);
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), submit);
        dialog.open();
        password.focus();
    }

    /** The three roles as checkboxes, each with what it allows; ADMIN locked on where the user may not drop it. */
    private static CheckboxGroup<String> roleChoice(Set<String> selected, boolean lockAdmin) {
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

    private static PasswordField passwordField(String label, String id) {
        PasswordField password = new PasswordField(label);
        password.setId(id);
        password.setHelperText("At least 12 characters");
        password.setWidthFull();
        return password;
    }

    /** The password field with a "Generate" button that fills in a random one and shows it, to pass on. */
    private static HorizontalLayout passwordRow(PasswordField password) {
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

    // ------------------------------------------------------------------ access review

    private VerticalLayout accessReview() {
        H3 title = new H3("Access review");
        Paragraph about = new Paragraph("What each role can do in every area of the console: change, read, or — (cannot open it). Who may "
                + "open an area is read from the view's own access rule, the one the console checks on every navigation; auditors only "
                + "read, by design. Disabled users hold their roles but cannot sign in.");
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);

        matrix.setId("access-matrix");
        matrix.setAllRowsVisible(true);
        matrix.setWidth("min(52rem, 100%)");
        matrix.addColumn(Area::label).setHeader("Area").setAutoWidth(true).setFlexGrow(1);
        matrix.addColumn(Area::group).setHeader("Group").setAutoWidth(true).setFlexGrow(0);
        for (String role : ROLE_ORDER) {
            matrix.addComponentColumn(a -> accessBadge(access(a, role))).setHeader(role).setKey(role).setAutoWidth(true).setFlexGrow(0)
                    .setTextAlign(ColumnTextAlign.CENTER);
        }
        Grids.sortable(matrix);
        matrix.setItems(MainLayout.AREAS);

        holders.setId("access-roles");
        holders.setAllRowsVisible(true);
        holders.setWidth("min(52rem, 100%)");
        holders.addComponentColumn(r -> Badges.badge(r, Roles.ADMIN.equals(r) ? "primary" : "contrast")).setHeader("Role")
                .setAutoWidth(true).setFlexGrow(0);
        holders.addColumn(r -> names(r, false)).setHeader("Enabled users").setFlexGrow(1);
        holders.addColumn(r -> names(r, true)).setHeader("Disabled users").setAutoWidth(true).setFlexGrow(0);

        Button exportButton = new Button("Export access review (CSV)", VaadinIcon.DOWNLOAD_ALT.create());
        Anchor export = new Anchor((DownloadHandler) this::writeReview, AttachmentType.DOWNLOAD, "");
        export.add(exportButton);
        export.setId("access-export");
        export.setTitle("One row per user: their roles, status, and what they can do in every area");

        VerticalLayout review = new VerticalLayout(title, about, matrix, new H4("Who has which role"), holders, export);
        review.setPadding(false);
        review.setId("access-review");
        return review;
    }

    private void refreshReview() {
        holders.setItems(ROLE_ORDER);
        for (String role : ROLE_ORDER) {
            long enabled = all.stream().filter(u -> !u.disabled() && u.roles().contains(role)).count();
            matrix.getColumnByKey(role).setHeader(role + " (" + enabled + ")");
        }
    }

    private String names(String role, boolean disabled) {
        String list = all.stream().filter(u -> u.disabled() == disabled && u.roles().contains(role)).map(User::username)
                .collect(Collectors.joining(", "));
        return list.isEmpty() ? NONE : list;
    }

    /** What a role can do in an area: "—" unless the view admits the role; auditors read; the area's editors change. */
    static String access(Area area, String role) {
        if (!MainLayout.rolesAllowed(area.view()).contains(role)) {
            return NONE;
        }
        return !Roles.AUDITOR.equals(role) && area.changedBy().contains(role) ? CHANGE : READ;
    }

    /** The most a set of roles can do in an area. */
    static String access(Area area, Set<String> roles) {
        List<String> levels = roles.stream().map(r -> access(area, r)).toList();
        return levels.contains(CHANGE) ? CHANGE : levels.contains(READ) ? READ : NONE;
    }

    private static Component accessBadge(String level) {
        return switch (level) {
            case CHANGE -> Badges.badge(CHANGE, "success");
            case READ -> Badges.badge(READ, "contrast");
            default -> new Span(NONE);
        };
    }

    /** The review as one CSV row per user: roles, status, and what they can do in every area (nothing while disabled). */
    private void writeReview(DownloadEvent event) throws IOException {
        List<User> list = users.list().stream().sorted(Comparator.comparing(u -> u.username().toLowerCase(Locale.ROOT))).toList();
        event.setFileName("attune-access-review.csv");
        event.setContentType("text/csv");
        List<String> header = new ArrayList<>(List.of("username", "roles", "disabled", "must_change_password", "created_at"));
        MainLayout.AREAS.forEach(a -> header.add(a.label()));
        try (OutputStream out = event.getOutputStream(); Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (User u : list) {
                List<Object> row = new ArrayList<>(Arrays.asList(u.username(), String.join(" ", sorted(u.roles())), u.disabled(),
                        u.mustChangePassword(), u.createdAt()));
                for (Area a : MainLayout.AREAS) {
                    row.add(u.disabled() ? NONE : access(a, u.roles()));
                }
                csv.printRecord(row);
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("users", list.size());
        for (String role : ROLE_ORDER) {
            detail.put(role, list.stream().filter(u -> !u.disabled() && u.roles().contains(role)).count());
        }
        audit.record("users.access-review.export", "console users", AuditOutcome.SUCCESS, detail);
    }

    // ------------------------------------------------------------------ small helpers

    private static Component roleBadges(Set<String> roles) {
        FlexLayout badges = new FlexLayout();
        badges.getStyle().set("gap", "var(--lumo-space-xs)");
        for (String role : sorted(roles)) {
            badges.add(Badges.badge(role, Roles.ADMIN.equals(role) ? "primary" : "contrast"));
        }
        return badges;
    }

    /** Roles in {@link #ROLE_ORDER}, any unknown one after them. */
    private static List<String> sorted(Set<String> roles) {
        List<String> list = new ArrayList<>(roles);
        list.sort(Comparator.comparingInt((String r) -> ROLE_ORDER.indexOf(r) < 0 ? Integer.MAX_VALUE : ROLE_ORDER.indexOf(r))
                .thenComparing(Comparator.naturalOrder()));
        return list;
    }

    private static Div errors(String id) {
        Div errors = new Div();
        errors.setId(id);
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        return errors;
    }

    private static void ok(String message) {
        Notification.show(message, 4000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
