package dev.attune.admin.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.feedback.api.FeedbackQuery;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.SiteService;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/** Where every role lands: the headline numbers and what to do next when there are none. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Overview · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class OverviewView extends VerticalLayout {

    @Inject
    public OverviewView(SiteService sites, FeedbackService feedback) {
        add(new H2("Overview"));
        long siteCount = sites.listSites().size();
        long total = feedback.count(FeedbackQuery.all());
        long lastDay = feedback.count(new FeedbackQuery(null, null, null, null,
                Instant.now().minus(Duration.ofDays(1)), null, null));
        FlexLayout cards = new FlexLayout(card("Sites", siteCount), card("Feedback events", total),
                card("Events in the last 24 h", lastDay));
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.addClassNames(LumoUtility.Gap.MEDIUM);
        add(cards);
        if (siteCount == 0) {
            add(new Paragraph("No site yet. Create one under Collect → Sites & keys, then send events with its "
                    + "secret key to POST /api/v1/events."));
        } else if (total == 0) {
            add(new Paragraph("No feedback yet. Send a rating with a site's secret key to POST /api/v1/events; "
                    + "it appears under Collect → Feedback."));
        }
    }

    private static Component card(String label, long value) {
        Span number = new Span(String.format("%,d", value));
        number.addClassNames(LumoUtility.FontSize.XXXLARGE, LumoUtility.FontWeight.SEMIBOLD);
        Span caption = new Span(label);
        caption.addClassNames(LumoUtility.TextColor.SECONDARY);
        Div card = new Div(number, caption);
        card.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Padding.LARGE,
                LumoUtility.BorderRadius.LARGE, LumoUtility.Background.CONTRAST_5);
        card.setMinWidth("14rem");
        return card;
    }
}
