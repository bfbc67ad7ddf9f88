package dev.attune.admin.dashboard;

import static dev.attune.admin.dashboard.DashboardFixtures.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DashboardToolbarTest {
    private final DashboardToolbar toolbar = new DashboardToolbar(List.of(SHOP), DashboardRange.LAST_7_DAYS);
    private final List<DashboardToolbar.SiteChangeEvent> sites =
            TestVaadin.record(toolbar, DashboardToolbar.SiteChangeEvent.class);
    private final List<DashboardToolbar.RangeChangeEvent> ranges =
            TestVaadin.record(toolbar, DashboardToolbar.RangeChangeEvent.class);
    private final List<DashboardToolbar.FilterChangeEvent> filters =
            TestVaadin.record(toolbar, DashboardToolbar.FilterChangeEvent.class);

    @Test
    void starts_on_the_range_given_without_reporting_it() {
        assertThat(toolbar.range()).isEqualTo(DashboardRange.LAST_7_DAYS);
        assertThat(ranges).isEmpty();
    }

    @Test
    void the_filter_options_come_sorted_with_unknown_last_and_are_no_choice() {
        toolbar.updateFilters(Set.of("unknown", "mobile", "desktop"), Set.of("de", "en"));

        assertThat(toolbar.device.getListDataView().getItems()).containsExactly("desktop", "mobile", "unknown");
        assertThat(filters).isEmpty();
    }

    @Test
    void a_filter_chosen_is_reported_keeps_its_options_and_shows_in_the_notes() {
        toolbar.updateFilters(Set.of("mobile", "desktop"), Set.of("de"));

        toolbar.device.setValue("mobile");
        toolbar.updateFilters(Set.of("mobile"), Set.of("de", "fr"));

        assertThat(filters).hasSize(1);
        assertThat(toolbar.device()).isEqualTo("mobile");
        assertThat(toolbar.device.getListDataView().getItems()).containsExactly("desktop", "mobile");
        assertThat(toolbar.language.getListDataView().getItems()).containsExactly("de", "fr");
        assertThat(toolbar.filtered()).isTrue();
        assertThat(toolbar.filterNote()).isEqualTo(" (mobile devices only)");
    }

    @Test
    void another_site_clears_the_filters_and_reports_the_site_only() {
        toolbar.updateFilters(Set.of("mobile"), Set.of("de"));
        toolbar.device.setValue("mobile");
        filters.clear();

        toolbar.site.setValue(SHOP);

        assertThat(sites).extracting(DashboardToolbar.SiteChangeEvent::site).containsExactly(SHOP);
        assertThat(filters).isEmpty();
        assertThat(toolbar.filtered()).isFalse();
        assertThat(toolbar.filterNote()).isEmpty();
    }

    @Test
    void another_range_is_reported() {
        toolbar.range.setValue(DashboardRange.LAST_HOUR);

        assertThat(ranges)
                .extracting(DashboardToolbar.RangeChangeEvent::range)
                .containsExactly(DashboardRange.LAST_HOUR);
    }

    @Test
    void the_live_indicator_says_why_it_went_offline() {
        toolbar.showLive(false, "database down");

        assertThat(toolbar.live.getText()).isEqualTo("● Offline");
        assertThat(toolbar.live.getElement().getAttribute("title")).isEqualTo("The last update failed: database down");
        assertThat(toolbar.live.getElement().getThemeList()).contains("error");

        toolbar.showLive(true, null);
        assertThat(toolbar.live.getText()).isEqualTo("● Live");
    }
}
