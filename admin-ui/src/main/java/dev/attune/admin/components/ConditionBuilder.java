package dev.attune.admin.components;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.attune.feedback.api.EventType;
import dev.attune.personalization.api.SegmentService;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * A visual builder for segment and rule conditions: rows of conditions (a profile field, an interest, a count of
 * recent events, or, for rules, segment membership) joined by "all of" or "any of". Every change writes the JSON into
 * the given text area, which stays editable for what the builder cannot express (nesting, "not").
 */
public class ConditionBuilder extends VerticalLayout {
    private static final List<String> OPS = List.of("=", "!=", "<", "<=", ">", ">=");
    private static final String FIELD = "Profile field";
    private static final String ATTRIBUTE = "Interest in attribute";
    private static final String ITEM = "Interest in item";
    private static final String EVENTS = "Recent events";
    private static final String SEGMENT = "In segment";
    private static final String NOT_SEGMENT = "Not in segment";

    private final TextArea target;
    private final List<String> segments;
    private final Select<String> join = new Select<>();
    private final VerticalLayout rows = new VerticalLayout();
    private final List<Row> conditions = new ArrayList<>();

    /** {@code segments}: the keys rules may test (null for a segment's own rule, which cannot test segments). */
    public ConditionBuilder(TextArea target, List<String> segments) {
        this.target = target;
        this.segments = segments;
        setPadding(false);
        setSpacing(false);
        setId((segments == null ? "segment" : "rule") + "-builder");
        join.setItems("all", "any");
        join.setItemLabelGenerator(j -> j.equals("all") ? "Match all of" : "Match any of");
        join.setValue("all");
        join.addValueChangeListener(e -> write());
        join.setWidth("11rem");
        rows.setPadding(false);
        rows.setSpacing(false);
        Button add = new Button("Add condition", VaadinIcon.PLUS.create(), e -> addRow());
        add.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        add.setId(getId().orElse("") + "-add");
        add(join, rows, add);
    }

    private void addRow() {
        Row row = new Row();
        conditions.add(row);
        rows.add(row);
        write();
    }

    /** Writes the JSON of the conditions into the text area (nothing while there are none). */
    private void write() {
        List<JsonObject> built =
                conditions.stream().map(Row::json).filter(j -> j != null).toList();
        if (built.isEmpty()) {
            return;
        }
        if (built.size() == 1) {
            target.setValue(JsonText.pretty(built.get(0)));
            return;
        }
        JsonArrayBuilder list = JSON.createArrayBuilder();
        built.forEach(list::add);
        target.setValue(JsonText.pretty(
                JSON.createObjectBuilder().add(join.getValue(), list).build()));
    }

    /** One condition: its kind decides which inputs show. */
    private final class Row extends HorizontalLayout {
        final Select<String> kind = new Select<>();
        final Select<String> field = new Select<>();
        final Select<String> op = new Select<>();
        final TextField text = new TextField();
        final NumberField number = new NumberField();
        final TextField key = new TextField();
        final Select<String> type = new Select<>();
        final Checkbox sameItem = new Checkbox("same item");
        final Select<String> sentiment = new Select<>();
        final IntegerField hours = new IntegerField();
        final Select<String> segment = new Select<>();

        Row() {
            setAlignItems(Alignment.BASELINE);
            setWrap(true);
            List<String> kinds = new ArrayList<>(List.of(FIELD, ATTRIBUTE, ITEM, EVENTS));
            if (segments != null) {
                kinds.add(0, NOT_SEGMENT);
                kinds.add(0, SEGMENT);
            }
            kind.setItems(kinds);
            kind.setValue(segments != null && !segments.isEmpty() ? SEGMENT : FIELD);
            kind.setWidth("12rem");
            field.setItems(SegmentService.FIELDS);
            field.setValue("averageRating");
            field.setWidth("11rem");
            op.setItems(OPS);
            op.setValue(">=");
            op.setWidth("5rem");
            text.setPlaceholder("detractor");
            text.setWidth("8rem");
            number.setValue(1d);
            number.setWidth("6rem");
            key.setPlaceholder("Drama / sku-1");
            key.setWidth("9rem");
            List<String> types = new ArrayList<>(List.of("any type"));
            for (EventType t : EventType.values()) {
                types.add(t.wireName());
            }
            type.setItems(types);
            type.setValue("page_view");
            type.setWidth("9rem");
            sentiment.setItems("any sentiment", "positive", "neutral", "negative");
            sentiment.setValue("any sentiment");
            sentiment.setWidth("10rem");
            hours.setValue(24);
            hours.setMin(1);
            hours.setSuffixComponent(new Span("h"));
            hours.setWidth("6rem");
            segment.setItems(segments == null ? List.of() : segments);
            if (segments != null && !segments.isEmpty()) {
                segment.setValue(segments.get(0));
            }
            segment.setWidth("12rem");
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
                conditions.remove(this);
                rows.remove(this);
                write();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove condition");
            add(kind, field, key, type, sameItem, sentiment, hours, segment, op, text, number, remove);
            for (Component c : List.of(kind, field, op, text, number, key, type, sameItem, sentiment, hours, segment)) {
                if (c instanceof HasValue<?, ?> v) {
                    v.addValueChangeListener(e -> {
                        show();
                        write();
                    });
                }
            }
            show();
        }

        private void show() {
            String k = kind.getValue();
            boolean textField = FIELD.equals(k) && SegmentService.TEXT_FIELDS.contains(field.getValue());
            field.setVisible(FIELD.equals(k));
            key.setVisible(ATTRIBUTE.equals(k) || ITEM.equals(k));
            type.setVisible(EVENTS.equals(k));
            sameItem.setVisible(EVENTS.equals(k));
            sentiment.setVisible(EVENTS.equals(k));
            hours.setVisible(EVENTS.equals(k));
            segment.setVisible(SEGMENT.equals(k) || NOT_SEGMENT.equals(k));
            op.setVisible(!segment.isVisible());
            text.setVisible(textField);
            number.setVisible(!textField && !segment.isVisible());
        }

        JsonObject json() {
            String k = kind.getValue();
            if (SEGMENT.equals(k) || NOT_SEGMENT.equals(k)) {
                if (segment.getValue() == null) {
                    return null;
                }
                JsonObject in = JSON.createObjectBuilder()
                        .add("segment", segment.getValue())
                        .build();
                return SEGMENT.equals(k)
                        ? in
                        : JSON.createObjectBuilder().add("not", in).build();
            }
            JsonObjectBuilder o = JSON.createObjectBuilder();
            switch (k) {
                case FIELD -> o.add("field", field.getValue());
                case ATTRIBUTE ->
                    o.add(
                            "interest",
                            JSON.createObjectBuilder()
                                    .add("attribute", key.getValue().strip()));
                case ITEM ->
                    o.add(
                            "interest",
                            JSON.createObjectBuilder()
                                    .add("item", key.getValue().strip()));
                default -> {
                    JsonObjectBuilder e = JSON.createObjectBuilder();
                    if (!"any type".equals(type.getValue())) {
                        e.add("type", type.getValue());
                    }
                    if (sameItem.getValue()) {
                        e.add("sameItem", true);
                    }
                    if (!"any sentiment".equals(sentiment.getValue())) {
                        e.add("sentiment", sentiment.getValue());
                    }
                    e.add("withinHours", hours.getValue() == null ? 24 : hours.getValue());
                    o.add("events", e);
                }
            }
            o.add("op", op.getValue());
            if (text.isVisible()) {
                o.add("value", text.getValue().strip());
            } else {
                double v = number.getValue() == null ? 0 : number.getValue();
                if (v == Math.rint(v)) {
                    o.add("value", (long) v);
                } else {
                    o.add("value", v);
                }
            }
            return o.build();
        }
    }
}
