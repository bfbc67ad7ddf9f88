package dev.attune.admin.understand;

import static dev.attune.admin.understand.LinkageParts.blankToNull;
import static dev.attune.admin.understand.LinkageParts.isOpen;
import static dev.attune.admin.understand.LinkageParts.percent;
import static dev.attune.admin.understand.LinkageParts.statusBadge;
import static dev.attune.admin.understand.LinkageParts.time;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Ids;
import dev.attune.identity.api.LinkageService.ImportSummary;
import dev.attune.identity.api.LinkageService.ReviewItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One pair of the review queue side by side: who the contacts are now, a row per field with both values and the model's
 * evidence, and, while the pair is open, the decision: "Same person — link" or "Different people", reported as a
 * {@link DecideEvent}. The view records it and shows a refusal back here ({@link #showRefusal}).
 */
class LinkagePairPanel extends VerticalLayout {
    /** The contact fields the model compares, in the order the comparison shows them, with their labels. */
    private static final Map<String, String> FIELDS = fields();
    /** Where the comparison of an open pair says why a decision was refused. */
    private Div decideErrors;

    LinkagePairPanel() {
        setPadding(false);
        setId("linkage-detail");
    }

    /** One pair side by side: who the contacts are now, the fields with the model's evidence, and the decision. */
    /** Shows the pair (from this import, if known); none clears the panel. */
    void show(ReviewItem r, ImportSummary from) {
        removeAll();
        decideErrors = null;
        if (r == null) {
            return;
        }
        boolean open = isOpen(r);
        H4 title = new H4("Pair #" + r.id() + ": " + percent(r.probability()) + " likely the same person");
        title.setId("linkage-pair-title");
        title.addClassNames(LumoUtility.Margin.NONE);
        HorizontalLayout head = new HorizontalLayout(title, statusBadge(r.status()));
        head.setAlignItems(Alignment.BASELINE);
        head.setWrap(true);
        Paragraph meta = new Paragraph("Weight " + String.format(Locale.ROOT, "%+.1f", r.weight())
                + (from == null
                        ? ""
                        : " · from the import of " + Objects.requireNonNullElse(from.fileName(), "a file")
                                + " (source \"" + from.source() + "\") on " + time(from.createdAt()) + " UTC")
                + (open ? "" : " · " + r.status() + " by " + r.decidedBy() + " on " + time(r.decidedAt()) + " UTC"));
        meta.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        add(head, meta, persons(r, from), comparison(r));

        List<String> other = r.explanation().stream()
                .filter(line -> !line.isBlank() && field(line) == null)
                .toList();
        if (!other.isEmpty()) {
            Paragraph more = new Paragraph("Other evidence: " + String.join("; ", other));
            more.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY, LumoUtility.Margin.NONE);
            add(more);
        }
        if (!open) {
            return;
        }
        decideErrors = new Div();
        decideErrors.setId("linkage-decide-errors");
        decideErrors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        Button same = new Button(
                "Same person — link", VaadinIcon.LINK.create(), e -> fireEvent(new DecideEvent(this, r, true)));
        same.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        same.setId("linkage-same");
        Button different = new Button(
                "Different people", VaadinIcon.UNLINK.create(), e -> fireEvent(new DecideEvent(this, r, false)));
        different.setId("linkage-different");
        HorizontalLayout buttons = new HorizontalLayout(same, different);
        buttons.setAlignItems(Alignment.BASELINE);
        Paragraph hint = new Paragraph(
                "Linking joins the two contacts' persons (a wrong link is undone by unmerging it on the identity "
                        + "page); two different user ids are never joined.");
        hint.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        add(buttons, decideErrors, hint);
    }

    /** "Contact A c-1001 (crm) → person 3f2c9a10", the same for B, and whether they are one person already. */
    private Component persons(ReviewItem r, ImportSummary from) {
        String src = from == null ? "" : " (" + from.source() + ")";
        Div box = new Div(personLine("A", r.a(), src, r.personA()), personLine("B", r.b(), src, r.personB()));
        box.addClassNames(LumoUtility.FontSize.SMALL);
        if (r.personA() != null && r.personA().equals(r.personB())) {
            Span already = Badges.badge("already one person", "success");
            already.setTitle(
                    "Both contacts belong to the same person now (linked through a shared identifier or another decision).");
            box.add(new Div(already));
        }
        return box;
    }

    private static Component personLine(String which, Map<String, String> contact, String source, UUID person) {
        Span line = new Span("Contact " + which + " " + contact.getOrDefault("id", "?") + source + " → ");
        Div row = new Div(line);
        if (person == null) {
            row.add(new Text("no person"));
        } else {
            RouterLink link = new RouterLink("person " + Ids.shortId(person), IdentityView.class);
            link.setQueryParameters(QueryParameters.of("person", person.toString()));
            link.getElement().setAttribute("title", person.toString());
            link.setId("linkage-person-" + which.toLowerCase(Locale.ROOT));
            row.add(link);
        }
        return row;
    }

    /** The comparison table: a row per field with both values (equal green, different amber) and the model's evidence. */
    private Component comparison(ReviewItem r) {
        Map<String, String> why = new LinkedHashMap<>();
        for (String line : r.explanation()) {
            String f = field(line);
            if (f != null) {
                why.putIfAbsent(f, line.substring(f.length()).strip());
            }
        }
        NativeTable table = new NativeTable();
        table.setId("linkage-compare");
        table.setWidthFull();
        table.getStyle().set("border-collapse", "collapse").set("font-size", "var(--lumo-font-size-s)");
        NativeTableRow header = table.getHead().addRow();
        for (String h : List.of("Field", "Contact A", "Contact B", "Evidence")) {
            NativeTableHeaderCell cell = header.addHeaderCell();
            cell.setText(h);
            cell.getStyle()
                    .set("text-align", "left")
                    .set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                    .set("border-bottom", "1px solid var(--lumo-contrast-20pct)")
                    .set("color", "var(--lumo-secondary-text-color)");
        }
        for (Map.Entry<String, String> f : FIELDS.entrySet()) {
            String a = blankToNull(r.a().get(f.getKey()));
            String b = blankToNull(r.b().get(f.getKey()));
            String background = a == null || b == null
                    ? null
                    : same(f.getKey(), a, b)
                            ? "var(--lumo-success-color-10pct)"
                            : "var(--lumo-warning-color-10pct, rgba(255, 176, 0, 0.2))";
            NativeTableRow row = table.getBody().addRow();
            row.setId("linkage-compare-" + f.getKey());
            cell(row, new Span(f.getValue()), null).getStyle().set("color", "var(--lumo-secondary-text-color)");
            cell(row, value(a), background);
            cell(row, value(b), background);
            cell(row, evidence(why.get(f.getKey())), null);
        }
        Div box = new Div(table);
        box.setWidthFull();
        box.getStyle().set("overflow-x", "auto");
        return box;
    }

    private static NativeTableCell cell(NativeTableRow row, Component content, String background) {
        NativeTableCell cell = row.addDataCell();
        cell.add(content);
        cell.getStyle()
                .set("padding", "var(--lumo-space-xs) var(--lumo-space-s)")
                .set("border-bottom", "1px solid var(--lumo-contrast-10pct)")
                .set("vertical-align", "top");
        if (background != null) {
            cell.getStyle().set("background", background);
        }
        return cell;
    }

    private static Component value(String v) {
        Span s = new Span(v == null ? "—" : v);
        if (v == null) {
            s.addClassNames(LumoUtility.TextColor.TERTIARY);
        }
        return s;
    }

    /** "0.93 jw -> +5.1" as "0.93 jw → +5.1" with the weight coloured by its sign. */
    private static Component evidence(String how) {
        if (how == null) {
            Span none = new Span("not compared");
            none.addClassNames(LumoUtility.TextColor.TERTIARY);
            return none;
        }
        int arrow = how.lastIndexOf("->");
        if (arrow < 0) {
            return new Span(how);
        }
        String weight = how.substring(arrow + 2).strip();
        Span w = new Span(weight);
        w.addClassNames(
                LumoUtility.FontWeight.SEMIBOLD,
                weight.startsWith("+") && !weight.matches("\\+0(\\.0+)?")
                        ? LumoUtility.TextColor.SUCCESS
                        : weight.startsWith("-") ? LumoUtility.TextColor.ERROR : LumoUtility.TextColor.SECONDARY);
        return new Span(new Text(how.substring(0, arrow).strip() + " → "), w);
    }

    /** Why the decision on the shown pair was refused, under its buttons. */
    void showRefusal(String why) {
        if (decideErrors != null) {
            decideErrors.setText(why);
        }
    }

    /** Says the queue is done, after the last open pair was decided ({@code status}: accepted or rejected). */
    void showQueueDone(String status) {
        Paragraph done = new Paragraph(
                "Queue done: the last pair was " + ("accepted".equals(status) ? "linked" : "marked as different people")
                        + "; nothing else waits for review.");
        done.setId("linkage-queue-done");
        done.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(done);
    }

    private static Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("given_name", "Given name");
        m.put("surname", "Surname");
        m.put("email", "Email");
        m.put("phone", "Phone");
        m.put("date_of_birth", "Date of birth");
        m.put("street", "Street");
        m.put("postcode", "Postcode");
        m.put("city", "City");
        m.put("state", "State");
        return m;
    }

    /** The field an explanation line is about ("surname 0.93 jw -> +5.1" is about surname), or null. */
    private static String field(String line) {
        return FIELDS.keySet().stream()
                .filter(f -> line.startsWith(f + " "))
                .findFirst()
                .orElse(null);
    }

    /**
     * Whether two values say the same once written alike: digits only for phones and dates of birth (so 19840312 equals
     * 1984-03-12), and otherwise case and spacing ignored.
     */
    static boolean same(String field, String a, String b) {
        return switch (field) {
            case "phone", "date_of_birth" -> a.replaceAll("\\D", "").equals(b.replaceAll("\\D", ""));
            case "postcode" -> a.replaceAll("\\s", "").equalsIgnoreCase(b.replaceAll("\\s", ""));
            default ->
                a.strip().replaceAll("\\s+", " ").equalsIgnoreCase(b.strip().replaceAll("\\s+", " "));
        };
    }

    Registration addDecideListener(ComponentEventListener<DecideEvent> listener) {
        return addListener(DecideEvent.class, listener);
    }

    /** The reviewer's decision on an open pair. */
    static final class DecideEvent extends ComponentEvent<LinkagePairPanel> {
        private final ReviewItem item;
        private final boolean samePerson;

        DecideEvent(LinkagePairPanel source, ReviewItem item, boolean samePerson) {
            super(source, false);
            this.item = item;
            this.samePerson = samePerson;
        }

        ReviewItem item() {
            return item;
        }

        boolean samePerson() {
            return samePerson;
        }
    }
}
