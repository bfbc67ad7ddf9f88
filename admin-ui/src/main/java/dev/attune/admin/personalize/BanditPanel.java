package dev.attune.admin.personalize;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Grids;
import dev.attune.personalization.api.RecommendationService;
import java.util.List;
import java.util.Locale;

/**
 * A bandit slot: per device and strategy the lists served and rewarded, and off-policy estimates of what each strategy
 * alone would have earned.
 */
class BanditPanel extends VerticalLayout {

    BanditPanel() {
        setPadding(false);
        setId("recommendation-arms");
    }

    /** Shows a bandit slot's arms and their off-policy estimates; any other slot (or none) clears the panel. */
    void show(
            RecommendationService.Slot s,
            List<RecommendationService.ArmStats> stats,
            List<RecommendationService.OffPolicyEstimate> rows) {
        removeAll();
        if (s == null || !s.strategy().equals(RecommendationService.BANDIT)) {
            return;
        }
        Grid<RecommendationService.ArmStats> grid = new Grid<>(RecommendationService.ArmStats.class, false);
        grid.setId("bandit-arms");
        grid.setAllRowsVisible(true);
        grid.addColumn(RecommendationService.ArmStats::context)
                .setHeader("Device")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(RecommendationService.ArmStats::arm)
                .setHeader("Strategy")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(RecommendationService.ArmStats::served)
                .setHeader("Lists served")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(RecommendationService.ArmStats::rewarded)
                .setHeader("Rewarded")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(a -> a.served() == 0
                        ? "—"
                        : String.format(Locale.ROOT, "%.1f %%", 100.0 * a.rewarded() / a.served()))
                .setHeader("Reward rate")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(a -> a.served() == 0 ? null : (double) a.rewarded() / a.served());
        Grids.sortable(grid);
        grid.setItems(stats);
        grid.setEmptyStateText("The bandit has not served this slot yet.");
        add(new H4("Bandit of slot " + s.slot() + " (Thompson sampling per device)"), grid);
        Grid<RecommendationService.OffPolicyEstimate> estimates =
                new Grid<>(RecommendationService.OffPolicyEstimate.class, false);
        estimates.setId("bandit-off-policy");
        estimates.setAllRowsVisible(true);
        estimates
                .addColumn(RecommendationService.OffPolicyEstimate::arm)
                .setHeader("If it always served")
                .setAutoWidth(true)
                .setFlexGrow(0);
        estimates
                .addColumn(RecommendationService.OffPolicyEstimate::lists)
                .setHeader("Its lists")
                .setAutoWidth(true)
                .setFlexGrow(0);
        estimates
                .addColumn(e -> String.format(Locale.ROOT, "%.1f %% ± %.1f", 100 * e.ips(), 196 * e.ipsStandardError()))
                .setHeader("Reward rate (IPS, 95 %)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(RecommendationService.OffPolicyEstimate::ips);
        estimates
                .addColumn(e -> String.format(Locale.ROOT, "%.1f %%", 100 * e.snips()))
                .setHeader("SNIPS")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(RecommendationService.OffPolicyEstimate::snips);
        estimates
                .addColumn(e -> String.format(Locale.ROOT, "%.0f", e.effectiveSampleSize()))
                .setHeader("Effective n")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(RecommendationService.OffPolicyEstimate::effectiveSampleSize);
        estimates
                .addColumn(e -> String.format(Locale.ROOT, "%.1f %%", 100 * e.loggedRewardRate()))
                .setHeader("The bandit got")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(RecommendationService.OffPolicyEstimate::loggedRewardRate);
        Grids.sortable(estimates);
        estimates.setItems(rows);
        estimates.setEmptyStateText("No logged lists in the last 30 days.");
        Paragraph about = new Paragraph(
                "Off-policy: what each strategy alone would have earned, estimated from the logged lists and the "
                        + "probability each had of being served (inverse propensity weighting).");
        about.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        add(about, estimates);
    }
}
