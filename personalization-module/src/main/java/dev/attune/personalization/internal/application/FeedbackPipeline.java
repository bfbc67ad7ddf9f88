package dev.attune.personalization.internal.application;

import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.FeedbackBatchReceived;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.Purpose;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.internal.enrichment.Enricher;
import dev.attune.personalization.internal.experiments.DefaultExperimentService;
import dev.attune.personalization.internal.kpi.KpiRollups;
import dev.attune.personalization.internal.monitors.Monitors;
import dev.attune.personalization.internal.profiles.DefaultProfileService;
import dev.attune.personalization.internal.recommendations.DefaultRecommendationService;
import dev.attune.personalization.internal.rules.DefaultRuleService;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the personalization module derives from stored events, stage by stage in the order written here, one batch at
 * a time. It runs inside the feedback relay's transaction, which also deletes the batch's outbox rows: every stage's
 * writes commit together with the record that the batch was applied, or roll back with it (and the batch is tried
 * again, each event alone), so nothing is applied twice or lost after any failure or crash. In-memory state follows
 * the transaction: it changes on commit, or is dropped and read again on rollback. Effects on the world outside the
 * database (rule actions, pushes to open widgets, anomaly watchers) run once, after the commit. See docs/pipeline.md.
 */
@ApplicationScoped
public class FeedbackPipeline {

    @Inject
    ConsentService consent;

    @Inject
    Enricher enricher;

    @Inject
    Monitors monitors;

    @Inject
    ItemFacts items;

    @Inject
    DefaultProfileService profiles;

    @Inject
    KpiRollups kpis;

    @Inject
    DefaultExperimentService experiments;

    @Inject
    DefaultRuleService rules;

    @Inject
    DefaultRecommendationService recommendations;

    @Resource
    TransactionSynchronizationRegistry transactions;

    void onBatch(@Observes FeedbackBatchReceived batch) throws SQLException {
        run(batch.events());
    }

    void run(List<FeedbackReceived> events) throws SQLException {
        // first, so that a failure in any stage below undoes in memory what the stages before it did
        TransactionOutcome outcome = new TransactionOutcome();
        transactions.registerInterposedSynchronization(outcome);

        // 1. consent, read once for the batch
        Predicate<FeedbackReceived> personalized = BatchConsent.allowing(consent, events, Purpose.PERSONALIZATION);

        // 2. enrichment: language, sentiment, device, local time, session depth; one lineage row per event
        Enricher.Batch enriched = enricher.enrich(events);
        List<EventEnrichment> derived = enriched.enrichments();
        profiles.recordEnrichments(derived);
        outcome.onCommit(enriched.sessions()::commit);

        // 3. monitors: drift and rate watchers in memory, fed with committed events only
        outcome.onCommit(() -> {
            for (int i = 0; i < events.size(); i++) {
                monitors.observe(events.get(i), derived.get(i));
            }
        });

        // 4. rating statistics and what events say about items
        items.countRatings(events, personalized);
        items.learnItems(events);

        // 5. profiles and segment memberships (for subjects who allow personalization)
        DefaultProfileService.Applied applied = profiles.apply(events, derived, personalized);
        outcome.onCommit(applied::commit);
        outcome.onRollback(applied::rollback);

        // 6. KPI rollups: totals, and per segment of each profiled person after the event
        List<KpiRollups.Observed> observed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            observed.add(new KpiRollups.Observed(
                    events.get(i),
                    derived.get(i),
                    applied.segmentsAfter(events.get(i).eventId())));
        }
        kpis.add(observed);

        // 7. experiment metrics of the units in running experiments
        experiments.count(events);

        // 8. rules, recommendation rewards and fresh lists: what visitors see, once the batch is committed
        outcome.onCommit(() -> {
            for (FeedbackReceived event : events) {
                rules.afterEvent(event, personalized.test(event));
                recommendations.afterEvent(event);
            }
        });
    }
}
