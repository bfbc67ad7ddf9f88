package dev.attune.admin.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.collect.ConsentView;
import dev.attune.admin.collect.FeedbackView;
import dev.attune.admin.collect.QuarantineView;
import dev.attune.admin.collect.SitesView;
import dev.attune.admin.collect.SurveysView;
import dev.attune.admin.collect.WebhooksView;
import dev.attune.admin.components.ThemeToggle;
import dev.attune.admin.dashboard.OverviewView;
import dev.attune.admin.experiment.ExperimentsView;
import dev.attune.admin.govern.AuditLogView;
import dev.attune.admin.govern.LineageView;
import dev.attune.admin.govern.PrivacyView;
import dev.attune.admin.govern.RetentionView;
import dev.attune.admin.govern.UsersView;
import dev.attune.admin.personalize.RecommendationsView;
import dev.attune.admin.personalize.RulesView;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.understand.AlertsView;
import dev.attune.admin.understand.IdentityView;
import dev.attune.admin.understand.LinkageView;
import dev.attune.admin.understand.ProfilesView;
import dev.attune.admin.understand.SegmentsView;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console frame: navigation grouped by what a product manager does (Collect, Understand, ..., Govern). Admins and
 * analysts see every area their role may open, in its group; auditors see what they may read in one "Govern" group.
 * Which role may open an area is read from the view's own {@code @RolesAllowed}, so the menu, the access check and the
 * access review (Users &amp; roles) never disagree.
 */
public class MainLayout extends AppLayout implements RouterLayout {

    /**
     * One area of the console: its menu label, group, view and icon, and the roles that change things there (the others
     * that may open it only read; auditors never change anything, by design).
     */
    public record Area(
            String label, String group, Class<? extends Component> view, VaadinIcon icon, Set<String> changedBy) {}

    private static final Set<String> ADMIN = Set.of(Roles.ADMIN);
    private static final Set<String> ADMIN_ANALYST = Set.of(Roles.ADMIN, Roles.ANALYST);

    /** Every area of the console, in menu order. */
    public static final List<Area> AREAS = List.of(
            new Area("Feedback", "Collect", FeedbackView.class, VaadinIcon.COMMENTS, Set.of()),
            new Area("Sites & keys", "Collect", SitesView.class, VaadinIcon.GLOBE, ADMIN),
            new Area("Surveys", "Collect", SurveysView.class, VaadinIcon.CLIPBOARD_CHECK, ADMIN),
            new Area("Consent ledger", "Collect", ConsentView.class, VaadinIcon.HANDSHAKE, Set.of()),
            new Area("Quarantine", "Collect", QuarantineView.class, VaadinIcon.SHIELD, ADMIN),
            new Area("Webhooks", "Collect", WebhooksView.class, VaadinIcon.CONNECT, ADMIN),
            new Area("Profiles", "Understand", ProfilesView.class, VaadinIcon.USER_CARD, ADMIN_ANALYST),
            new Area("Identity", "Understand", IdentityView.class, VaadinIcon.CLUSTER, ADMIN_ANALYST),
            new Area("Record linkage", "Understand", LinkageView.class, VaadinIcon.CONNECT_O, ADMIN_ANALYST),
            new Area("Segments", "Understand", SegmentsView.class, VaadinIcon.USERS, ADMIN_ANALYST),
            new Area("Alerts", "Understand", AlertsView.class, VaadinIcon.BELL, Set.of()),
            new Area("Recommendations", "Personalize", RecommendationsView.class, VaadinIcon.STAR, ADMIN_ANALYST),
            new Area("Rules", "Personalize", RulesView.class, VaadinIcon.MAGIC, ADMIN_ANALYST),
            new Area("Experiments", "Experiment", ExperimentsView.class, VaadinIcon.FLASK, ADMIN_ANALYST),
            new Area("Privacy requests", "Govern", PrivacyView.class, VaadinIcon.LOCK, ADMIN),
            new Area("Audit log", "Govern", AuditLogView.class, VaadinIcon.RECORDS, Set.of()),
            new Area("Lineage", "Govern", LineageView.class, VaadinIcon.SITEMAP, Set.of()),
            new Area("Retention", "Govern", RetentionView.class, VaadinIcon.HOURGLASS, ADMIN),
            new Area("Users & roles", "Govern", UsersView.class, VaadinIcon.USER_CHECK, ADMIN));

    /** What an auditor reads, in the order of a review: the log first, then consent and privacy, then the rest. */
    private static final List<Class<? extends Component>> AUDITOR_ORDER = List.of(
            AuditLogView.class,
            ConsentView.class,
            PrivacyView.class,
            LineageView.class,
            RetentionView.class,
            QuarantineView.class,
            ProfilesView.class,
            IdentityView.class,
            SegmentsView.class,
            AlertsView.class,
            RulesView.class,
            RecommendationsView.class,
            ExperimentsView.class);

    public MainLayout() {
        setPrimarySection(Section.DRAWER);
        addToNavbar(true, new DrawerToggle(), header());
        addToDrawer(brand(), new Scroller(navigation()));
    }

    /** The roles that may open a view: its {@code @RolesAllowed}, every role for {@code @PermitAll}/{@code @AnonymousAllowed}. */
    public static Set<String> rolesAllowed(Class<?> view) {
        if (view.isAnnotationPresent(PermitAll.class) || view.isAnnotationPresent(AnonymousAllowed.class)) {
            return Roles.ALL;
        }
        RolesAllowed allowed = view.getAnnotation(RolesAllowed.class);
        return allowed == null ? Set.of() : Set.of(allowed.value());
    }

    /** Whether the signed-in user has a role that may open this view. */
    public static boolean mayOpen(Class<?> view) {
        return rolesAllowed(view).stream().anyMatch(CurrentUser::hasRole);
    }

    private HorizontalLayout header() {
        Span user = new Span(CurrentUser.name().orElse(""));
        user.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        user.setId("current-user");
        Button password = new Button(
                "Change password",
                VaadinIcon.KEY.create(),
                e -> e.getSource().getUI().ifPresent(ui -> ui.navigate(ChangePasswordView.class)));
        password.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        password.setId("change-password-link");
        Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> CurrentUser.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");
        HorizontalLayout bar = new HorizontalLayout(user, new ThemeToggle(), password, logout);
        bar.setAlignItems(Alignment.CENTER);
        bar.setWidthFull();
        bar.setJustifyContentMode(HorizontalLayout.JustifyContentMode.END);
        bar.addClassNames(LumoUtility.Padding.Horizontal.MEDIUM);
        return bar;
    }

    private Span brand() {
        Span brand = new Span("Attune");
        brand.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.FontWeight.BOLD, LumoUtility.Padding.MEDIUM);
        return brand;
    }

    private VerticalLayout navigation() {
        SideNav home = new SideNav();
        home.addItem(new SideNavItem("Dashboard", OverviewView.class, VaadinIcon.DASHBOARD.create()));
        VerticalLayout groups = new VerticalLayout(home);
        groups.setPadding(false);
        groups.setSpacing(true);
        if (CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST)) {
            Map<String, SideNav> byGroup = new LinkedHashMap<>();
            for (Area area : AREAS) {
                if (mayOpen(area.view())) {
                    byGroup.computeIfAbsent(area.group(), SideNav::new).addItem(item(area));
                }
            }
            byGroup.values().forEach(groups::add);
        } else if (CurrentUser.hasRole(Roles.AUDITOR)) {
            SideNav govern = new SideNav("Govern");
            for (Class<? extends Component> view : AUDITOR_ORDER) {
                AREAS.stream()
                        .filter(a -> a.view() == view && mayOpen(view))
                        .findFirst()
                        .ifPresent(a -> govern.addItem(item(a)));
            }
            groups.add(govern);
        }
        return groups;
    }

    private static SideNavItem item(Area area) {
        return new SideNavItem(area.label(), area.view(), area.icon().create());
    }
}
