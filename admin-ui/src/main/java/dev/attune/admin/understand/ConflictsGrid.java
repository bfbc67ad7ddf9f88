package dev.attune.admin.understand;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.shared.Registration;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.Ids;
import dev.attune.identity.api.Conflict;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * The identity graph's conflicts: merges refused because both persons carry different user ids, and persons likely to
 * be shared devices. Each person named opens through an {@link OpenPersonEvent}; who may change the graph resolves an
 * open conflict through a {@link ResolveEvent}.
 */
class ConflictsGrid extends Grid<Conflict> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    ConflictsGrid(boolean canEdit) {
        super(Conflict.class, false);
        setId("identity-conflicts");
        setHeight("20rem");
        addComponentColumn(c -> switch (c.kind()) {
                    case "user_ids" -> Badges.badge("two user ids", "error");
                    case "shared_device" -> Badges.badge("shared device", "contrast");
                    case "unverified_claim" -> Badges.badge("unverified claim", "error");
                    default -> Badges.badge(c.kind(), "contrast");
                })
                .setHeader("Kind")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Conflict::kind);
        addComponentColumn(c -> personLink(c.personId()))
                .setHeader("Person")
                .setAutoWidth(true)
                .setFlexGrow(0);
        addComponentColumn(c -> c.otherPerson() == null ? new Span("—") : personLink(c.otherPerson()))
                .setHeader("Other")
                .setAutoWidth(true)
                .setFlexGrow(0);
        addColumn(Conflict::source).setHeader("Source").setAutoWidth(true).setFlexGrow(0);
        addColumn(Conflict::detail).setHeader("Detail").setFlexGrow(1);
        addColumn(c -> TIME.format(c.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Conflict::createdAt);
        addColumn(c -> c.resolvedAt() == null
                        ? "open"
                        : "resolved by " + c.resolvedBy() + ", " + TIME.format(c.resolvedAt()))
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Conflict::resolvedAt);
        if (canEdit) {
            addComponentColumn(this::resolveButton).setAutoWidth(true).setFlexGrow(0);
        }
        Grids.sortable(this);
    }

    /** "Resolve" for an open conflict, nothing for a resolved one (the grid renders it; tests press it). */
    Component resolveButton(Conflict c) {
        if (c.resolvedAt() != null) {
            return new Span();
        }
        Button resolve = new Button("Resolve", VaadinIcon.CHECK.create(), e -> fireEvent(new ResolveEvent(this, c)));
        resolve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        resolve.setId("identity-conflict-resolve-" + c.id());
        return resolve;
    }

    /** A person's short id as a link-like button that opens the person (the grid renders it; tests press it). */
    Button personLink(UUID id) {
        Button b = new Button(Ids.shortId(id), e -> fireEvent(new OpenPersonEvent(this, id)));
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        b.setTooltipText(id.toString());
        return b;
    }

    Registration addResolveListener(ComponentEventListener<ResolveEvent> listener) {
        return addListener(ResolveEvent.class, listener);
    }

    Registration addOpenPersonListener(ComponentEventListener<OpenPersonEvent> listener) {
        return addListener(OpenPersonEvent.class, listener);
    }

    /** The user marks a conflict resolved. */
    static final class ResolveEvent extends ComponentEvent<ConflictsGrid> {
        private final Conflict conflict;

        ResolveEvent(ConflictsGrid source, Conflict conflict) {
            super(source, false);
            this.conflict = conflict;
        }

        Conflict conflict() {
            return conflict;
        }
    }

    /** The user wants to see a person of a conflict. */
    static final class OpenPersonEvent extends ComponentEvent<ConflictsGrid> {
        private final UUID personId;

        OpenPersonEvent(ConflictsGrid source, UUID personId) {
            super(source, false);
            this.personId = personId;
        }

        UUID personId() {
            return personId;
        }
    }
}
