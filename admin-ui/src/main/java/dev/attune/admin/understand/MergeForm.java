package dev.attune.admin.understand;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Ids;
import dev.attune.admin.components.PersonPicker;
import dev.attune.admin.components.Problems;
import dev.attune.identity.api.Person;
import java.util.Optional;

/**
 * The dialog that merges a person with another, picked by the {@link PersonPicker} it is given. "Merge" with a person
 * picked (and not the same one) is reported as a {@link MergeEvent}; the view merges and shows a refusal back here
 * ({@link #showRefusal}).
 */
class MergeForm extends Dialog {
    private final Person person;
    private final PersonPicker other;
    final Div errors = new Div();
    final Button merge = new Button("Merge", VaadinIcon.CONNECT.create());
    final Button cancel = new Button("Cancel");

    MergeForm(Person person, PersonPicker other) {
        this.person = person;
        this.other = other;
        setHeaderTitle("Merge person " + Ids.shortId(person.id()) + " with…");
        setWidth("min(40rem, 96vw)");
        Paragraph about = new Paragraph(
                "The two persons become one (the smaller joins the larger) through a link between their oldest "
                        + "identifiers, with source \"console\". Two different user ids never merge: such a merge is refused. "
                        + "A wrong merge is undone by unmerging that link.");
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        errors.setId("identity-merge-errors");
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        merge.addClickListener(e -> merge());
        merge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        merge.setId("identity-merge-confirm");
        cancel.addClickListener(e -> fireEvent(new CloseEvent(this)));
        add(about, other, errors);
        getFooter().add(cancel, merge);
    }

    private void merge() {
        errors.setText("");
        Optional<Person> b = other.resolve();
        if (b.isEmpty()) {
            return;
        }
        if (b.get().id().equals(person.id())) {
            errors.setText("That is this person.");
            return;
        }
        fireEvent(new MergeEvent(this, person, b.get()));
    }

    /** The merge was refused: why, under the picker. */
    void showRefusal(RuntimeException e) {
        errors.setText(Problems.describe(e));
    }

    Registration addMergeListener(ComponentEventListener<MergeEvent> listener) {
        return addListener(MergeEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    /** Two different persons to merge into one. */
    static final class MergeEvent extends ComponentEvent<MergeForm> {
        private final Person person;
        private final Person other;

        MergeEvent(MergeForm source, Person person, Person other) {
            super(source, false);
            this.person = person;
            this.other = other;
        }

        Person person() {
            return person;
        }

        Person other() {
            return other;
        }
    }

    /** The user cancelled. */
    static final class CloseEvent extends ComponentEvent<MergeForm> {
        CloseEvent(MergeForm source) {
            super(source, false);
        }
    }
}
