package dev.attune.admin.understand;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import dev.attune.admin.components.Badges;
import dev.attune.identity.api.LinkageService.ReviewItem;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/** What the record linkage view and its parts share: how times, probabilities and statuses are shown. */
final class LinkageParts {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private LinkageParts() {}

    static boolean isOpen(ReviewItem r) {
        return "open".equals(r.status());
    }

    static Span statusBadge(String status) {
        return Badges.badge(
                status,
                switch (Objects.requireNonNullElse(status, "")) {
                    case "accepted" -> "success";
                    case "rejected" -> "contrast";
                    default -> "";
                });
    }

    /** Short grids show all their rows; long ones scroll. */
    static void fit(Grid<?> grid, int rows, String height) {
        if (rows <= 10) {
            grid.setAllRowsVisible(true);
        } else {
            grid.setAllRowsVisible(false);
            grid.setHeight(height);
        }
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * p);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
