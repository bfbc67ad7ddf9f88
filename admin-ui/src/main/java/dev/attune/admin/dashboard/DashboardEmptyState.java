package dev.attune.admin.dashboard;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.collect.QuarantineView;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.KpiService.Kpis;
import java.util.Locale;

/**
 * What the dashboard says when the site has no events in the range: how to send some, or, while filtered, that the
 * filters leave nothing; and how many events quarantine held meanwhile, linking there. Rebuilt only when that changes.
 */
class DashboardEmptyState extends Div {
    /** What it says now, to rebuild it only when that changes. */
    private String shown = "";

    DashboardEmptyState() {
        setId("dashboard-empty");
        setVisible(false);
        addClassNames(
                LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.LARGE,
                LumoUtility.Background.CONTRAST_5,
                LumoUtility.Width.FULL);
    }

    /** Shows itself when {@code k} has no events, for this site, filters and number of quarantined events. */
    void update(Kpis k, SiteSummary site, boolean filtered, long quarantined) {
        boolean none = k.totals().events() == 0;
        setVisible(none);
        String now = none ? site.id() + "|" + filtered + "|" + quarantined : "";
        if (!none || now.equals(shown)) {
            shown = now;
            return;
        }
        shown = now;
        removeAll();
        if (filtered) {
            add(new Paragraph("No events from this device class or language in this range. Choose \"All\" to see every "
                    + "event of the site."));
            return;
        }
        Paragraph what = new Paragraph(
                "No events from " + site.name() + " in this range. Send events with the widget or "
                        + "POST /api/v1/events (with the site's secret key); the demo shop at /demo/ sends some. They show up here within seconds.");
        what.addClassNames(LumoUtility.Margin.NONE);
        add(what);
        if (quarantined > 0) {
            Paragraph held = new Paragraph(
                    String.format(Locale.ENGLISH, "%,d events were held in quarantine in this range: ", quarantined));
            held.add(new RouterLink("review them under Quarantine", QuarantineView.class));
            held.addClassNames(LumoUtility.Margin.Top.SMALL, LumoUtility.Margin.Bottom.NONE);
            add(held);
        }
    }
}
