package dev.attune.admin.govern;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.CsvCells;
import dev.attune.admin.components.Grids;
import dev.attune.admin.shell.MainLayout;
import dev.attune.admin.shell.MainLayout.Area;
import dev.attune.platform.api.ConsoleUserService.User;
import dev.attune.platform.api.Roles;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The access review: what each role can do in every area of the console (change, read, or nothing), read from each
 * view's own access rule, who holds which role, and an export of one row per user.
 */
class AccessReviewPanel extends VerticalLayout {
    static final String CHANGE = "change";
    static final String READ = "read";
    static final String NONE = "—";

    final Grid<Area> matrix = new Grid<>(Area.class, false);
    final Grid<String> holders = new Grid<>(String.class, false);
    private List<User> all = List.of();

    /** @param export what the "Export" link downloads (the view writes it: it reads the users afresh and audits the export) */
    AccessReviewPanel(DownloadHandler export) {
        H3 title = new H3("Access review");
        Paragraph about = new Paragraph(
                "What each role can do in every area of the console: change, read, or — (cannot open it). Who may "
                        + "open an area is read from the view's own access rule, the one the console checks on every navigation; auditors only "
                        + "read, by design. Disabled users hold their roles but cannot sign in.");
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);

        matrix.setId("access-matrix");
        matrix.setAllRowsVisible(true);
        matrix.setWidth("min(52rem, 100%)");
        matrix.addColumn(Area::label).setHeader("Area").setAutoWidth(true).setFlexGrow(1);
        matrix.addColumn(Area::group).setHeader("Group").setAutoWidth(true).setFlexGrow(0);
        for (String role : UserForms.ROLE_ORDER) {
            matrix.addComponentColumn(a -> accessBadge(access(a, role)))
                    .setHeader(role)
                    .setKey(role)
                    .setAutoWidth(true)
                    .setFlexGrow(0)
                    .setTextAlign(ColumnTextAlign.CENTER);
        }
        Grids.sortable(matrix);
        matrix.setItems(MainLayout.AREAS);

        holders.setId("access-roles");
        holders.setAllRowsVisible(true);
        holders.setWidth("min(52rem, 100%)");
        holders.addComponentColumn(r -> Badges.badge(r, Roles.ADMIN.equals(r) ? "primary" : "contrast"))
                .setHeader("Role")
                .setAutoWidth(true)
                .setFlexGrow(0);
        holders.addColumn(r -> names(r, false)).setHeader("Enabled users").setFlexGrow(1);
        holders.addColumn(r -> names(r, true))
                .setHeader("Disabled users")
                .setAutoWidth(true)
                .setFlexGrow(0);

        Button exportButton = new Button("Export access review (CSV)", VaadinIcon.DOWNLOAD_ALT.create());
        Anchor exportLink = new Anchor(export, AttachmentType.DOWNLOAD, "");
        exportLink.add(exportButton);
        exportLink.setId("access-export");
        exportLink.setTitle("One row per user: their roles, status, and what they can do in every area");

        add(title, about, matrix, new H4("Who has which role"), holders, exportLink);
        setPadding(false);
        setId("access-review");
    }

    /** Shows who holds which role among these users, and how many enabled users each role has. */
    void show(List<User> users) {
        all = users;
        holders.setItems(UserForms.ROLE_ORDER);
        for (String role : UserForms.ROLE_ORDER) {
            long enabled = all.stream()
                    .filter(u -> !u.disabled() && u.roles().contains(role))
                    .count();
            matrix.getColumnByKey(role).setHeader(role + " (" + enabled + ")");
        }
    }

    private String names(String role, boolean disabled) {
        String list = all.stream()
                .filter(u -> u.disabled() == disabled && u.roles().contains(role))
                .map(User::username)
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
    static void writeCsv(List<User> list, Writer writer) throws IOException {
        List<String> header =
                new ArrayList<>(List.of("username", "roles", "disabled", "must_change_password", "created_at"));
        MainLayout.AREAS.forEach(a -> header.add(a.label()));
        try (CSVPrinter csv = new CSVPrinter(
                writer,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(header.toArray(String[]::new))
                        .get())) {
            for (User u : list) {
                List<Object> row = new ArrayList<>(Arrays.asList(
                        u.username(),
                        String.join(" ", UserForms.sorted(u.roles())),
                        u.disabled(),
                        u.mustChangePassword(),
                        u.createdAt()));
                for (Area a : MainLayout.AREAS) {
                    row.add(u.disabled() ? NONE : access(a, u.roles()));
                }
                csv.printRecord(CsvCells.row(row));
            }
        }
    }
}
