package dev.attune.admin.experiment;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.platform.api.InvalidInputException;

/**
 * The dialog that sets a site's global holdout: the share of units kept out of every experiment. "Save" is reported as
 * a {@link SaveEvent}; the service's refusal (e.g. while an experiment runs) comes back on the field ({@link #showRefusal}).
 */
class HoldoutForm extends Dialog {
    final IntegerField percent = new IntegerField("Share of units held out of every experiment (%)");
    final Button save = new Button("Save");
    final Button cancel = new Button("Cancel");

    HoldoutForm(String siteName, int current) {
        setHeaderTitle("Global holdout for " + siteName);
        percent.setValue(current);
        percent.setMin(0);
        percent.setMax(50);
        percent.setWidthFull();
        percent.setId("holdout-percent");
        Paragraph help = new Paragraph(
                "Held-out visitors always see every experiment's control and are counted in none, so the "
                        + "combined effect of everything shipped can be measured against them. It can change only while no experiment runs.");
        help.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        save.addClickListener(
                e -> fireEvent(new SaveEvent(this, percent.getValue() == null ? -1 : percent.getValue())));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("holdout-save");
        cancel.addClickListener(e -> fireEvent(new CloseEvent(this)));
        add(new VerticalLayout(percent, help));
        getFooter().add(cancel, save);
    }

    /** The service refused the share: its first reason on the field. */
    void showRefusal(InvalidInputException ex) {
        percent.setInvalid(true);
        percent.setErrorMessage(ex.errors().get(0).message());
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** The share to save, in percent (-1 when the field is empty: the service refuses it). */
    static final class SaveEvent extends ComponentEvent<HoldoutForm> {
        private final int percent;

        SaveEvent(HoldoutForm source, int percent) {
            super(source, false);
            this.percent = percent;
        }

        int percent() {
            return percent;
        }
    }

    /** The user cancelled. */
    static final class CloseEvent extends ComponentEvent<HoldoutForm> {
        CloseEvent(HoldoutForm source) {
            super(source, false);
        }
    }
}
