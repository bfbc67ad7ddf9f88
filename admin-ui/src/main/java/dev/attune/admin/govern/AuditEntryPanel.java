package dev.attune.admin.govern;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.platform.api.AuditTrail.Entry;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * One audit entry in full: who, what, when and from where, its detail JSON indented and its hash. "Entries by ..." and
 * "Entries about this target" are reported as a {@link SameActorEvent} or {@link SameTargetEvent}.
 */
class AuditEntryPanel extends VerticalLayout {
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    AuditEntryPanel() {
        setPadding(false);
        setSpacing(false);
        setId("audit-detail");
    }

    /** Shows the entry; none clears the panel. */
    void show(Entry e) {
        removeAll();
        if (e == null) {
            return;
        }
        H3 title = new H3("Entry #" + e.id());
        title.setId("audit-detail-title");
        title.addClassNames(LumoUtility.Margin.Vertical.NONE);
        HorizontalLayout head = new HorizontalLayout(title, outcomeBadge(e.outcome()));
        head.setAlignItems(Alignment.BASELINE);
        Button sameActor = new Button("Entries by " + e.actor(), ev -> fireEvent(new SameActorEvent(this, e.actor())));
        sameActor.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        sameActor.setId("audit-detail-same-actor");
        head.add(sameActor);
        if (e.target() != null && !e.target().isBlank()) {
            Button sameTarget =
                    new Button("Entries about this target", ev -> fireEvent(new SameTargetEvent(this, e.target())));
            sameTarget.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            sameTarget.setId("audit-detail-same-target");
            head.add(sameTarget);
        }
        head.setWrap(true);
        Paragraph meta = new Paragraph(FULL.format(e.at()) + " UTC · " + e.actor() + " · " + e.action()
                + (e.target() == null ? "" : " · " + e.target())
                + (e.sourceIp() == null ? "" : " · from " + e.sourceIp()));
        meta.addClassNames(
                LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.XSMALL);

        Pre json = new Pre(pretty(e.detail()));
        json.setId("audit-detail-json");
        monospace(json);
        json.addClassNames(
                LumoUtility.Padding.SMALL,
                LumoUtility.BorderRadius.MEDIUM,
                LumoUtility.Background.CONTRAST_5,
                LumoUtility.Margin.Vertical.XSMALL);
        json.setWidthFull();
        json.getStyle()
                .set("white-space", "pre-wrap")
                .set("overflow-wrap", "anywhere")
                .set("max-height", "24rem")
                .set("overflow", "auto");

        Span hash = new Span(e.hash());
        hash.setId("audit-detail-hash");
        monospace(hash);
        hash.getStyle().set("overflow-wrap", "anywhere");
        Paragraph about =
                new Paragraph("SHA-256 over the previous entry's hash and every field of this one, as written.");
        about.addClassNames(
                LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.XSMALL, LumoUtility.Margin.Vertical.NONE);
        add(head, meta, new H4("Detail"), json, new H4("Hash"), hash, about);
    }

    /** SUCCESS green, FAILURE red, DENIED amber. */
    static Span outcomeBadge(String outcome) {
        return Badges.badge(
                outcome,
                switch (outcome == null ? "" : outcome) {
                    case "SUCCESS" -> "success";
                    case "FAILURE" -> "error";
                    case "DENIED" -> "warning";
                    default -> "contrast";
                });
    }

    /** The detail JSON indented, or as stored if it does not parse. */
    static String pretty(String json) {
        if (json == null || json.isBlank()) {
            return "{}";
        }
        try {
            JsonValue value = JSON.createReader(new StringReader(json)).readValue();
            StringWriter out = new StringWriter();
            JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                    .createWriter(out)
                    .write(value);
            return out.toString().strip();
        } catch (JsonException | IllegalStateException e) {
            return json;
        }
    }

    private static void monospace(Component c) {
        c.getStyle()
                .set(
                        "font-family",
                        "var(--lumo-font-family-monospace, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace)")
                .set("font-size", "var(--lumo-font-size-s)");
    }

    Registration addSameActorListener(ComponentEventListener<SameActorEvent> listener) {
        return addListener(SameActorEvent.class, listener);
    }

    Registration addSameTargetListener(ComponentEventListener<SameTargetEvent> listener) {
        return addListener(SameTargetEvent.class, listener);
    }

    /** The user asked for every entry of this entry's actor. */
    static final class SameActorEvent extends ComponentEvent<AuditEntryPanel> {
        private final String actor;

        SameActorEvent(AuditEntryPanel source, String actor) {
            super(source, false);
            this.actor = actor;
        }

        String actor() {
            return actor;
        }
    }

    /** The user asked for every entry about this entry's target. */
    static final class SameTargetEvent extends ComponentEvent<AuditEntryPanel> {
        private final String target;

        SameTargetEvent(AuditEntryPanel source, String target) {
            super(source, false);
            this.target = target;
        }

        String target() {
            return target;
        }
    }
}
