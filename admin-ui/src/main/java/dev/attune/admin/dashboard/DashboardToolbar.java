package dev.attune.admin.dashboard;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.feedback.api.SiteSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The dashboard's choices: the site, the time range, and the device and language filters (options from the data
 * shown), with the live indicator at the end. A new site clears the filters; each choice is reported once, as a
 * {@link SiteChangeEvent}, a {@link RangeChangeEvent} or a {@link FilterChangeEvent}. Replacing a filter's options is no
 * choice and reports nothing.
 */
class DashboardToolbar extends HorizontalLayout {
    final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    final Select<DashboardRange> range = new Select<>();
    final Select<String> device = new Select<>();
    final Select<String> language = new Select<>();
    final Span live = new Span();
    final Span updated = new Span();
    /** Set while the filter options are replaced, so the momentary clearing does not count as a choice. */
    private boolean updatingFilters;
    /** The options each filter shows now. */
    private final Map<Select<String>, List<String>> filterOptions = new HashMap<>();
    /** What the live indicator shows now (null: not yet set). */
    private Boolean liveOk;

    /** @param initialRange the range shown first (no change is reported for it) */
    DashboardToolbar(List<SiteSummary> sites, DashboardRange initialRange) {
        site.setItems(sites);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setId("dashboard-site");
        site.setWidth("18rem");
        site.addValueChangeListener(e -> {
            if (e.getValue() == null) {
                return;
            }
            updatingFilters = true;
            device.setValue(null);
            language.setValue(null);
            updatingFilters = false;
            fireEvent(new SiteChangeEvent(this, e.getValue()));
        });
        range.setLabel("Time range");
        range.setItems(DashboardRange.values());
        range.setItemLabelGenerator(DashboardRange::label);
        range.setId("dashboard-range");
        range.setValue(initialRange);
        range.addValueChangeListener(e -> fireEvent(new RangeChangeEvent(this, e.getValue())));
        configureFilter(device, "Device", "dashboard-device", d -> d.equals("unknown") ? "unknown" : d);
        configureFilter(language, "Language", "dashboard-language", DashboardCharts::languageLabel);

        live.setId("dashboard-live");
        updated.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        showLive(true, null);
        HorizontalLayout indicator = new HorizontalLayout(live, updated);
        indicator.setSpacing(false);
        indicator.addClassNames(LumoUtility.Gap.SMALL, LumoUtility.Margin.Left.AUTO);
        indicator.setAlignItems(Alignment.CENTER);

        add(site, range, device, language, indicator);
        setAlignItems(Alignment.BASELINE);
        setWrap(true);
        setWidthFull();
    }

    private void configureFilter(Select<String> select, String label, String id, Function<String, String> caption) {
        select.setLabel(label);
        select.setId(id);
        select.setEmptySelectionAllowed(true);
        select.setEmptySelectionCaption("All");
        select.setItemLabelGenerator(v -> v == null ? "All" : caption.apply(v));
        select.setWidth("11rem");
        select.addValueChangeListener(e -> {
            if (!updatingFilters) {
                fireEvent(new FilterChangeEvent(this));
            }
        });
    }

    SiteSummary site() {
        return site.getValue();
    }

    DashboardRange range() {
        return range.getValue();
    }

    /** The device class chosen, or null for all. */
    String device() {
        return device.getValue();
    }

    /** The language chosen, or null for all. */
    String language() {
        return language.getValue();
    }

    /** Whether a device or a language is chosen. */
    boolean filtered() {
        return device.getValue() != null || language.getValue() != null;
    }

    /** The filters in words for a chart's description, e.g. " (mobile devices, language German only)"; empty for none. */
    String filterNote() {
        List<String> parts = new ArrayList<>();
        if (device.getValue() != null) {
            parts.add(device.getValue() + " devices");
        }
        if (language.getValue() != null) {
            parts.add("language " + DashboardCharts.languageLabel(language.getValue()));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + " only)";
    }

    /**
     * Fills the device and language options from the breakdown keys. A dimension that is filtered keeps its options
     * (its breakdown has the chosen slice only); options change only when the keys do, and the choice stays.
     */
    void updateFilters(Set<String> devices, Set<String> languages) {
        updatingFilters = true;
        try {
            if (device.getValue() == null) {
                options(device, devices);
            }
            if (language.getValue() == null) {
                options(language, languages);
            }
        } finally {
            updatingFilters = false;
        }
    }

    /** Sets the options of an unfiltered select (sorted, "unknown" last) when they changed: setting items clears a select. */
    private void options(Select<String> select, Set<String> keys) {
        List<String> sorted = keys.stream()
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing((String s) -> s.equals("unknown"))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        if (!sorted.equals(filterOptions.get(select))) {
            filterOptions.put(select, sorted);
            select.setItems(sorted);
        }
    }

    /** "● Live" while updates work, "● Offline" with the last problem when one failed. */
    void showLive(boolean ok, String problem) {
        if (liveOk != null && liveOk == ok && ok) {
            return;
        }
        liveOk = ok;
        live.setText(ok ? "● Live" : "● Offline");
        live.getElement().getThemeList().clear();
        live.getElement().getThemeList().add("badge pill small " + (ok ? "success" : "error"));
        live.getElement()
                .setAttribute(
                        "title",
                        ok
                                ? "Updates itself every " + OverviewView.REFRESH_MILLIS / 1000 + " s while shown"
                                : "The last update failed: " + problem);
    }

    /** When the figures were read, e.g. "updated 14:03:10". */
    void showUpdated(String text) {
        updated.setText(text);
    }

    Registration addSiteChangeListener(ComponentEventListener<SiteChangeEvent> listener) {
        return addListener(SiteChangeEvent.class, listener);
    }

    Registration addRangeChangeListener(ComponentEventListener<RangeChangeEvent> listener) {
        return addListener(RangeChangeEvent.class, listener);
    }

    Registration addFilterChangeListener(ComponentEventListener<FilterChangeEvent> listener) {
        return addListener(FilterChangeEvent.class, listener);
    }

    /** Another site was chosen (its filters cleared). */
    static final class SiteChangeEvent extends ComponentEvent<DashboardToolbar> {
        private final SiteSummary site;

        SiteChangeEvent(DashboardToolbar source, SiteSummary site) {
            super(source, false);
            this.site = site;
        }

        SiteSummary site() {
            return site;
        }
    }

    /** Another time range was chosen. */
    static final class RangeChangeEvent extends ComponentEvent<DashboardToolbar> {
        private final DashboardRange range;

        RangeChangeEvent(DashboardToolbar source, DashboardRange range) {
            super(source, false);
            this.range = range;
        }

        DashboardRange range() {
            return range;
        }
    }

    /** The device or language filter was changed by the user. */
    static final class FilterChangeEvent extends ComponentEvent<DashboardToolbar> {
        FilterChangeEvent(DashboardToolbar source) {
            super(source, false);
        }
    }
}
