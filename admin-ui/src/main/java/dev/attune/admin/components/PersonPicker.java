package dev.attune.admin.components;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.IdentifierRef;
import dev.attune.identity.api.IdentityService;
import dev.attune.identity.api.Person;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Picks a person of a site inside a dialog: by one of their identifiers (kind and clear value, looked up like the
 * identity view's search, and audited) or by person id, and shows who was found so the user can check before acting.
 */
public class PersonPicker extends VerticalLayout {
    /** The kinds in the order people look them up by. */
    public static final List<IdentifierKind> KINDS = List.of(
            IdentifierKind.ANONYMOUS,
            IdentifierKind.USER,
            IdentifierKind.CLAIMED_USER,
            IdentifierKind.EMAIL,
            IdentifierKind.PHONE,
            IdentifierKind.DEVICE,
            IdentifierKind.CUSTOM);

    private static final String BY_IDENTIFIER = "One of their identifiers";
    private static final String BY_ID = "Person id";

    private final IdentityService identity;
    private final AuditLog audit;
    private final UUID siteId;
    private final RadioButtonGroup<String> by = new RadioButtonGroup<>("Find the person by");
    private final Select<IdentifierKind> kind = kindSelect();
    private final TextField value = new TextField("Value");
    private final TextField personId = new TextField("Person id");
    private final HorizontalLayout identifierRow;
    private final Div found = new Div();
    private Person person;

    public PersonPicker(IdentityService identity, AuditLog audit, UUID siteId, String idPrefix) {
        this.identity = identity;
        this.audit = audit;
        this.siteId = siteId;
        setPadding(false);
        setSpacing(false);
        by.setItems(BY_IDENTIFIER, BY_ID);
        by.setValue(BY_IDENTIFIER);
        by.setId(idPrefix + "-by");
        kind.setId(idPrefix + "-kind");
        value.setId(idPrefix + "-value");
        value.setWidth("18rem");
        value.setClearButtonVisible(true);
        value.setPlaceholder(example(kind.getValue()));
        personId.setId(idPrefix + "-person");
        personId.setWidth("24rem");
        personId.setPlaceholder("3f2c9a10-5d7e-4b1a-9c3e-0d8f6a2b4c11");
        personId.setClearButtonVisible(true);
        personId.setVisible(false);
        Button find = new Button("Find", VaadinIcon.SEARCH.create(), e -> resolve());
        find.setId(idPrefix + "-find");
        identifierRow = new HorizontalLayout(kind, value, find);
        identifierRow.setAlignItems(Alignment.BASELINE);
        found.setId(idPrefix + "-found");
        found.addClassNames(
                LumoUtility.FontSize.SMALL, LumoUtility.Padding.Vertical.XSMALL, LumoUtility.TextColor.SUCCESS);
        by.addValueChangeListener(e -> {
            identifierRow.setVisible(BY_IDENTIFIER.equals(e.getValue()));
            personId.setVisible(BY_ID.equals(e.getValue()));
            forget();
        });
        kind.addValueChangeListener(e -> {
            value.setPlaceholder(example(e.getValue()));
            forget();
        });
        value.addValueChangeListener(e -> forget());
        personId.addValueChangeListener(e -> forget());
        add(by, identifierRow, personId, found);
    }

    /** A select of the identifier kinds, by wire name, anonymous first. */
    public static Select<IdentifierKind> kindSelect() {
        Select<IdentifierKind> kind = new Select<>();
        kind.setLabel("Kind");
        kind.setItems(KINDS);
        kind.setItemLabelGenerator(IdentifierKind::wireName);
        kind.setValue(IdentifierKind.ANONYMOUS);
        kind.setWidth("9rem");
        return kind;
    }

    /** What a value of this kind looks like. */
    public static String example(IdentifierKind kind) {
        if (kind == null) {
            return "";
        }
        return switch (kind) {
            case ANONYMOUS -> "the widget's anonymous id";
            case USER -> "your system's user id";
            case CLAIMED_USER -> "a user id a browser claimed unverified";
            case EMAIL -> "ann@example.com";
            case PHONE -> "+44 20 7946 0958";
            case DEVICE -> "device id";
            case CUSTOM -> "custom id";
        };
    }

    /** Starts with this person picked (e.g. opened from a person's page). */
    public void preset(Person p) {
        by.setValue(BY_ID);
        personId.setValue(p.id().toString());
        show(p);
    }

    /**
     * The person the fields name, looking them up when they changed; empty (with the reason on the field) when there is
     * none on this site.
     */
    public Optional<Person> resolve() {
        if (person != null) {
            return Optional.of(person);
        }
        value.setInvalid(false);
        personId.setInvalid(false);
        if (BY_IDENTIFIER.equals(by.getValue())) {
            String v = value.getValue() == null ? "" : value.getValue().strip();
            IdentifierKind k = kind.getValue();
            if (v.isEmpty() || k == null) {
                return refuse(value, "Enter the identifier to look up");
            }
            Optional<Person> p;
            try {
                p = identity.lookup(siteId, new IdentifierRef(k, v));
            } catch (RuntimeException e) {
                return refuse(value, Problems.describe(e));
            }
            if (p.isEmpty()) {
                return refuse(value, "No person has this " + k.wireName() + " on this site");
            }
            audit.record(
                    "identity.lookup",
                    p.get().id().toString(),
                    AuditOutcome.SUCCESS,
                    Map.of("kind", k.wireName(), "via", "console"));
            show(p.get());
        } else {
            UUID id;
            try {
                id = UUID.fromString(personId.getValue().strip());
            } catch (IllegalArgumentException e) {
                return refuse(personId, "Not a person id (a UUID such as 3f2c9a10-5d7e-…)");
            }
            Optional<Person> p = identity.person(id).filter(x -> x.siteId().equals(siteId));
            if (p.isEmpty()) {
                return refuse(personId, "No such person on this site (merged into another, or erased)");
            }
            show(p.get());
        }
        return Optional.ofNullable(person);
    }

    private Optional<Person> refuse(TextField field, String why) {
        field.setErrorMessage(why);
        field.setInvalid(true);
        return Optional.empty();
    }

    private void show(Person p) {
        person = p;
        found.setText("Found: " + summary(p));
    }

    private void forget() {
        person = null;
        found.setText("");
        value.setInvalid(false);
        personId.setInvalid(false);
    }

    /** "person 3f2c9a10 · 4 identifiers · 2 subjects (abc, def)". */
    public static String summary(Person p) {
        int n = p.subjects().size();
        return "person " + Ids.shortId(p.id()) + " · " + p.identifiers() + " identifier"
                + (p.identifiers() == 1 ? "" : "s")
                + " · " + n + " subject" + (n == 1 ? "" : "s")
                + (n == 0
                        ? ""
                        : " ("
                                + String.join(
                                        ", ", p.subjects().stream().limit(3).toList()) + (n > 3 ? ", …" : "") + ")")
                + (p.sharedDevice() ? " · likely shared device" : "");
    }
}
