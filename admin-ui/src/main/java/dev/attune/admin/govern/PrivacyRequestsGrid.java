package dev.attune.admin.govern;

import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.Ids;
import dev.attune.admin.understand.IdentityView;
import dev.attune.identity.api.PrivacyRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/** A site's privacy requests: kind, person, status, who asked and when, when due (overdue in red) and finished, errors. */
class PrivacyRequestsGrid extends Grid<PrivacyRequest> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    PrivacyRequestsGrid() {
        super(PrivacyRequest.class, false);
        setId("privacy-grid");
        addComponentColumn(r -> {
                    Icon icon = ("erasure".equals(r.kind()) ? VaadinIcon.TRASH : VaadinIcon.DOWNLOAD_ALT).create();
                    icon.setSize("var(--lumo-icon-size-s)");
                    icon.getStyle().set("margin-right", "0.35em");
                    return new Span(icon, new Text(r.kind()));
                })
                .setHeader("Kind")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(PrivacyRequest::kind);
        addComponentColumn(r -> personLink(r.personId()))
                .setHeader("Person")
                .setAutoWidth(true)
                .setFlexGrow(0);
        addComponentColumn(r -> statusBadge(r.status()))
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(PrivacyRequest::status);
        addColumn(PrivacyRequest::requestedBy)
                .setHeader("Requested by")
                .setAutoWidth(true)
                .setFlexGrow(0);
        addColumn(r -> time(r.requestedAt()))
                .setHeader("Requested (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(PrivacyRequest::requestedAt);
        addComponentColumn(r -> {
                    Span due = new Span(time(r.dueAt()));
                    if (overdue(r)) {
                        due.setText(time(r.dueAt()) + " · overdue");
                        due.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontWeight.SEMIBOLD);
                    }
                    return due;
                })
                .setHeader("Due (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(PrivacyRequest::dueAt);
        addColumn(r -> time(r.finishedAt()))
                .setHeader("Finished (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(PrivacyRequest::finishedAt);
        addColumn(r -> r.error() == null ? "" : r.error())
                .setHeader("Error")
                .setFlexGrow(1)
                .setTooltipGenerator(r -> r.error() == null ? "" : r.error());
        Grids.sortable(this);
        setEmptyStateText(
                "No privacy requests on this site. When a person asks for their data or for it to be deleted, an admin "
                        + "creates a request with \"New request\" (or POST /api/v1/admin/privacy/requests).");
    }

    /** Short lists in full; long ones scroll. */
    void fit(int rows) {
        if (rows <= 10) {
            setAllRowsVisible(true);
        } else {
            setAllRowsVisible(false);
            setHeight("22rem");
        }
    }

    static Span statusBadge(String status) {
        return Badges.badge(
                status,
                switch (Objects.requireNonNullElse(status, "")) {
                    case "done" -> "success";
                    case "failed" -> "error";
                    case "queued" -> "contrast";
                    default -> "";
                });
    }

    static RouterLink personLink(UUID personId) {
        RouterLink link = new RouterLink(Ids.shortId(personId), IdentityView.class);
        link.setQueryParameters(QueryParameters.of("person", personId.toString()));
        link.getElement().setAttribute("title", personId.toString());
        return link;
    }

    static boolean overdue(PrivacyRequest r) {
        return !"done".equals(r.status()) && r.dueAt() != null && r.dueAt().isBefore(Instant.now());
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
