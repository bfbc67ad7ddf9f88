package dev.attune.admin.understand;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.charts.EChart;
import dev.attune.admin.components.ConditionBuilder;
import dev.attune.admin.components.Grids;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.DiscoveredSegment;
import dev.attune.personalization.api.Segment;
import dev.attune.personalization.api.SegmentService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Segments of a site: defined by a JSON rule over profiles and recent events (previewed against the site's
 * profiles before saving), their members now, and members per day as a chart.
 */
@Route(value = "segments", layout = MainLayout.class)
@PageTitle("Segments · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class SegmentsView extends VerticalLayout {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    static final String EXAMPLE = """
            {"all": [
              {"events": {"type": "page_view", "sameItem": true, "withinHours": 24}, "op": ">", "value": 3},
              {"events": {"type": "purchase", "withinHours": 24}, "op": "=", "value": 0}
            ]}""";

    private final SegmentService segments;
    private final boolean canEdit = CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST);
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final Grid<Segment> grid = new Grid<>(Segment.class, false);
    private final TextField filter = Grids.filterField(grid, "segments-filter", "Filter by key or name");
    private final VerticalLayout detail = new VerticalLayout();
    private final Grid<DiscoveredSegment> discovered = new Grid<>(DiscoveredSegment.class, false);

    @Inject
    public SegmentsView(SiteService sites, SegmentService segments) {
        this.segments = segments;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.addValueChangeListener(e -> refresh(null));
        Button add = new Button("New segment", VaadinIcon.PLUS.create(), e -> openCreate());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("segment-new");
        add.setVisible(canEdit);
        HorizontalLayout bar = new HorizontalLayout(site, add, filter);
        bar.setAlignItems(Alignment.BASELINE);

        grid.setId("segments-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(Segment::key).setHeader("Key").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Segment::name).setHeader("Name").setFlexGrow(1);
        grid.addColumn(Segment::members)
                .setHeader("Members")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setSortable(true);
        grid.addComponentColumn(s -> {
                    Span badge = new Span(s.active() ? "active" : "paused");
                    badge.getElement().getThemeList().add("badge pill" + (s.active() ? " success" : " contrast"));
                    return badge;
                })
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Segment::active);
        grid.addColumn(s -> TIME.format(s.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Segment::createdAt);
        Grids.sortable(grid);
        grid.setEmptyStateText(
                "No segments yet: create one from a rule, e.g. visitors who looked at one item again and again without buying.");
        grid.addSelectionListener(e -> show(e.getFirstSelectedItem().orElse(null)));
        detail.setPadding(false);
        detail.setId("segment-detail");
        discovered.setId("segments-discovered");
        discovered.setAllRowsVisible(true);
        discovered
                .addColumn(DiscoveredSegment::size)
                .setHeader("Visitors")
                .setAutoWidth(true)
                .setFlexGrow(0);
        discovered
                .addColumn(DiscoveredSegment::description)
                .setHeader("What sets them apart")
                .setFlexGrow(1);
        discovered
                .addColumn(d -> String.format(
                        Locale.ROOT,
                        "%.0f events · %.1f ★ · NPS %.1f · %.0f %% mobile",
                        d.profile().get("events"),
                        d.profile().get("averageRating"),
                        d.profile().get("nps"),
                        100 * d.profile().get("mobileShare")))
                .setHeader("Averages")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(d -> d.profile().get("events"));
        Grids.sortable(discovered);
        discovered.setEmptyStateText(
                "Nothing discovered yet: it takes at least 10 profiles (runs every hour, or now with the button).");
        Button discover = new Button("Discover now", VaadinIcon.CLUSTER.create(), e -> {
            discovered.setItems(segments.discover(site.getValue().id()));
        });
        discover.setId("segment-discover");
        discover.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        discover.setVisible(canEdit);
        HorizontalLayout discoveredHead = new HorizontalLayout(new H4("Discovered in profiles (k-means++)"), discover);
        discoveredHead.setAlignItems(Alignment.BASELINE);
        add(new H2("Segments"), bar, grid, detail, discoveredHead, discovered);
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private void refresh(UUID selected) {
        discovered.setItems(
                site.getValue() == null
                        ? List.of()
                        : segments.discovered(site.getValue().id()));
        List<Segment> list = site.getValue() == null
                ? List.of()
                : segments.list(site.getValue().id());
        grid.setItems(list).setFilter(Grids.matching(filter, Segment::key, Segment::name));
        if (!list.isEmpty()) {
            grid.select(list.stream()
                    .filter(s -> s.id().equals(selected))
                    .findFirst()
                    .orElse(list.get(0)));
        } else {
            detail.removeAll();
        }
    }

    private void show(Segment s) {
        detail.removeAll();
        if (s == null) {
            return;
        }
        H3 title = new H3(s.name() + " (" + s.members() + " member" + (s.members() == 1 ? "" : "s") + ")");
        title.setId("segment-title");
        detail.add(title);
        if (s.description() != null) {
            Paragraph d = new Paragraph(s.description());
            d.addClassNames(LumoUtility.TextColor.SECONDARY);
            detail.add(d);
        }
        Pre rule = new Pre(
                JSON.createReader(new StringReader(s.ruleJson())).readValue().toString());
        rule.addClassNames(
                LumoUtility.FontSize.SMALL,
                LumoUtility.Background.CONTRAST_5,
                LumoUtility.Padding.SMALL,
                LumoUtility.BorderRadius.MEDIUM);
        rule.getStyle().set("white-space", "pre-wrap");
        detail.add(rule);
        List<SegmentService.Day> days = segments.history(s.id());
        detail.add(new H4("Members per day"));
        if (days.isEmpty()) {
            Paragraph empty = new Paragraph("Nobody has entered yet.");
            empty.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            detail.add(empty);
        } else {
            EChart chart = new EChart();
            chart.setId("segment-history");
            chart.setHeight("14rem");
            chart.setOption(historyChart(days));
            detail.add(chart);
        }
        detail.add(new H4("Members"));
        Grid<SegmentService.Member> members = new Grid<>(SegmentService.Member.class, false);
        members.setId("segment-members");
        members.setAllRowsVisible(true);
        members.addColumn(SegmentService.Member::subject).setHeader("Subject");
        members.addColumn(m -> TIME.format(m.enteredAt()))
                .setHeader("Entered (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(SegmentService.Member::enteredAt);
        Grids.sortable(members);
        members.setItems(segments.members(s.id(), 50));
        members.setEmptyStateText("No members now.");
        detail.add(members);
    }

    static JsonObject historyChart(List<SegmentService.Day> days) {
        JsonArrayBuilder x = JSON.createArrayBuilder();
        JsonArrayBuilder members = JSON.createArrayBuilder();
        JsonArrayBuilder entered = JSON.createArrayBuilder();
        JsonArrayBuilder left = JSON.createArrayBuilder();
        for (SegmentService.Day d : days) {
            x.add(d.day().toString());
            members.add(d.members());
            entered.add(d.entered());
            left.add(-d.left());
        }
        return JSON.createObjectBuilder()
                .add("tooltip", JSON.createObjectBuilder().add("trigger", "axis"))
                .add(
                        "legend",
                        JSON.createObjectBuilder()
                                .add(
                                        "data",
                                        JSON.createArrayBuilder()
                                                .add("members")
                                                .add("entered")
                                                .add("left")))
                .add(
                        "grid",
                        JSON.createObjectBuilder()
                                .add("left", 40)
                                .add("right", 16)
                                .add("top", 32)
                                .add("bottom", 28))
                .add("xAxis", JSON.createObjectBuilder().add("type", "category").add("data", x))
                .add("yAxis", JSON.createObjectBuilder().add("type", "value"))
                .add(
                        "series",
                        JSON.createArrayBuilder()
                                .add(JSON.createObjectBuilder()
                                        .add("name", "members")
                                        .add("type", "line")
                                        .add("data", members)
                                        .add("color", "#1a73e8"))
                                .add(JSON.createObjectBuilder()
                                        .add("name", "entered")
                                        .add("type", "bar")
                                        .add("data", entered)
                                        .add("color", "#2f9e44"))
                                .add(JSON.createObjectBuilder()
                                        .add("name", "left")
                                        .add("type", "bar")
                                        .add("data", left)
                                        .add("color", "#e03131")))
                .build();
    }

    private void openCreate() {
        if (site.getValue() == null) {
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New segment for " + site.getValue().name());
        dialog.setWidth("min(46rem, 96vw)");
        TextField key = new TextField("Key");
        key.setId("segment-key");
        key.setPlaceholder("hesitant-viewers");
        TextField name = new TextField("Name");
        name.setId("segment-name");
        name.setWidthFull();
        TextField description = new TextField("Description");
        description.setWidthFull();
        TextArea rule = new TextArea("Rule (JSON)");
        rule.setId("segment-rule");
        rule.setWidthFull();
        rule.setValue(EXAMPLE);
        rule.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        Paragraph help = new Paragraph(
                "Combine conditions with all / any / not. A condition compares a profile field (events, engagement, "
                        + "averageRating, latestNps, npsClass, latestCsat, sentiment, daysSinceLastSeen, device, mobileShare…), an interest "
                        + "({\"interest\":{\"attribute\":\"Drama\"}}) or a count of recent events ({\"events\":{\"type\":…, \"sameItem\":true, "
                        + "\"sentiment\":\"negative\", \"withinHours\":24}}) with = != < <= > >=.");
        help.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Div result = new Div();
        result.setId("segment-preview");
        result.addClassNames(LumoUtility.FontSize.SMALL);
        Div errors = new Div();
        errors.setId("segment-errors");
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        Button preview = new Button("Preview", VaadinIcon.EYE.create(), e -> {
            errors.removeAll();
            try {
                SegmentService.Preview p = segments.preview(site.getValue().id(), rule.getValue());
                result.setText(p.matching() + " of " + p.profiles() + " profiles match"
                        + (p.sample().isEmpty()
                                ? "."
                                : ": " + String.join(", ", p.sample())
                                        + (p.matching() > p.sample().size() ? ", …" : "")));
            } catch (InvalidInputException ex) {
                ex.errors().forEach(f -> errors.add(new Div(f.field() + ": " + f.message())));
            }
        });
        preview.setId("segment-preview-button");
        Button create = new Button("Create", e -> {
            errors.removeAll();
            try {
                Segment s = segments.create(
                        site.getValue().id(),
                        key.getValue().strip(),
                        name.getValue(),
                        description.getValue(),
                        rule.getValue());
                dialog.close();
                refresh(s.id());
            } catch (InvalidInputException ex) {
                ex.errors().forEach(f -> errors.add(new Div(f.field() + ": " + f.message())));
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("segment-create");
        HorizontalLayout head = new HorizontalLayout(key, name);
        head.setWidthFull();
        ConditionBuilder builder = new ConditionBuilder(rule, null);
        VerticalLayout form = new VerticalLayout(
                head, description, builder, rule, help, new HorizontalLayout(preview, result), errors);
        form.setPadding(false);
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        dialog.open();
    }
}
