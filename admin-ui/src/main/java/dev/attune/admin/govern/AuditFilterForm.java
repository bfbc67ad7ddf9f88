package dev.attune.admin.govern;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.AuditTrail;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The audit log's filters: actor, action (or a prefix of a family of actions), target, text in the detail, outcome and
 * a time range in UTC, with "Clear" and "Reload". Every change is reported as one {@link FilterEvent} carrying the
 * query (several fields changed together, as by "Clear", report once).
 */
class AuditFilterForm extends HorizontalLayout {
    private static final List<String> OUTCOMES =
            List.of(AuditOutcome.SUCCESS.name(), AuditOutcome.FAILURE.name(), AuditOutcome.DENIED.name());

    final TextField actor = new TextField("Actor");
    final ComboBox<String> action = new ComboBox<>("Action");
    final TextField target = new TextField("Target contains");
    final TextField text = new TextField("Detail contains");
    final Select<String> outcome = new Select<>();
    final DateTimePicker from = new DateTimePicker("From (UTC)");
    final DateTimePicker to = new DateTimePicker("To (UTC)");
    final Button clear = new Button("Clear", VaadinIcon.CLOSE_SMALL.create());
    final Button reload = new Button(VaadinIcon.REFRESH.create());
    /** Set while several filters change at once, so they report once. */
    private boolean quiet;

    /** @param actions the actions recorded so far, offered in the action picker with the prefix of each family */
    AuditFilterForm(List<String> actions) {
        actor.setId("audit-filter-actor");
        actor.setHelperText("User name, exactly; or system");
        actor.setWidth("12rem");
        target.setId("audit-filter-target");
        target.setWidth("14rem");
        text.setId("audit-filter-text");
        text.setWidth("14rem");
        for (TextField f : List.of(actor, target, text)) {
            f.setClearButtonVisible(true);
            f.setValueChangeMode(ValueChangeMode.LAZY);
            f.addValueChangeListener(e -> changed());
        }
        configureAction(actionChoices(actions));

        outcome.setLabel("Outcome");
        outcome.setId("audit-filter-outcome");
        outcome.setItems(OUTCOMES);
        outcome.setEmptySelectionAllowed(true);
        outcome.setEmptySelectionCaption("Any");
        outcome.setWidth("9rem");
        outcome.addValueChangeListener(e -> changed());

        for (DateTimePicker picker : List.of(from, to)) {
            picker.setDatePlaceholder("Date");
            picker.setTimePlaceholder("Time");
            picker.addValueChangeListener(e -> changed());
        }
        from.setId("audit-filter-from");
        to.setId("audit-filter-to");
        to.setHelperText("Up to, not including");

        clear.addClickListener(e -> {
            clear();
            fireEvent(new FilterEvent(this));
        });
        clear.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        clear.setId("audit-filter-clear");
        reload.addClickListener(e -> fireEvent(new FilterEvent(this)));
        reload.setTooltipText("Reload");
        reload.setAriaLabel("Reload");
        reload.setId("audit-reload");
        add(actor, action, target, text, outcome, from, to, clear, reload);
        setAlignItems(Alignment.BASELINE);
        setWrap(true);
    }

    private void configureAction(List<String> known) {
        action.setId("audit-filter-action");
        action.setWidth("16rem");
        action.setClearButtonVisible(true);
        action.setAllowCustomValue(true);
        action.setHelperText("An action, or a prefix: identity. finds every identity action");
        action.setItems(known);
        action.setItemLabelGenerator(a -> a.endsWith(".") ? a + "*" : a);
        action.addCustomValueSetListener(e -> {
            String typed = e.getDetail() == null ? "" : e.getDetail().strip();
            if (typed.isEmpty()) {
                action.clear();
                return;
            }
            if (!known.contains(typed)) {
                known.add(typed);
                action.setItems(known);
            }
            action.setValue(typed);
        });
        action.addValueChangeListener(e -> changed());
    }

    /** Every recorded action, and the prefix of each family of them ("identity.", "user.", ...), sorted. */
    static List<String> actionChoices(List<String> actions) {
        TreeSet<String> choices = new TreeSet<>();
        for (String a : actions) {
            choices.add(a);
            int dot = a.indexOf('.');
            if (dot > 0) {
                choices.add(a.substring(0, dot + 1));
            }
        }
        return new ArrayList<>(choices);
    }

    private void changed() {
        if (!quiet) {
            fireEvent(new FilterEvent(this));
        }
    }

    /** Clears every filter without reporting it. */
    void clear() {
        quiet = true;
        try {
            actor.clear();
            action.clear();
            target.clear();
            text.clear();
            outcome.clear();
            from.clear();
            to.clear();
        } finally {
            quiet = false;
        }
    }

    /** Shows only the entries of this actor: every other filter cleared, reported once. */
    void filterToActor(String value) {
        filterTo(actor, value);
    }

    /** Shows only the entries about this target: every other filter cleared, reported once. */
    void filterToTarget(String value) {
        filterTo(target, value);
    }

    private void filterTo(TextField field, String value) {
        clear();
        quiet = true;
        try {
            field.setValue(value);
        } finally {
            quiet = false;
        }
        fireEvent(new FilterEvent(this));
    }

    /** The filters as a query; a time range that ends before it starts is marked on the "To" field. */
    AuditTrail.Query query() {
        Instant start = utc(from.getValue());
        Instant end = utc(to.getValue());
        boolean backwards = start != null && end != null && !end.isAfter(start);
        to.setErrorMessage("Must be after \"From\"");
        to.setInvalid(backwards);
        String outcomeValue = outcome.getValue() == null || outcome.getValue().isBlank() ? null : outcome.getValue();
        return new AuditTrail.Query(
                blankToNull(actor.getValue()),
                blankToNull(action.getValue()),
                blankToNull(target.getValue()),
                blankToNull(text.getValue()),
                outcomeValue,
                start,
                end);
    }

    private static Instant utc(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    Registration addFilterListener(ComponentEventListener<FilterEvent> listener) {
        return addListener(FilterEvent.class, listener);
    }

    /** The filters changed, or "Reload" was pressed: the entries are to be read again for {@link #query()}. */
    static final class FilterEvent extends ComponentEvent<AuditFilterForm> {
        FilterEvent(AuditFilterForm source) {
            super(source, false);
        }

        AuditTrail.Query query() {
            return getSource().query();
        }
    }
}
