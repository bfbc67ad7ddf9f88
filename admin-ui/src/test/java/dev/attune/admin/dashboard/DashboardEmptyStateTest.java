package dev.attune.admin.dashboard;

import static dev.attune.admin.dashboard.DashboardFixtures.SHOP;
import static dev.attune.admin.dashboard.DashboardFixtures.events;
import static dev.attune.admin.dashboard.DashboardFixtures.kpis;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.RouterLink;
import dev.attune.admin.TestVaadin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardEmptyStateTest {
    private final DashboardEmptyState empty = new DashboardEmptyState();

    @BeforeEach
    void vaadin() {
        TestVaadin.setUp(); // the link to quarantine needs the console's routes
    }

    @AfterEach
    void noVaadin() {
        TestVaadin.tearDown();
    }

    @Test
    void hidden_while_there_are_events() {
        empty.update(kpis(events(5, 2)), SHOP, false, 0);

        assertThat(empty.isVisible()).isFalse();
    }

    @Test
    void without_events_it_says_how_to_send_some_and_links_to_what_quarantine_held() {
        empty.update(kpis(events(0, 0)), SHOP, false, 1234);

        assertThat(empty.isVisible()).isTrue();
        assertThat(TestVaadin.text(empty))
                .contains("No events from Shop in this range", "1,234 events were held in quarantine");
        assertThat(TestVaadin.tree(empty).filter(RouterLink.class::isInstance).map(c -> ((RouterLink) c).getHref()))
                .containsExactly("quarantine");
    }

    @Test
    void while_filtered_it_blames_the_filters() {
        empty.update(kpis(events(0, 0)), SHOP, true, 0);

        assertThat(TestVaadin.text(empty)).startsWith("No events from this device class or language");
    }
}
