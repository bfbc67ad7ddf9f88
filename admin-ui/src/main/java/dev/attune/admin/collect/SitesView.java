package dev.attune.admin.collect;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.attune.admin.components.Grids;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.KeyKind;
import dev.attune.feedback.api.SiteKeys;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.IdentityVerification;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/** Sites and their keys; admins create sites and see the keys exactly once. */
@Route(value = "sites", layout = MainLayout.class)
@PageTitle("Sites & keys · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST})
public class SitesView extends VerticalLayout {
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private final SiteService sites;
    private final IdentityVerification verification;
    private final Grid<SiteSummary> grid = new Grid<>(SiteSummary.class, false);
    private final TextField filter = Grids.filterField(grid, "sites-filter", "Filter by name");

    @Inject
    public SitesView(SiteService sites, IdentityVerification verification) {
        this.sites = sites;
        this.verification = verification;
        setSizeFull();
        grid.setId("sites-grid");
        grid.addColumn(SiteSummary::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(s -> String.join(", ", s.allowedOrigins()))
                .setHeader("Allowed origins")
                .setFlexGrow(1)
                .setWidth("10rem")
                .setResizable(true);
        grid.addColumn(s -> s.consentMode() == ConsentMode.EXPLICIT ? "Explicit (opt-in)" : "Implied (until withdrawn)")
                .setHeader("Consent")
                .setAutoWidth(true);
        grid.addColumn(s -> s.identityVerification() ? "Verified" : "Claims only")
                .setHeader("Identify")
                .setAutoWidth(true)
                .setTooltipGenerator(s -> s.identityVerification()
                        ? "A browser's identify must carry the user id's HMAC (userHash)"
                        : "A browser's identify is an unverified claim");
        grid.addColumn(s -> s.retentionDays() + " days")
                .setHeader("Retention")
                .setWidth("8.5rem")
                .setFlexGrow(0)
                .setComparator(SiteSummary::retentionDays);
        grid.addColumn(SiteSummary::publicKeyPrefix)
                .setHeader("Public key")
                .setWidth("9rem")
                .setFlexGrow(0);
        grid.addColumn(SiteSummary::secretKeyPrefix)
                .setHeader("Secret key")
                .setWidth("9rem")
                .setFlexGrow(0);
        grid.addColumn(s -> CREATED.format(s.createdAt()))
                .setHeader("Created (UTC)")
                .setWidth("11rem")
                .setFlexGrow(0)
                .setComparator(SiteSummary::createdAt);
        if (CurrentUser.hasRole(Roles.ADMIN)) {
            grid.addComponentColumn(s -> {
                        Button manage = new Button("Manage", e -> openManageDialog(s));
                        manage.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                        return manage;
                    })
                    .setHeader("")
                    .setAutoWidth(true)
                    .setFlexGrow(0)
                    .setFrozenToEnd(true);
        }
        Grids.sortable(grid);
        grid.setEmptyStateText("No site yet. Create one to get its keys.");
        Button create = new Button("New site", VaadinIcon.PLUS.create(), e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(CurrentUser.hasRole(Roles.ADMIN));
        HorizontalLayout header = new HorizontalLayout(new H2("Sites & keys"), create);
        header.setAlignItems(Alignment.BASELINE);
        add(header, filter, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(sites.listSites()).setFilter(Grids.matching(filter, SiteSummary::name));
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New site");
        TextField name = new TextField("Name");
        TextArea origins = new TextArea("Allowed origins", "https://shop.example.com, one per line");
        origins.setHelperText("Browsers may send events with the public key only from these origins.");
        RadioButtonGroup<ConsentMode> consent = new RadioButtonGroup<>("Consent");
        consent.setItems(ConsentMode.values());
        consent.setItemLabelGenerator(m -> m == ConsentMode.EXPLICIT
                ? "Explicit: keep nothing beyond necessary until the visitor consents"
                : "Implied: analytics, personalization and experiments until the visitor withdraws");
        consent.setValue(ConsentMode.EXPLICIT);
        VerticalLayout form = new VerticalLayout(name, origins, consent);
        form.setPadding(false);
        dialog.add(form);
        Button save = new Button("Create", e -> {
            try {
                List<String> list = Arrays.stream(origins.getValue().split("[\\s,]+"))
                        .filter(s -> !s.isBlank())
                        .toList();
                SiteKeys keys = sites.createSite(name.getValue(), list, consent.getValue());
                dialog.removeAll();
                dialog.getFooter().removeAll();
                showKeys(dialog, keys);
                refresh();
            } catch (InvalidInputException ex) {
                name.setInvalid(ex.errors().stream().anyMatch(f -> f.field().equals("name")));
                name.setErrorMessage(ex.errors().stream()
                        .filter(f -> f.field().equals("name"))
                        .map(f -> f.message())
                        .findFirst()
                        .orElse(null));
                origins.setInvalid(ex.errors().stream().anyMatch(f -> f.field().startsWith("allowedOrigins")));
                origins.setErrorMessage(ex.errors().stream()
                        .filter(f -> f.field().startsWith("allowedOrigins"))
                        .map(f -> f.field() + ": " + f.message())
                        .findFirst()
                        .orElse(null));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void openManageDialog(SiteSummary site) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Manage " + site.name());
        TextArea origins = new TextArea("Allowed origins", "https://shop.example.com, one per line");
        origins.setValue(String.join("\n", site.allowedOrigins()));
        origins.setWidthFull();
        Button saveOrigins = new Button("Save origins", e -> {
            try {
                sites.updateAllowedOrigins(
                        site.id(),
                        Arrays.stream(origins.getValue().split("[\\s,]+"))
                                .filter(s -> !s.isBlank())
                                .toList());
                Notification.show("Origins saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                refresh();
            } catch (InvalidInputException ex) {
                origins.setInvalid(true);
                origins.setErrorMessage(ex.errors().stream()
                        .map(f -> f.field() + ": " + f.message())
                        .findFirst()
                        .orElse(null));
            }
        });
        IntegerField retention = new IntegerField("Keep raw events (days)");
        retention.setId("site-retention");
        retention.setValue(site.retentionDays());
        retention.setMin(1);
        retention.setMax(3650);
        retention.setStepButtonsVisible(true);
        retention.setHelperText(
                "Older events (and quarantined ones) are removed by the hourly retention run; audited.");
        Button saveRetention = new Button("Save retention", e -> {
            try {
                sites.updateRetention(site.id(), retention.getValue() == null ? 0 : retention.getValue());
                Notification.show("Retention saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                retention.setInvalid(false);
                refresh();
            } catch (InvalidInputException ex) {
                retention.setInvalid(true);
                retention.setErrorMessage(
                        ex.errors().stream().map(f -> f.message()).findFirst().orElse(null));
            }
        });
        saveRetention.setId("save-retention");
        HorizontalLayout retentionRow = new HorizontalLayout(retention, saveRetention);
        retentionRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        Button rotatePublic = new Button("Rotate public key", e -> confirmRotation(dialog, site, KeyKind.PUBLIC));
        Button rotateSecret = new Button("Rotate secret key", e -> confirmRotation(dialog, site, KeyKind.SECRET));
        rotateSecret.addThemeVariants(ButtonVariant.LUMO_ERROR);
        rotateSecret.setId("rotate-secret");
        IdentityVerificationPanel identity = new IdentityVerificationPanel(site);
        identity.addRequiredChangedListener(e -> {
            sites.updateIdentityVerification(site.id(), e.required());
            Notification.show(e.required() ? "Identify calls from browsers must now be verified" : "Verification off")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        });
        identity.addRevealListener(
                e -> identity.showSecret(verification.reveal(site.id()).value()));
        identity.addRotateListener(
                e -> identity.showSecret(verification.rotate(site.id()).value()));
        VerticalLayout content = new VerticalLayout(
                origins,
                saveOrigins,
                retentionRow,
                identity,
                new Paragraph("Rotating a key replaces it at once: everything still using the old key is refused."),
                new HorizontalLayout(rotatePublic, rotateSecret));
        content.setPadding(false);
        dialog.add(content);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.setWidth("36rem");
        dialog.open();
    }

    private void confirmRotation(Dialog manage, SiteSummary site, KeyKind kind) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Rotate the " + kind.wireName() + " key of " + site.name() + "?");
        confirm.setText(
                kind == KeyKind.SECRET
                        ? "Servers sending with the current secret key will be refused until they use the new one."
                        : "Widgets embedding the current public key will stop sending until the page uses the new one.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Rotate");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            String key = sites.rotateKey(site.id(), kind);
            manage.removeAll();
            manage.getFooter().removeAll();
            manage.setHeaderTitle("New " + kind.wireName() + " key of " + site.name());
            TextField field = readOnly(kind == KeyKind.SECRET ? "Secret key" : "Public key", key);
            field.setId("new-key");
            manage.add(new Paragraph("Copy it now: only its hash is stored and it is never shown again."), field);
            manage.getFooter().add(new Button("Done", d -> manage.close()));
            refresh();
        });
        confirm.open();
    }

    private static void showKeys(Dialog dialog, SiteKeys keys) {
        dialog.setHeaderTitle("Keys of " + keys.name());
        TextField pk = readOnly("Public key (browser widget)", keys.publicKey());
        TextField sk = readOnly("Secret key (server-to-server)", keys.secretKey());
        dialog.add(
                new Paragraph("Copy the secret key now: only its hash is stored and it is never shown again."), pk, sk);
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
    }

    private static TextField readOnly(String label, String value) {
        TextField f = new TextField(label);
        f.setValue(value);
        f.setReadOnly(true);
        f.setWidthFull();
        return f;
    }
}
