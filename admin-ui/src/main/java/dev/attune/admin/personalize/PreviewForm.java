package dev.attune.admin.personalize;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Grids;
import dev.attune.personalization.api.RecommendationService;
import java.util.List;
import java.util.Locale;

/**
 * What a person would see in a slot, and why: a subject (blank: an anonymous visitor) and a slot; "Show" (or Enter) is
 * reported as a {@link PreviewEvent}, and the view answers with {@link #showList} or {@link #showProblem}.
 */
class PreviewForm extends VerticalLayout {
    final TextField person = new TextField("Person");
    final TextField slot = new TextField("Slot");
    final Button show = new Button("Show", VaadinIcon.EYE.create());
    final Paragraph info = new Paragraph();
    final Grid<RecommendationService.Item> items = new Grid<>(RecommendationService.Item.class, false);

    PreviewForm() {
        person.setId("preview-person");
        person.setPlaceholder("subject id");
        slot.setId("preview-slot");
        slot.setValue("home");
        slot.setWidth("9rem");
        show.addClickListener(e -> fireEvent(new PreviewEvent(
                this,
                person.getValue().isBlank() ? null : person.getValue().strip(),
                slot.getValue().strip())));
        show.setId("preview-show");
        show.addClickShortcut(Key.ENTER);
        HorizontalLayout bar = new HorizontalLayout(person, slot, show);
        bar.setAlignItems(Alignment.BASELINE);
        items.setId("preview-items");
        items.setAllRowsVisible(true);
        items.addColumn(RecommendationService.Item::title).setHeader("Item").setFlexGrow(1);
        items.addColumn(i -> String.format(Locale.ROOT, "%.3f", i.score()))
                .setHeader("Score")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(RecommendationService.Item::score);
        items.addColumn(RecommendationService.Item::reason).setHeader("Why").setFlexGrow(1);
        Grids.sortable(items);
        items.setEmptyStateText("Look up a person to see their list, with the reason for each item.");
        info.setId("preview-info");
        info.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        add(new H4("Preview: what a person would see, and why"), bar, info, items);
        setPadding(false);
    }

    /** The list the person would get, with its title, strategy, rule and model version. */
    void showList(RecommendationService.Recommendations r) {
        items.setItems(r.items());
        info.setText("\"" + r.title() + "\" by " + r.strategy() + (r.rule() == null ? "" : " (rule " + r.rule() + ")")
                + ", models v" + r.modelVersion() + ".");
    }

    /** Why there is no list (e.g. an unknown slot name). */
    void showProblem(String text) {
        info.setText(text);
    }

    /** Forgets the last list (another site was chosen). */
    void clear() {
        items.setItems(List.of());
        info.setText("");
    }

    Registration addPreviewListener(ComponentEventListener<PreviewEvent> listener) {
        return addListener(PreviewEvent.class, listener);
    }

    /** The list to preview: for this subject (null: an anonymous visitor) in this slot. */
    static final class PreviewEvent extends ComponentEvent<PreviewForm> {
        private final String subject;
        private final String slot;

        PreviewEvent(PreviewForm source, String subject, String slot) {
            super(source, false);
            this.subject = subject;
            this.slot = slot;
        }

        String subject() {
            return subject;
        }

        String slot() {
            return slot;
        }
    }
}
