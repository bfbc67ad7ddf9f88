package dev.attune.admin.understand;

import static dev.attune.admin.understand.LinkageParts.fit;
import static dev.attune.admin.understand.LinkageParts.isOpen;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Problems;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.LinkageService;
import dev.attune.identity.api.LinkageService.ImportSummary;
import dev.attune.identity.api.LinkageService.ReviewItem;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Record linkage of a site's contacts: an analyst uploads a CSV of CRM contacts, which the identity module links into
 * the identity graph with a Fellegi-Sunter model fitted on the file itself (likely matches linked at once, uncertain
 * pairs queued), and sees what the import did. Below, the past imports, and the review queue: each uncertain pair
 * side by side, field by field, with the model's evidence per field, to decide "same person" (the contacts are linked)
 * or "different people". Reading the queue shows both contacts in clear and is audited, like the admin API.
 */
@Route(value = "linkage", layout = MainLayout.class)
@PageTitle("Record linkage · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST})
public class LinkageView extends VerticalLayout {
    private static final int LIMIT = 200;

    /** The review queue's status filter: what the user picks and what the service is asked for (null: all). */
    private enum Status {
        OPEN("Open", "open"),
        ACCEPTED("Accepted", "accepted"),
        REJECTED("Rejected", "rejected"),
        ALL("All", null);

        final String label;
        final String wire;

        Status(String label, String wire) {
            this.label = label;
            this.wire = wire;
        }
    }

    private final LinkageService linkage;
    private final AuditLog audit;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final LinkageImportForm importForm = new LinkageImportForm();
    private final ImportsGrid imports = new ImportsGrid();
    private final Map<UUID, ImportSummary> importsById = new HashMap<>();
    private final RadioButtonGroup<Status> status = new RadioButtonGroup<>();
    private final Span queueLabel = new Span();
    private final ReviewQueueGrid reviews = new ReviewQueueGrid();
    private final LinkagePairPanel detail = new LinkagePairPanel();
    /** The items the queue grid shows, in its order (most probable first), to find the next one after a decision. */
    private List<ReviewItem> queue = List.of();
    /** Set while the grid's items are replaced, so the momentary deselection does not clear the comparison. */
    private boolean refreshing;

    @Inject
    public LinkageView(SiteService siteService, LinkageService linkage, AuditLog audit) {
        this.linkage = linkage;
        this.audit = audit;
        setSizeFull();
        List<SiteSummary> sites = siteService.listSites();
        site.setItems(sites);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.setId("linkage-site");
        site.addValueChangeListener(e -> {
            importForm.setSite(e.getValue());
            refreshImports();
            refreshReviews(null);
        });
        Button reload = new Button(VaadinIcon.REFRESH.create(), e -> {
            refreshImports();
            refreshReviews(selectedId());
        });
        reload.setTooltipText("Reload");
        reload.setAriaLabel("Reload");
        HorizontalLayout bar = new HorizontalLayout(site, reload);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);
        Paragraph intro = new Paragraph(
                "Contacts from a CRM or another system become identifiers of the identity graph, linked to their "
                        + "email, phone and user id. Contacts that look like the same person are linked when the model is sure enough; the pairs "
                        + "it is unsure about wait in the review queue below for a person to decide.");
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);

        importForm.addImportListener(e -> getElement()
                .executeJs("return 0")
                .then(Integer.class, ignored -> runImport(e), error -> importForm.finishImport()));
        configureReviews();
        detail.addDecideListener(e -> decide(e.item(), e.samePerson()));
        H3 importsTitle = new H3("Imports");
        HorizontalLayout queueHead = new HorizontalLayout(new H3(queueLabel), status);
        queueHead.setAlignItems(Alignment.BASELINE);
        queueHead.setWrap(true);
        Paragraph aboutQueue = new Paragraph(
                "Pairs whose match probability lies between the \"review from\" and \"link from\" "
                        + "probabilities of their import, most probable first. Select one to compare the two contacts field by field.");
        aboutQueue.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        add(
                new H2("Record linkage"),
                intro,
                bar,
                importForm,
                importsTitle,
                imports,
                queueHead,
                aboutQueue,
                reviews,
                detail);
        if (!sites.isEmpty()) {
            site.setValue(sites.get(0));
        }
    }

    private UUID siteId() {
        return site.getValue() == null ? null : site.getValue().id();
    }

    // ------------------------------------------------------------------ import

    /** Imports the uploaded file (on the round trip after the upload) and shows what the import did, or why it refused. */
    private void runImport(LinkageImportForm.ImportEvent e) {
        try {
            ContactsFile.Decoded csv = ContactsFile.decode(e.data());
            ImportSummary s = linkage.importContacts(
                    e.site().id(),
                    e.source(),
                    e.fileName(),
                    new StringReader(csv.text()),
                    e.matchFrom(),
                    e.reviewFrom());
            importForm.finishImport();
            importForm.showSuccess(s, csv.note());
            notify(
                    "Imported " + s.records() + " contacts: " + s.matches() + " matches linked, " + s.review()
                            + " sent to review",
                    NotificationVariant.LUMO_SUCCESS);
            refreshImports();
            refreshReviews(null);
        } catch (RuntimeException ex) {
            importForm.finishImport();
            Problems.invalidInput(ex)
                    .ifPresentOrElse(
                            i -> importForm.showInvalid(i, e.data()),
                            () -> importForm.showFailure(Problems.describe(ex), List.of()));
        }
    }

    private void refreshImports() {
        List<ImportSummary> list = siteId() == null ? List.of() : linkage.imports(siteId(), LIMIT);
        importsById.clear();
        list.forEach(s -> importsById.put(s.id(), s));
        imports.setItems(list);
        fit(imports, list.size(), "18rem");
    }

    // ------------------------------------------------------------------ review queue

    private void configureReviews() {
        status.setId("linkage-status");
        status.setItems(Status.values());
        status.setItemLabelGenerator(s -> s.label);
        status.setValue(Status.OPEN);
        status.addValueChangeListener(e -> refreshReviews(null));
        queueLabel.setText("Review queue");
        reviews.addSelectionListener(e -> {
            if (!refreshing) {
                show(e.getFirstSelectedItem().orElse(null));
            }
        });
    }

    private void show(ReviewItem r) {
        detail.show(r, r == null ? null : importsById.get(r.importId()));
    }

    private Long selectedId() {
        return reviews.asSingleSelect().getValue() == null
                ? null
                : reviews.asSingleSelect().getValue().id();
    }

    /** Reloads the queue and selects this item again, or (none given) the first open pair, so review starts at once. */
    private void refreshReviews(Long keep) {
        reloadReviews(list -> keep == null
                ? list.stream().filter(LinkageParts::isOpen).findFirst()
                : list.stream().filter(r -> r.id() == keep).findFirst());
    }

    /** Reloads the queue (audited: it shows contacts in clear) and selects the item {@code choose} picks from it, if any. */
    private void reloadReviews(Function<List<ReviewItem>, Optional<ReviewItem>> choose) {
        Status filter = Objects.requireNonNullElse(status.getValue(), Status.OPEN);
        List<ReviewItem> list = List.of();
        if (siteId() != null) {
            try {
                list = linkage.reviews(siteId(), filter.wire, LIMIT);
                audit.record(
                        "identity.review.read",
                        siteId().toString(),
                        AuditOutcome.SUCCESS,
                        Map.of(
                                "items",
                                list.size(),
                                "status",
                                filter.label.toLowerCase(Locale.ROOT),
                                "via",
                                "console"));
            } catch (RuntimeException ex) {
                Problems.show(ex);
            }
        }
        queue = list;
        refreshing = true;
        try {
            reviews.setItems(list);
            fit(reviews, list.size(), "22rem");
            Optional<ReviewItem> chosen = choose.apply(list);
            chosen.ifPresentOrElse(reviews::select, reviews::deselectAll);
            show(chosen.orElse(null));
        } finally {
            refreshing = false;
        }
        reviews.setEmptyStateText(
                switch (filter) {
                    case OPEN ->
                        "Nothing to review: pairs the model is unsure about wait here after an import. Upload contacts above.";
                    case ACCEPTED -> "No pairs were accepted as the same person yet.";
                    case REJECTED -> "No pairs were rejected as different people yet.";
                    case ALL -> "Nothing to review yet: upload a CSV of contacts above; uncertain pairs wait here.";
                });
        long open = list.stream().filter(LinkageParts::isOpen).count();
        queueLabel.setText(
                "Review queue" + (open == 0 ? "" : " (" + open + (list.size() == LIMIT ? "+" : "") + " open)"));
    }

    /**
     * Records the decision, reloads the queue and opens the next open pair (the one after this in the queue's order, else
     * the first); a refusal (already decided by someone else, or two user ids) stays on this pair with its reason.
     */
    private void decide(ReviewItem r, boolean samePerson) {
        List<Long> after = queue.stream()
                .dropWhile(i -> i.id() != r.id())
                .skip(1)
                .map(ReviewItem::id)
                .toList();
        ReviewItem decided;
        try {
            decided = linkage.decide(siteId(), r.id(), samePerson);
        } catch (RuntimeException ex) {
            Problems.show(ex);
            refreshReviews(r.id());
            detail.showRefusal(Problems.describe(ex)
                    + (samePerson ? " If they are different people, choose \"Different people\"." : ""));
            return;
        }
        notify(
                "Pair #" + r.id()
                        + (samePerson ? " linked: the contacts are one person" : " marked as different people"),
                NotificationVariant.LUMO_SUCCESS);
        reloadReviews(list -> {
            Map<Long, ReviewItem> byId = new HashMap<>();
            list.forEach(i -> byId.put(i.id(), i));
            return after.stream()
                    .map(byId::get)
                    .filter(i -> i != null && isOpen(i))
                    .findFirst()
                    .or(() -> list.stream().filter(LinkageParts::isOpen).findFirst());
        });
        if (queue.stream().noneMatch(LinkageParts::isOpen)) {
            detail.showQueueDone(decided.status());
        }
    }

    private static void notify(String message, NotificationVariant variant) {
        Notification.show(message, 4000, Notification.Position.BOTTOM_START).addThemeVariants(variant);
    }
}
