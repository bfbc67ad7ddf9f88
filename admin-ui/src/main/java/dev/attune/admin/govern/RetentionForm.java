package dev.attune.admin.govern;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Problems;
import dev.attune.admin.govern.RetentionView.SiteRow;
import java.util.Locale;
import java.util.Map;

/**
 * The dialog that changes a site's two retention periods. It checks the range the modules accept (1 to 3,650 days) and
 * reports the periods through a {@link SaveEvent}; the view saves them and shows a module's refusal back on the form
 * ({@link #showRefusal}).
 */
class RetentionForm extends Dialog {
    static final int MIN_DAYS = 1;
    static final int MAX_DAYS = 3650;

    private final SiteRow row;
    final IntegerField eventDays;
    final IntegerField profileDays;
    final Span general = new Span();
    final Button save = new Button("Save");
    final Button cancel = new Button("Cancel");
    private final Map<String, IntegerField> fields;

    RetentionForm(SiteRow row) {
        this.row = row;
        setHeaderTitle("Retention of " + row.site().name());
        setId("retention-dialog");
        eventDays = daysField(
                "Keep raw events (days)",
                "retention-events-days",
                row.site().retentionDays(),
                "Events received longer ago are removed, quarantined ones too. Shortening takes effect at the next run.");
        profileDays = daysField(
                "Keep profiles of visitors not seen for (days)",
                "retention-profile-days",
                row.profileDays(),
                "With their enrichments, segment memberships and ratings.");
        fields = Map.of("retentionDays", eventDays, "profileDays", profileDays);
        general.setId("retention-dialog-error");
        general.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        VerticalLayout form = new VerticalLayout(eventDays, profileDays, general);
        form.setPadding(false);
        add(form);
        save.setId("retention-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> validateAndSave());
        cancel.addClickListener(e -> fireEvent(new CloseEvent(this)));
        getFooter().add(cancel, save);
        setWidth("30rem");
        eventDays.focus();
    }

    /** Shows a module's refusal: each bad period on its field, anything else under them. */
    void showRefusal(RuntimeException e) {
        Problems.showOnForm(e, fields, general);
    }

    private void validateAndSave() {
        Problems.clearForm(fields, general);
        boolean ok = valid(eventDays) & valid(profileDays);
        if (ok) {
            fireEvent(new SaveEvent(this, row, eventDays.getValue(), profileDays.getValue()));
        }
    }

    private static IntegerField daysField(String label, String id, int value, String helper) {
        IntegerField f = new IntegerField(label);
        f.setId(id);
        f.setValue(value);
        f.setMin(MIN_DAYS);
        f.setMax(MAX_DAYS);
        f.setStepButtonsVisible(true);
        f.setHelperText(helper);
        f.setWidthFull();
        return f;
    }

    /** 1 to 3,650 days, as the modules require; says so on the field otherwise. */
    private static boolean valid(IntegerField f) {
        Integer v = f.getValue();
        if (v == null || v < MIN_DAYS || v > MAX_DAYS) {
            f.setErrorMessage("Between " + MIN_DAYS + " and " + String.format(Locale.ROOT, "%,d", MAX_DAYS) + " days");
            f.setInvalid(true);
            return false;
        }
        f.setInvalid(false);
        return true;
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** Valid periods to save; each is saved only if it differs from the site's current one. */
    static final class SaveEvent extends ComponentEvent<RetentionForm> {
        private final SiteRow row;
        private final int eventDays;
        private final int profileDays;

        SaveEvent(RetentionForm source, SiteRow row, int eventDays, int profileDays) {
            super(source, false);
            this.row = row;
            this.eventDays = eventDays;
            this.profileDays = profileDays;
        }

        SiteRow row() {
            return row;
        }

        int eventDays() {
            return eventDays;
        }

        int profileDays() {
            return profileDays;
        }

        boolean eventDaysChanged() {
            return eventDays != row.site().retentionDays();
        }

        boolean profileDaysChanged() {
            return profileDays != row.profileDays();
        }
    }

    /** The user cancelled. */
    static final class CloseEvent extends ComponentEvent<RetentionForm> {
        CloseEvent(RetentionForm source) {
            super(source, false);
        }
    }
}
