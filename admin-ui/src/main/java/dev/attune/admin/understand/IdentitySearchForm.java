package dev.attune.admin.understand;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import dev.attune.admin.components.PersonPicker;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.IdentifierRef;

/**
 * Looks a person up by one identifier: its kind and value. "Search" (or Enter) with a value is reported as a
 * {@link SearchEvent}; a blank value is marked on the field instead.
 */
class IdentitySearchForm extends HorizontalLayout {
    final Select<IdentifierKind> kind = PersonPicker.kindSelect();
    final TextField value = new TextField("Identifier");
    final Button search = new Button("Search", VaadinIcon.SEARCH.create());

    IdentitySearchForm() {
        kind.setId("identity-kind");
        kind.addValueChangeListener(e -> value.setPlaceholder(PersonPicker.example(e.getValue())));
        value.setId("identity-value");
        value.setWidth("20rem");
        value.setPlaceholder(PersonPicker.example(kind.getValue()));
        value.setClearButtonVisible(true);
        value.addKeyPressListener(Key.ENTER, e -> search());
        search.addClickListener(e -> search());
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.setId("identity-search");
        add(kind, value, search);
        setAlignItems(Alignment.BASELINE);
        setPadding(false);
    }

    private void search() {
        String v = value.getValue() == null ? "" : value.getValue().strip();
        if (kind.getValue() == null || v.isEmpty()) {
            value.setErrorMessage("Enter an identifier to search for");
            value.setInvalid(v.isEmpty());
            return;
        }
        value.setInvalid(false);
        fireEvent(new SearchEvent(this, new IdentifierRef(kind.getValue(), v)));
    }

    Registration addSearchListener(ComponentEventListener<SearchEvent> listener) {
        return addListener(SearchEvent.class, listener);
    }

    /** The identifier to look the person up by (its value stripped). */
    static final class SearchEvent extends ComponentEvent<IdentitySearchForm> {
        private final IdentifierRef identifier;

        SearchEvent(IdentitySearchForm source, IdentifierRef identifier) {
            super(source, false);
            this.identifier = identifier;
        }

        IdentifierRef identifier() {
            return identifier;
        }
    }
}
