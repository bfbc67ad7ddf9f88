package dev.attune.admin.views;

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
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.security.CurrentUser;
import dev.attune.platform.api.Roles;

/** The console frame: navigation grouped by what a product manager does (Collect, Understand, ..., Govern). */
public class MainLayout extends AppLayout implements RouterLayout {

    public MainLayout() {
        setPrimarySection(Section.DRAWER);
        addToNavbar(true, new DrawerToggle(), header());
        addToDrawer(brand(), new Scroller(navigation()));
    }

    private HorizontalLayout header() {
        Span user = new Span(CurrentUser.name().orElse(""));
        user.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> CurrentUser.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");
        HorizontalLayout bar = new HorizontalLayout(user, logout);
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
        home.addItem(new SideNavItem("Overview", OverviewView.class, VaadinIcon.DASHBOARD.create()));
        VerticalLayout groups = new VerticalLayout(home);
        groups.setPadding(false);
        groups.setSpacing(true);
        if (CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST)) {
            SideNav collect = new SideNav("Collect");
            collect.addItem(new SideNavItem("Feedback", FeedbackView.class, VaadinIcon.COMMENTS.create()));
            collect.addItem(new SideNavItem("Sites & keys", SitesView.class, VaadinIcon.GLOBE.create()));
            collect.addItem(new SideNavItem("Surveys", SurveysView.class, VaadinIcon.CLIPBOARD_CHECK.create()));
            collect.addItem(new SideNavItem("Consent ledger", ConsentView.class, VaadinIcon.HANDSHAKE.create()));
            collect.addItem(new SideNavItem("Quarantine", QuarantineView.class, VaadinIcon.SHIELD.create()));
            collect.addItem(new SideNavItem("Webhooks", WebhooksView.class, VaadinIcon.CONNECT.create()));
            groups.add(collect);
            SideNav understand = new SideNav("Understand");
            understand.addItem(new SideNavItem("Profiles", ProfilesView.class, VaadinIcon.USER_CARD.create()));
            understand.addItem(new SideNavItem("Identity", IdentityView.class, VaadinIcon.CLUSTER.create()));
            understand.addItem(new SideNavItem("Record linkage", LinkageView.class, VaadinIcon.CONNECT_O.create()));
            understand.addItem(new SideNavItem("Segments", SegmentsView.class, VaadinIcon.USERS.create()));
            understand.addItem(new SideNavItem("Alerts", AlertsView.class, VaadinIcon.BELL.create()));
            groups.add(understand);
            SideNav personalize = new SideNav("Personalize");
            personalize.addItem(new SideNavItem("Recommendations", RecommendationsView.class, VaadinIcon.STAR.create()));
            personalize.addItem(new SideNavItem("Rules", RulesView.class, VaadinIcon.MAGIC.create()));
            groups.add(personalize);
            SideNav experiment = new SideNav("Experiment");
            experiment.addItem(new SideNavItem("Experiments", ExperimentsView.class, VaadinIcon.FLASK.create()));
            groups.add(experiment);
            if (CurrentUser.hasRole(Roles.ADMIN)) {
                SideNav govern = new SideNav("Govern");
                govern.addItem(new SideNavItem("Privacy requests", PrivacyView.class, VaadinIcon.LOCK.create()));
                groups.add(govern);
            }
        } else if (CurrentUser.hasRole(Roles.AUDITOR)) {
            SideNav govern = new SideNav("Govern");
            govern.addItem(new SideNavItem("Consent ledger", ConsentView.class, VaadinIcon.HANDSHAKE.create()));
            govern.addItem(new SideNavItem("Privacy requests", PrivacyView.class, VaadinIcon.LOCK.create()));
            govern.addItem(new SideNavItem("Quarantine", QuarantineView.class, VaadinIcon.SHIELD.create()));
            govern.addItem(new SideNavItem("Profiles", ProfilesView.class, VaadinIcon.USER_CARD.create()));
            govern.addItem(new SideNavItem("Identity", IdentityView.class, VaadinIcon.CLUSTER.create()));
            govern.addItem(new SideNavItem("Segments", SegmentsView.class, VaadinIcon.USERS.create()));
            govern.addItem(new SideNavItem("Alerts", AlertsView.class, VaadinIcon.BELL.create()));
            govern.addItem(new SideNavItem("Rules", RulesView.class, VaadinIcon.MAGIC.create()));
            govern.addItem(new SideNavItem("Recommendations", RecommendationsView.class, VaadinIcon.STAR.create()));
            govern.addItem(new SideNavItem("Experiments", ExperimentsView.class, VaadinIcon.FLASK.create()));
            groups.add(govern);
        }
        return groups;
    }
}
