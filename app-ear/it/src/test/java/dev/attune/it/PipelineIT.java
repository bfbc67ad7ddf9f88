package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.api.SiteService;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentService;
import dev.attune.personalization.api.ItemRatingStatsService;
import dev.attune.personalization.api.ProfileService;
import dev.attune.personalization.api.SegmentService;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.transaction.UserTransaction;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inside the EAR: the pipeline's derived state holds each event exactly once when a stage fails part-way through a
 * batch (and the batch is retried, whole and event by event), and when the experiment metric write fails after the
 * other stages wrote. Counts are read from the tables themselves.
 */
@InContainerIT
class PipelineIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWith(PipelineIT.class, FailingStage.class);
    }

    private FeedbackService feedback;
    private ExperimentService experiments;
    private UserTransaction tx;
    private DataSource db;
    private UUID siteId;

    @BeforeEach
    void site() throws Exception {
        feedback = CDI.current().select(FeedbackService.class).get();
        experiments = CDI.current().select(ExperimentService.class).get();
        tx = (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
        db = (DataSource) new InitialContext().lookup("java:app/jdbc/attune");
        siteId = CDI.current()
                .select(SiteService.class)
                .get()
                .createSite("Pipeline " + UUID.randomUUID(), List.of(), ConsentMode.IMPLIED)
                .siteId();
    }

    @Test
    void a_stage_that_fails_three_times_for_a_batch_leaves_every_stage_with_each_event_once() throws Exception {
        CDI.current()
                .select(SegmentService.class)
                .get()
                .create(
                        siteId,
                        "raters",
                        "Raters",
                        "rated anything",
                        "{\"events\":{\"type\":\"rating\",\"withinHours\":24},\"op\":\">=\",\"value\":1}");
        Experiment experiment = runningExperiment("pipeline-failures");
        String failing = "fail-" + UUID.randomUUID();
        String other = "ok-" + UUID.randomUUID();
        experiments.assign(siteId, failing, ExperimentService.Context.NONE);
        FailingStage.subjectPrefix = failing;
        FailingStage.failures.set(3);
        FailingStage.calls.set(0);

        String session = "{\"sessionId\":\"s-" + UUID.randomUUID() + "\",\"locale\":\"en-GB\"}";
        List<NewFeedbackEvent> events = new ArrayList<>(List.of(
                event(EventType.PAGE_VIEW, failing, null, null, null, session),
                event(EventType.PAGE_VIEW, failing, null, null, null, session),
                event(EventType.RATING, failing, "item-p", 5, null, session),
                event(EventType.TEXT, failing, "item-p", null, "I love it, wonderful quality", session),
                event(EventType.PURCHASE, failing, "item-p", 30, null, session),
                event(EventType.RATING, other, "item-p", 3, null, "{}"),
                event(EventType.PAGE_VIEW, other, null, null, null, "{}")));
        tx.begin(); // one transaction: the relay finds all seven rows together, as one batch
        for (NewFeedbackEvent e : events) {
            feedback.submit(siteId, e);
        }
        tx.commit();

        await(
                "all seven events applied",
                () -> count("SELECT count(*) FROM feedback.outbox WHERE site_id = ?") == 0
                        && count("SELECT count(*) FROM personalization.enrichment WHERE site_id = ?") == 7);
        assertThat(FailingStage.failures.get())
                .as("the stage failed three times")
                .isLessThanOrEqualTo(0);
        assertThat(FailingStage.calls.get())
                .as("and was tried again after each")
                .isGreaterThanOrEqualTo(4);

        // enrichment: a row per event; the session's page views counted once each, not once per try
        assertThat(count("SELECT count(DISTINCT event_id) FROM personalization.enrichment WHERE site_id = ?"))
                .isEqualTo(7);
        assertThat(count("SELECT max(session_depth) FROM personalization.enrichment WHERE site_id = ? AND subject = '"
                        + failing + "'"))
                .isEqualTo(2);
        // KPI rollups: every event once, in the totals and in exactly one segment slice each
        assertThat(count("SELECT sum(events) FROM personalization.kpi_rollup WHERE site_id = ?"))
                .isEqualTo(7);
        assertThat(count("SELECT sum(ratings) FROM personalization.kpi_rollup WHERE site_id = ?"))
                .isEqualTo(2);
        assertThat(count("SELECT sum(page_views) FROM personalization.kpi_rollup WHERE site_id = ?"))
                .isEqualTo(3);
        assertThat(count("SELECT sum(purchases) FROM personalization.kpi_rollup WHERE site_id = ?"))
                .isEqualTo(1);
        assertThat(count("SELECT sum(events) FROM personalization.kpi_segment_rollup WHERE site_id = ?"))
                .isEqualTo(7);
        // rating statistics
        var stats = CDI.current()
                .select(ItemRatingStatsService.class)
                .get()
                .find(siteId, "item-p")
                .orElseThrow();
        assertThat(stats.ratings()).isEqualTo(2);
        assertThat(stats.averageRating()).isEqualTo(4.0);
        // profiles: each event applied once, from memory and from the row
        ProfileService profiles = CDI.current().select(ProfileService.class).get();
        assertThat(profiles.find(siteId, failing).orElseThrow().events()).isEqualTo(5);
        assertThat(profiles.find(siteId, other).orElseThrow().events()).isEqualTo(2);
        assertThat(count("SELECT sum(events) FROM personalization.profile WHERE site_id = ?"))
                .isEqualTo(7);
        // segments: the failing subject entered once (a rolled-back entry leaves no trace)
        assertThat(count(
                        "SELECT count(*) FROM personalization.segment_change c JOIN personalization.segment s ON s.id = c.segment_id "
                                + "WHERE s.site_id = ? AND c.subject = '" + failing + "'"))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM personalization.segment_member m JOIN personalization.segment s ON s.id = m.segment_id "
                                + "WHERE s.site_id = ?"))
                .isEqualTo(2);
        // experiment metrics: the purchase counted once for its unit
        assertThat(metricEvents(experiment.id(), failing)).isEqualTo(1);
        assertThat(count("SELECT sum(units) FROM personalization.metric_total WHERE experiment_id = '" + experiment.id()
                        + "' AND metric = 'purchases' AND ? IS NOT NULL"))
                .isEqualTo(1);
    }

    @Test
    void a_conversion_whose_metric_write_fails_twice_is_counted_once_not_lost() throws Exception {
        Experiment experiment = runningExperiment("pipeline-metric-failure");
        String unit = "buyer-" + UUID.randomUUID();
        experiments.assign(siteId, unit, ExperimentService.Context.NONE);
        String trigger = "pipeline_it_" + Long.toHexString(System.nanoTime());
        // fails the metric write of this experiment twice, after the batch's other stages have written
        execute("CREATE SEQUENCE personalization." + trigger + "_seq");
        execute("CREATE FUNCTION personalization." + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.experiment_id = '" + experiment.id() + "' AND nextval('personalization." + trigger
                + "_seq') <= 2 THEN "
                + "RAISE EXCEPTION 'metric write refused (test)'; END IF; RETURN NEW; END $$");
        execute("CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON personalization.metric_total "
                + "FOR EACH ROW EXECUTE FUNCTION personalization." + trigger + "()");
        try {
            feedback.submit(siteId, event(EventType.PURCHASE, unit, "item-q", 12, null, "{}"));

            await("the purchase counted", () -> metricEvents(experiment.id(), unit) > 0);
            assertThat(count("SELECT last_value FROM personalization." + trigger + "_seq WHERE ? IS NOT NULL"))
                    .as("refused twice, then written")
                    .isEqualTo(3);
            assertThat(metricEvents(experiment.id(), unit)).isEqualTo(1);
            assertThat(count("SELECT sum(units) FROM personalization.metric_total WHERE experiment_id = '"
                            + experiment.id() + "' AND metric = 'purchases' AND ? IS NOT NULL"))
                    .isEqualTo(1);
            assertThat(count("SELECT sum(events) FROM personalization.kpi_rollup WHERE site_id = ?"))
                    .as("the stages before it were rolled back with it each time")
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM personalization.enrichment WHERE site_id = ?"))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM feedback.outbox WHERE site_id = ?"))
                    .isZero();
        } finally {
            execute("DROP TRIGGER " + trigger + " ON personalization.metric_total");
            execute("DROP FUNCTION personalization." + trigger + "()");
            execute("DROP SEQUENCE personalization." + trigger + "_seq");
        }
    }

    private Experiment runningExperiment(String key) {
        Experiment e = experiments.create(
                siteId,
                new Experiment.Definition(
                        key,
                        key,
                        null,
                        Experiment.Mode.AB,
                        List.of(
                                new Experiment.Variant("control", 50, null),
                                new Experiment.Variant("treatment", 50, null)),
                        100,
                        null,
                        null,
                        List.of(new Experiment.Metric(
                                "purchases", Experiment.Metric.Kind.CONVERSION, "purchase", 24, false)),
                        false,
                        null,
                        null));
        return experiments.setStatus(e.id(), Experiment.Status.RUNNING);
    }

    private long metricEvents(UUID experimentId, String unit) {
        return count("SELECT coalesce(sum(events), 0) FROM personalization.metric_unit WHERE experiment_id = '"
                + experimentId + "' AND metric = 'purchases' AND unit = '" + unit + "' AND ? IS NOT NULL");
    }

    private static NewFeedbackEvent event(
            EventType type, String subject, String item, Integer value, String text, String context) {
        return new NewFeedbackEvent(
                UUID.randomUUID(),
                type,
                subject,
                item,
                value == null ? null : BigDecimal.valueOf(value),
                text,
                Instant.now(),
                "{}",
                context);
    }

    /** The one number the query answers; its one parameter is the test's site. */
    private long count(String sql) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
