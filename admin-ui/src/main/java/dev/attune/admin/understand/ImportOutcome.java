package dev.attune.admin.understand;

import static dev.attune.admin.understand.LinkageParts.seconds;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.identity.api.LinkageService.ImportSummary;
import java.util.List;
import java.util.Locale;

/** The outcome of the last contacts import: a green card of what it did, or a red one of why nothing was imported. */
class ImportOutcome extends Div {

    ImportOutcome() {
        setId("linkage-result");
        setWidthFull();
    }

    /** The outcome of an import as a success card: what was read, compared, linked, merged and queued. */
    void showSuccess(ImportSummary s, String note) {
        removeAll();
        Span head = new Span(
                VaadinIcon.CHECK_CIRCLE.create(),
                new Text(" Imported " + s.fileName() + " as source \"" + s.source() + "\""));
        head.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        FlexLayout cards = new FlexLayout(
                stat("Records", String.valueOf(s.records())),
                stat("Candidate pairs", String.valueOf(s.candidates())),
                stat("Matches linked", String.valueOf(s.matches())),
                stat("Persons merged", String.valueOf(s.merged())),
                stat("Sent to review", String.valueOf(s.review())),
                stat("EM λ", s.lambda() == null ? "—" : String.format(Locale.ROOT, "%.4f", s.lambda())),
                stat("EM iterations", s.iterations() == null ? "—" : String.valueOf(s.iterations())),
                stat("Seconds", seconds(s.seconds())));
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-s)");
        String what;
        if (s.candidates() == 0) {
            what =
                    "No two contacts shared a blocking key (email, phone, date of birth, the sound of the name, postcode), so nothing "
                            + "was compared: every contact is its own identifier, linked to its email, phone and user id.";
        } else {
            what = "λ is the share of candidate pairs the model estimates to be matches. "
                    + (s.review() == 0
                            ? "Nothing was uncertain enough to need a review."
                            : s.review() + " pair" + (s.review() == 1 ? " waits" : "s wait")
                                    + " in the review queue below.");
        }
        Paragraph explain = new Paragraph(what + (note == null ? "" : " " + note));
        explain.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        Div card = new Div(head, cards, explain);
        card.setId("linkage-summary");
        card.addClassNames(
                LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.SMALL);
        card.getStyle().set("background", "var(--lumo-success-color-10pct)");
        add(card);
    }

    /** A failed import: the message, and a line per problem. */
    void showFailure(String message, List<String> lines) {
        removeAll();
        Span head = new Span(VaadinIcon.WARNING.create(), new Text(" " + message));
        head.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.TextColor.ERROR);
        Div card = new Div(head);
        if (!lines.isEmpty()) {
            UnorderedList list =
                    new UnorderedList(lines.stream().map(ListItem::new).toArray(ListItem[]::new));
            list.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.XSMALL);
            card.add(list);
        }
        card.setId("linkage-errors");
        card.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM);
        card.getStyle().set("background", "var(--lumo-error-color-10pct)");
        add(card);
    }

    private static Component stat(String label, String value) {
        Span v = new Span(value);
        v.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.FontWeight.SEMIBOLD);
        Span l = new Span(label);
        l.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Div card = new Div(l, new Div(v));
        card.addClassNames(LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Background.BASE);
        card.setMinWidth("8rem");
        return card;
    }
}
