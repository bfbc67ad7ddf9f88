package dev.attune.admin.collect;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
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
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Grids;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.api.WebhookService;
import dev.attune.feedback.api.WebhookService.Delivery;
import dev.attune.feedback.api.WebhookService.DeliveryStatus;
import dev.attune.feedback.api.WebhookService.Webhook;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A site's webhooks, their deliveries (pending, delivered, dead letters) and replay. */
@Route(value = "webhooks", layout = MainLayout.class)
@PageTitle("Webhooks · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class WebhooksView extends VerticalLayout {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final WebhookService webhooks;
    private final boolean admin = CurrentUser.hasRole(Roles.ADMIN);
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final Grid<Webhook> hooks = new Grid<>(Webhook.class, false);
    private final ComboBox<DeliveryStatus> status = new ComboBox<>("Status");
    private final Grid<Delivery> deliveries = new Grid<>(Delivery.class, false);
    private final H3 deliveriesTitle = new H3("Deliveries");

    @Inject
    public WebhooksView(SiteService sites, WebhookService webhooks) {
        this.webhooks = webhooks;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setId("webhooks-site");
        site.setWidth("20rem");
        site.addValueChangeListener(e -> refreshHooks());
        Button add = new Button("New webhook", VaadinIcon.PLUS.create(), e -> openCreateDialog());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("webhook-new");
        add.setVisible(admin);
        HorizontalLayout bar = new HorizontalLayout(site, add);
        bar.setAlignItems(Alignment.BASELINE);

        hooks.setId("webhooks-grid");
        hooks.setAllRowsVisible(true);
        hooks.addColumn(Webhook::url).setHeader("URL").setFlexGrow(2);
        hooks.addColumn(w -> w.eventTypes().isEmpty() ? "every type" : String.join(", ", w.eventTypes()))
                .setHeader("Event types")
                .setFlexGrow(1);
        hooks.addColumn(w -> w.active() ? "active" : "stopped")
                .setHeader("State")
                .setAutoWidth(true)
                .setFlexGrow(0);
        hooks.addColumn(w -> TIME.format(w.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Webhook::createdAt);
        if (admin) {
            hooks.addComponentColumn(w -> {
                        Button stop = new Button("Stop", e -> {
                            webhooks.disable(w.id());
                            refreshHooks();
                        });
                        stop.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                        stop.setEnabled(w.active());
                        return stop;
                    })
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        Grids.sortable(hooks);
        hooks.setEmptyStateText("No webhooks for this site.");
        hooks.addSelectionListener(e -> refreshDeliveries());

        status.setItems(DeliveryStatus.values());
        status.setItemLabelGenerator(
                s -> s == DeliveryStatus.DEAD ? "dead letters" : s.name().toLowerCase(Locale.ROOT));
        status.setPlaceholder("All");
        status.setClearButtonVisible(true);
        status.setId("deliveries-status");
        status.addValueChangeListener(e -> refreshDeliveries());
        configureDeliveries();
        Paragraph help = new Paragraph(
                "Each delivery is a POST signed with the webhook's secret: Attune-Signature: "
                        + "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">. Failures are retried with backoff, then kept as dead letters.");
        help.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        add(new H2("Webhooks"), help, bar, hooks, new HorizontalLayout(deliveriesTitle, status), deliveries);
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private void configureDeliveries() {
        deliveries.setId("deliveries-grid");
        deliveries.setSizeFull();
        deliveries
                .addColumn(d -> TIME.format(d.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0);
        deliveries
                .addColumn(Delivery::eventType)
                .setHeader("Event")
                .setAutoWidth(true)
                .setFlexGrow(0);
        deliveries.addColumn(d -> d.eventId().toString()).setHeader("Event id").setFlexGrow(1);
        deliveries
                .addColumn(d -> d.status() == DeliveryStatus.DEAD
                        ? "dead letter"
                        : d.status().name().toLowerCase(Locale.ROOT))
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0);
        deliveries
                .addColumn(Delivery::attempts)
                .setHeader("Tries")
                .setAutoWidth(true)
                .setFlexGrow(0);
        deliveries
                .addColumn(d -> d.lastStatusCode() == null ? "" : String.valueOf(d.lastStatusCode()))
                .setHeader("Last answer")
                .setAutoWidth(true)
                .setFlexGrow(0);
        deliveries
                .addColumn(d -> d.lastError() == null ? "" : d.lastError())
                .setHeader("Last error")
                .setFlexGrow(1);
        if (admin) {
            deliveries
                    .addComponentColumn(d -> {
                        Button replay = new Button("Replay", e -> {
                            webhooks.replay(d.id());
                            Notification.show(
                                            "Delivery " + d.id() + " queued again",
                                            3000,
                                            Notification.Position.BOTTOM_START)
                                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                            refreshDeliveries();
                        });
                        replay.addThemeVariants(ButtonVariant.LUMO_SMALL);
                        replay.setEnabled(d.status() != DeliveryStatus.PENDING);
                        return replay;
                    })
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        deliveries.setEmptyStateText("Choose a webhook to see its deliveries.");
    }

    private void refreshHooks() {
        List<Webhook> list = site.getValue() == null
                ? List.of()
                : webhooks.list(site.getValue().id());
        hooks.setItems(list);
        if (!list.isEmpty()) {
            hooks.select(list.get(0));
        } else {
            deliveries.setItems(List.of());
        }
    }

    private void refreshDeliveries() {
        Webhook hook = hooks.getSelectedItems().stream().findFirst().orElse(null);
        if (hook == null) {
            deliveries.setItems(List.of());
            deliveriesTitle.setText("Deliveries");
            return;
        }
        DeliveryStatus which = status.getValue();
        deliveriesTitle.setText(
                "Deliveries to " + hook.url() + " (" + webhooks.countDeliveries(hook.id(), which) + ")");
        deliveries.setItems(
                q -> webhooks.deliveries(hook.id(), which, q.getOffset(), Math.min(q.getLimit(), 1000)).stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, webhooks.countDeliveries(hook.id(), which)));
    }

    private void openCreateDialog() {
        if (site.getValue() == null) {
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New webhook for " + site.getValue().name());
        TextField url = new TextField("URL");
        url.setPlaceholder("https://hooks.example.com/attune");
        url.setWidthFull();
        url.setId("webhook-url");
        MultiSelectComboBox<EventType> types = new MultiSelectComboBox<>("Event types");
        types.setItems(EventType.values());
        types.setItemLabelGenerator(EventType::wireName);
        types.setHelperText("None chosen: every type.");
        types.setWidthFull();
        Button create = new Button("Create", e -> {
            try {
                WebhookService.CreatedWebhook created = webhooks.create(
                        site.getValue().id(),
                        url.getValue(),
                        types.getValue().stream().map(EventType::wireName).collect(Collectors.toSet()));
                dialog.removeAll();
                dialog.getFooter().removeAll();
                TextField secret = new TextField("Signing secret (shown once)");
                secret.setValue(created.signingSecret());
                secret.setReadOnly(true);
                secret.setWidthFull();
                secret.setId("webhook-secret");
                dialog.add(
                        new Paragraph("Keep this secret to verify the Attune-Signature header of each delivery."),
                        secret);
                dialog.getFooter().add(new Button("Done", d -> dialog.close()));
                refreshHooks();
            } catch (InvalidInputException ex) {
                url.setInvalid(ex.errors().stream().anyMatch(f -> f.field().equals("url")));
                url.setErrorMessage(ex.errors().stream()
                        .filter(f -> f.field().equals("url"))
                        .map(f -> f.message())
                        .findFirst()
                        .orElse(null));
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("webhook-create");
        VerticalLayout form = new VerticalLayout(url, types);
        form.setPadding(false);
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        dialog.setWidth("34rem");
        dialog.open();
    }
}
