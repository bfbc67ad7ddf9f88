package dev.attune.admin.govern;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Ids;
import dev.attune.admin.understand.IdentityView;
import dev.attune.identity.api.PrivacyRequest;

/**
 * One privacy request: what, whose, its status and dates, the last error, and the receipt. Admins may process a queued
 * or failed request at once, reported as a {@link ProcessEvent}.
 */
class PrivacyRequestPanel extends VerticalLayout {
    private final boolean admin;
    /** The request on show, so a refresh redraws only when it changed. */
    private PrivacyRequest shown;

    PrivacyRequestPanel(boolean admin) {
        this.admin = admin;
        setPadding(false);
        setId("privacy-detail");
    }

    /** The request shown, if any. */
    PrivacyRequest shown() {
        return shown;
    }

    /** Whether this request is on show as it is (a refresh need not redraw it). */
    boolean showing(PrivacyRequest r) {
        return r != null && r.equals(shown) && getComponentCount() > 0;
    }

    /** Forgets the request shown, so that the next {@link #show} redraws. */
    void forget() {
        shown = null;
    }

    /**
     * Shows the request (redrawn only when it changed); {@code download} is the export's download link, for a finished
     * export an admin may fetch (null otherwise).
     */
    void show(PrivacyRequest r, Component download) {
        if (showing(r)) {
            return;
        }
        removeAll();
        shown = r;
        if (r == null) {
            return;
        }
        H3 title =
                new H3(("erasure".equals(r.kind()) ? "Erasure" : "Export") + " of person " + Ids.shortId(r.personId()));
        title.setId("privacy-title");
        HorizontalLayout head = new HorizontalLayout(title, PrivacyRequestsGrid.statusBadge(r.status()));
        head.setAlignItems(Alignment.BASELINE);
        head.setWrap(true);
        if (admin && ("queued".equals(r.status()) || "failed".equals(r.status()))) {
            Button process =
                    new Button("Process now", VaadinIcon.PLAY.create(), e -> fireEvent(new ProcessEvent(this, r)));
            process.setId("privacy-process");
            process.addThemeVariants(
                    "erasure".equals(r.kind()) ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_PRIMARY);
            head.add(process);
        }
        if (download != null) {
            head.add(download);
        }
        RouterLink person = new RouterLink("Open person", IdentityView.class);
        person.setQueryParameters(QueryParameters.of("person", r.personId().toString()));
        person.setId("privacy-open-person");
        person.setVisible(!("erasure".equals(r.kind()) && "done".equals(r.status())));
        head.add(person);

        Paragraph meta = new Paragraph("Request " + r.id() + " · person " + r.personId() + " · requested by "
                + r.requestedBy() + " on "
                + PrivacyRequestsGrid.time(r.requestedAt()) + " UTC · due " + PrivacyRequestsGrid.time(r.dueAt())
                + " UTC" + (PrivacyRequestsGrid.overdue(r) ? " (overdue)" : "")
                + (r.finishedAt() == null ? "" : " · finished " + PrivacyRequestsGrid.time(r.finishedAt()) + " UTC"));
        meta.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);
        add(head, meta);
        if (r.error() != null && !r.error().isBlank()) {
            Paragraph error = new Paragraph("The last attempt failed: " + r.error() + ". The queue tries again"
                    + (admin ? "; \"Process now\" tries at once." : "."));
            error.setId("privacy-error");
            error.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
            add(error);
        }
        ReceiptPanel receipt = new ReceiptPanel();
        receipt.show(r, admin);
        add(new H4("Receipt"), receipt);
    }

    Registration addProcessListener(ComponentEventListener<ProcessEvent> listener) {
        return addListener(ProcessEvent.class, listener);
    }

    /** An admin asked to process the request now. */
    static final class ProcessEvent extends ComponentEvent<PrivacyRequestPanel> {
        private final PrivacyRequest request;

        ProcessEvent(PrivacyRequestPanel source, PrivacyRequest request) {
            super(source, false);
            this.request = request;
        }

        PrivacyRequest request() {
            return request;
        }
    }
}
