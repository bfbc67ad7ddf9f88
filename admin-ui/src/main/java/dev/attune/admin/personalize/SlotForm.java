package dev.attune.admin.personalize;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.personalization.api.RecommendationService;
import dev.attune.platform.api.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The dialog that configures a recommendation slot: its name (as on the page), the strategy or a bandit over several,
 * how many items, whether consumed items may show, and a title. "Save" is reported as a {@link SaveEvent} with the
 * slot; a refusal comes back as a list ({@link #showRefusal}).
 */
class SlotForm extends Dialog {
    final TextField name = new TextField("Slot");
    final Select<String> strategy = new Select<>();
    final MultiSelectComboBox<String> armChoice = new MultiSelectComboBox<>("Arms (bandit)");
    final IntegerField size = new IntegerField("Items");
    final Checkbox consumed = new Checkbox("Show items the person already consumed");
    final TextField title = new TextField("Title");
    final Div errors = new Div();
    final Button save = new Button("Save");
    final Button cancel = new Button("Cancel");

    /** @param existing the slot to change, or null for a new one */
    SlotForm(RecommendationService.Slot existing) {
        setHeaderTitle(existing == null ? "Configure a slot" : "Slot " + existing.slot());
        name.setId("slot-name");
        name.setHelperText("as in data-attune-slot=\"…\" on the page");
        strategy.setLabel("Strategy");
        strategy.setId("slot-strategy");
        List<String> choices = new ArrayList<>(RecommendationService.STRATEGIES);
        choices.add(RecommendationService.BANDIT);
        strategy.setItems(choices);
        armChoice.setItems(RecommendationService.STRATEGIES);
        armChoice.setWidth("24rem");
        size.setMin(1);
        size.setMax(50);
        size.setStepButtonsVisible(true);
        if (existing != null) {
            name.setValue(existing.slot());
            name.setReadOnly(true);
            strategy.setValue(existing.strategy());
            armChoice.setValue(new LinkedHashSet<>(existing.arms()));
            size.setValue(existing.size());
            consumed.setValue(existing.includeConsumed());
            title.setValue(existing.title() == null ? "" : existing.title());
        } else {
            name.setValue("home");
            strategy.setValue("hybrid");
            size.setValue(6);
        }
        armChoice.setVisible(RecommendationService.BANDIT.equals(strategy.getValue()));
        strategy.addValueChangeListener(e -> armChoice.setVisible(RecommendationService.BANDIT.equals(e.getValue())));
        errors.setId("slot-errors");
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        save.addClickListener(e -> {
            errors.removeAll();
            fireEvent(new SaveEvent(
                    this,
                    new RecommendationService.Slot(
                            name.getValue().strip(),
                            strategy.getValue(),
                            List.copyOf(armChoice.getSelectedItems()),
                            size.getValue() == null ? 0 : size.getValue(),
                            consumed.getValue(),
                            title.getValue())));
        });
        save.setId("slot-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout form =
                new VerticalLayout(new HorizontalLayout(name, strategy, size), armChoice, consumed, title, errors);
        form.setPadding(false);
        add(form);
        cancel.addClickListener(e -> fireEvent(new CloseEvent(this)));
        getFooter().add(cancel, save);
    }

    /** The service refused the slot: each bad field on a line. */
    void showRefusal(InvalidInputException ex) {
        errors.removeAll();
        ex.errors().forEach(f -> errors.add(new Div(f.field() + ": " + f.message())));
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** The slot to save. */
    static final class SaveEvent extends ComponentEvent<SlotForm> {
        private final RecommendationService.Slot slot;

        SaveEvent(SlotForm source, RecommendationService.Slot slot) {
            super(source, false);
            this.slot = slot;
        }

        RecommendationService.Slot slot() {
            return slot;
        }
    }

    /** The user cancelled. */
    static final class CloseEvent extends ComponentEvent<SlotForm> {
        CloseEvent(SlotForm source) {
            super(source, false);
        }
    }
}
