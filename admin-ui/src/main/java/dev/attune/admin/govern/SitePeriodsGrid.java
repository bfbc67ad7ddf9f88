package dev.attune.admin.govern;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.shared.Registration;
import dev.attune.admin.components.Grids;
import dev.attune.admin.govern.RetentionView.SiteRow;
import java.util.Locale;

/** Each site's two retention periods; admins get a "Change" button per site, reported as an {@link EditEvent}. */
class SitePeriodsGrid extends Grid<SiteRow> {

    SitePeriodsGrid(boolean admin) {
        super(SiteRow.class, false);
        setId("retention-sites");
        addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(true);
        addColumn(r -> r.site().name())
                .setHeader("Site")
                .setFlexGrow(1)
                .setResizable(true)
                .setSortable(true)
                .setComparator(r -> r.site().name().toLowerCase(Locale.ROOT));
        addColumn(r -> RetentionView.days(r.site().retentionDays()))
                .setHeader("Raw events kept")
                .setWidth("12rem")
                .setFlexGrow(0)
                .setComparator(r -> r.site().retentionDays())
                .setTooltipGenerator(r -> "Events (and quarantined events) received more " + "than "
                        + RetentionView.days(r.site().retentionDays()) + " ago are removed");
        addColumn(r -> RetentionView.days(r.profileDays()))
                .setHeader("Profiles kept")
                .setWidth("10rem")
                .setFlexGrow(0)
                .setComparator(SiteRow::profileDays)
                .setTooltipGenerator(r -> "Profiles of visitors not seen for " + RetentionView.days(r.profileDays())
                        + " are removed, with their enrichments, segment memberships and ratings");
        if (admin) {
            addComponentColumn(this::editButton)
                    .setHeader("")
                    .setAutoWidth(true)
                    .setFlexGrow(0)
                    .setFrozenToEnd(true);
        }
        Grids.sortable(this);
        setEmptyStateText("No site yet. Create one under Collect → Sites & keys.");
    }

    /** The "Change" button of a row (the grid renders it; tests press it). */
    Button editButton(SiteRow r) {
        Button edit = new Button("Change", VaadinIcon.EDIT.create(), e -> fireEvent(new EditEvent(this, r)));
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        edit.setId("retention-edit-" + r.site().id());
        return edit;
    }

    Registration addEditListener(ComponentEventListener<EditEvent> listener) {
        return addListener(EditEvent.class, listener);
    }

    /** An admin asked to change a site's periods. */
    static final class EditEvent extends ComponentEvent<SitePeriodsGrid> {
        private final SiteRow row;

        EditEvent(SitePeriodsGrid source, SiteRow row) {
            super(source, false);
            this.row = row;
        }

        SiteRow row() {
            return row;
        }
    }
}
