package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.FeedbackQuery;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.api.SiteService;
import dev.attune.personalization.api.ItemRatingStats;
import dev.attune.personalization.api.ItemRatingStatsService;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.transaction.UserTransaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inside the EAR: the feedback module's FeedbackReceived reaches the personalization module's listener only after
 * the storing transaction commits (through the outbox), never when it rolls back, and once per event.
 */
@InContainerIT
class CrossModuleEventIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.earWith(CrossModuleEventIT.class, WithdrawalRecorder.class, BatchRecorder.class);
    }

    private FeedbackService feedback;
    private ItemRatingStatsService stats;
    private UserTransaction tx;
    private UUID siteId;

    /** Beans come from the web module's bean manager, exactly as the modules see each other. */
    @BeforeEach
    void site() throws NamingException {
        feedback = CDI.current().select(FeedbackService.class).get();
        stats = CDI.current().select(ItemRatingStatsService.class).get();
        tx = (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
        siteId = CDI.current()
                .select(SiteService.class)
                .get()
                .createSite("Events " + UUID.randomUUID(), List.of(), ConsentMode.IMPLIED)
                .siteId();
    }

    @Test
    void personalization_learns_of_a_rating_only_after_the_feedback_transaction_commits() throws Exception {
        tx.begin();
        feedback.submit(siteId, rating(UUID.randomUUID(), "item-a", 4));
        assertThat(stats.find(siteId, "item-a")).as("not before commit").isEmpty();
        tx.commit();

        ItemRatingStats after = awaitRatings("item-a", 1);
        assertThat(after.averageRating()).isEqualTo(4.0);
    }

    @Test
    void a_rolled_back_rating_is_neither_stored_nor_announced() throws Exception {
        tx.begin();
        feedback.submit(siteId, rating(UUID.randomUUID(), "item-b", 2));
        tx.rollback();
        // Announcements keep commit order: once a later rating is announced, the rolled-back one never will be.
        feedback.submit(siteId, rating(UUID.randomUUID(), "item-b-later", 5));
        awaitRatings("item-b-later", 1);

        assertThat(stats.find(siteId, "item-b")).isEmpty();
        assertThat(feedback.count(new FeedbackQuery(siteId, null, "item-b", null, null, null, null)))
                .isZero();
    }

    @Test
    void a_duplicate_event_is_announced_once() throws Exception {
        UUID id = UUID.randomUUID();
        feedback.submit(siteId, rating(id, "item-c", 5));
        boolean duplicate = feedback.submit(siteId, rating(id, "item-c", 5)).duplicate();
        feedback.submit(siteId, rating(UUID.randomUUID(), "item-c", 3));

        assertThat(duplicate).isTrue();
        ItemRatingStats s = awaitRatings("item-c", 2);
        assertThat(s.averageRating()).isEqualTo(4.0);
    }

    @Test
    void events_from_the_group_commit_writer_are_announced_in_their_own_transaction() throws Exception {
        var results = feedback.submitAll(
                        siteId, List.of(rating(UUID.randomUUID(), "item-d", 2), rating(UUID.randomUUID(), "item-d", 4)))
                .toCompletableFuture()
                .get();

        assertThat(results).noneMatch(r -> r.duplicate());
        assertThat(awaitRatings("item-d", 2).averageRating()).isEqualTo(3.0);
    }

    @Test
    void a_batch_an_observer_fails_on_is_announced_again_event_by_event_and_counted_once() throws Exception {
        UUID poison = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        // one transaction: the relay finds the three rows together and announces them as one batch first
        tx.begin();
        feedback.submit(siteId, rating(first, "item-e", 3));
        feedback.submit(siteId, rating(poison, "poison-e", 5));
        feedback.submit(siteId, rating(second, "item-e", 5));
        tx.commit();

        assertThat(awaitRatings("item-e", 2).averageRating()).isEqualTo(4.0);
        assertThat(awaitRatings("poison-e", 1).averageRating()).isEqualTo(5.0);
        Thread.sleep(1_000); // anything announced twice would be by now
        List<String> heard = BatchRecorder.HEARD.stream()
                .filter(h ->
                        h.contains(poison.toString()) || h.contains(first.toString()) || h.contains(second.toString()))
                .toList();
        assertThat(heard.get(0))
                .as("the batch first, with all three")
                .startsWith("batch 3: ")
                .contains(first.toString(), poison.toString(), second.toString());
        // it failed, so: each event as a batch of one, then the event itself, in commit order, and nothing else
        assertThat(heard.subList(1, heard.size()))
                .containsExactly(
                        "batch 1: [" + first + "]", "event: " + first,
                        "batch 1: [" + poison + "]", "event: " + poison,
                        "batch 1: [" + second + "]", "event: " + second);
    }

    @Test
    void a_batch_is_announced_whole_before_its_events_one_by_one() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        tx.begin(); // one transaction, so the relay finds both rows together
        feedback.submit(siteId, rating(first, "item-f", 1));
        feedback.submit(siteId, rating(second, "item-f", 2));
        tx.commit();

        awaitRatings("item-f", 2);
        Thread.sleep(1_000);
        List<String> heard = BatchRecorder.HEARD.stream()
                .filter(h -> h.contains(first.toString()) || h.contains(second.toString()))
                .toList();
        assertThat(heard)
                .containsExactly("batch 2: [" + first + ", " + second + "]", "event: " + first, "event: " + second);
    }

    /** Announcements travel through the outbox after commit; they arrive within moments, not synchronously. */
    private ItemRatingStats awaitRatings(String item, long ratings) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            var found = stats.find(siteId, item);
            if (found.isPresent() && found.get().ratings() >= ratings) {
                assertThat(found.get().ratings()).isEqualTo(ratings);
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError(
                "no " + ratings + " ratings of " + item + " announced within 15 s: " + stats.find(siteId, item));
    }

    @Test
    void a_withdrawal_is_announced_after_its_commit_and_a_rolled_back_one_never() throws Exception {
        ConsentService consent = CDI.current().select(ConsentService.class).get();
        String subject = "withdrawer-" + UUID.randomUUID();
        consent.record(siteId, subject, Map.of(Purpose.PERSONALIZATION, true), "v1", "test");

        tx.begin();
        consent.record(siteId, subject, Map.of(Purpose.PERSONALIZATION, false, Purpose.MARKETING, false), "v1", "test");
        tx.rollback();
        consent.record(siteId, subject, Map.of(Purpose.PERSONALIZATION, false), "v1", "test");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (WithdrawalRecorder.HEARD.stream().noneMatch(w -> w.subjectId().equals(subject))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1_500); // the relay would have published anything else by now
        var heard = WithdrawalRecorder.HEARD.stream()
                .filter(w -> w.subjectId().equals(subject))
                .toList();
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).purposes()).containsExactly(Purpose.PERSONALIZATION);
        assertThat(heard.get(0).siteId()).isEqualTo(siteId);
    }

    private static NewFeedbackEvent rating(UUID id, String item, int value) {
        return new NewFeedbackEvent(
                id, EventType.RATING, "subject-1", item, BigDecimal.valueOf(value), null, Instant.now(), "{}");
    }
}
