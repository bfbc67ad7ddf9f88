package dev.attune.admin.govern;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.platform.api.AuditLog.ChainVerification;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The green or red banner with the outcome of a verification of the audit log's hash chain; hidden until one ran. */
class ChainVerificationBanner extends Div {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    ChainVerificationBanner() {
        setId("audit-verify-result");
        setVisible(false);
        setWidthFull();
    }

    /** Shows the outcome of a verification that ran at {@code at}. */
    void show(ChainVerification v, Instant at) {
        removeAll();
        removeClassNames(
                LumoUtility.Background.SUCCESS_10,
                LumoUtility.TextColor.SUCCESS,
                LumoUtility.Background.ERROR_10,
                LumoUtility.TextColor.ERROR);
        String checked = String.format(Locale.ROOT, "%,d", v.entriesChecked());
        Icon icon;
        Span message;
        if (v.intact()) {
            icon = VaadinIcon.CHECK_CIRCLE.create();
            message = new Span("Chain intact: " + checked + " entries checked");
            addClassNames(LumoUtility.Background.SUCCESS_10, LumoUtility.TextColor.SUCCESS);
        } else {
            icon = VaadinIcon.WARNING.create();
            message = new Span("Chain broken at entry #" + v.firstBrokenEntryId()
                    + " — it was altered or removed after it was written (" + checked + " entries checked)");
            addClassNames(LumoUtility.Background.ERROR_10, LumoUtility.TextColor.ERROR);
        }
        icon.setSize("var(--lumo-icon-size-s)");
        message.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        Span when = new Span(" · verified " + TIME.format(at) + " UTC");
        when.addClassNames(LumoUtility.FontSize.SMALL);
        HorizontalLayout line = new HorizontalLayout(icon, message, when);
        line.setAlignItems(Alignment.CENTER);
        line.setSpacing(true);
        add(line);
        if (!v.intact()) {
            Paragraph next = new Paragraph(
                    "Every entry before it is intact; the check stops at the first break. Compare the entry with "
                            + "your backups and find out who had write access to the database.");
            next.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.XSMALL);
            add(next);
        }
        addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM);
        setVisible(true);
    }

    /** Hides the banner while a verification runs. */
    void hide() {
        setVisible(false);
    }
}
