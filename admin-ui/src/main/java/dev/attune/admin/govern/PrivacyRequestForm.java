package dev.attune.admin.govern;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.PersonPicker;
import dev.attune.admin.components.Problems;
import dev.attune.identity.api.Person;
import java.util.Optional;

/**
 * The dialog for a new privacy request: the person (picked by the {@link PersonPicker} given), export or erasure (an
 * erasure must be confirmed with a tick), and whether to process it at once. "Request …" is reported as a
 * {@link SubmitEvent}; the view creates the request and shows a refusal back here ({@link #showRefusal}).
 */
class PrivacyRequestForm extends Dialog {
    private final PersonPicker picker;
    final RadioButtonGroup<String> kind = new RadioButtonGroup<>("Request");
    final Checkbox understand = new Checkbox("I understand this deletes everything about this person in every module");
    final Checkbox now = new Checkbox("Process now");
    final Div errors = new Div();
    final Button submit = new Button("Request export");
    final Button cancel = new Button("Cancel");

    PrivacyRequestForm(String siteName, PersonPicker picker) {
        this.picker = picker;
        setHeaderTitle("New privacy request on " + siteName);
        setWidth("min(42rem, 96vw)");
        kind.setId("privacy-kind");
        kind.setItems("export", "erasure");
        kind.setItemLabelGenerator(k -> "export".equals(k)
                ? "Export: everything every module holds about them, as one JSON document"
                : "Erasure: delete everything about them, in every module");
        kind.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        kind.setValue("export");
        understand.setId("privacy-understand");
        understand.setVisible(false);
        now.setId("privacy-now");
        now.setHelperText("Otherwise the queue picks it up within seconds, at the latest by the deadline.");
        errors.setId("privacy-errors");
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        submit.setId("privacy-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        kind.addValueChangeListener(e -> {
            boolean erasure = "erasure".equals(e.getValue());
            understand.setVisible(erasure);
            understand.setValue(false);
            submit.setText(erasure ? "Request erasure" : "Request export");
            submit.removeThemeVariants(ButtonVariant.LUMO_ERROR);
            if (erasure) {
                submit.addThemeVariants(ButtonVariant.LUMO_ERROR);
            }
            errors.setText("");
        });
        submit.addClickListener(e -> submit());
        cancel.addClickListener(e -> fireEvent(new CloseEvent(this)));
        VerticalLayout form = new VerticalLayout(picker, kind, understand, now, errors);
        form.setPadding(false);
        add(form);
        getFooter().add(cancel, submit);
    }

    private void submit() {
        errors.setText("");
        Optional<Person> person = picker.resolve();
        if (person.isEmpty()) {
            return;
        }
        boolean erasure = "erasure".equals(kind.getValue());
        if (erasure && !understand.getValue()) {
            errors.setText("Tick \"I understand…\" to request an erasure: it cannot be undone.");
            return;
        }
        fireEvent(new SubmitEvent(this, person.get(), erasure, now.getValue()));
    }

    /** The request was refused: why, under the form. */
    void showRefusal(RuntimeException e) {
        errors.setText(Problems.describe(e));
    }

    Registration addSubmitListener(ComponentEventListener<SubmitEvent> listener) {
        return addListener(SubmitEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** A request to create: for whom, an erasure (confirmed) or an export, and whether to process it at once. */
    static final class SubmitEvent extends ComponentEvent<PrivacyRequestForm> {
        private final Person person;
        private final boolean erasure;
        private final boolean processNow;

        SubmitEvent(PrivacyRequestForm source, Person person, boolean erasure, boolean processNow) {
            super(source, false);
            this.person = person;
            this.erasure = erasure;
            this.processNow = processNow;
        }

        Person person() {
            return person;
        }

        boolean erasure() {
            return erasure;
        }

        boolean processNow() {
            return processNow;
        }
    }

    /** The user cancelled. */
    static final class CloseEvent extends ComponentEvent<PrivacyRequestForm> {
        CloseEvent(PrivacyRequestForm source) {
            super(source, false);
        }
    }
}
