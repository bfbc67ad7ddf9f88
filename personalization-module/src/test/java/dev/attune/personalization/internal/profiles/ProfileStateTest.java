package dev.attune.personalization.internal.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.Profile;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProfileStateTest {
    private static final UUID SITE = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private record Event(FeedbackReceived received, EventEnrichment derived) {}

    private static Event event(
            String type,
            String item,
            Double value,
            String text,
            Double sentiment,
            long minutes,
            String genres,
            String device) {
        Instant at = T0.plus(Duration.ofMinutes(minutes));
        UUID id = UUID.randomUUID();
        FeedbackReceived r = new FeedbackReceived(
                id,
                SITE,
                type,
                "ann",
                item,
                value == null ? null : BigDecimal.valueOf(value),
                text,
                genres == null ? null : "{\"genres\":" + genres + "}",
                null,
                at,
                at);
        EventEnrichment d = new EventEnrichment(
                SITE, id, "ann", type, at, null, sentiment, null, device, null, null, null, null, null, null,
                List.of());
        return new Event(r, d);
    }

    private static List<Event> history() {
        List<Event> events = new ArrayList<>();
        Random random = new Random(4);
        for (int i = 0; i < 200; i++) {
            String item = "film-" + random.nextInt(15);
            String genres = random.nextBoolean() ? "[\"Drama\",\"Romance\"]" : "[\"Action\"]";
            long minutes = random.nextInt(60 * 24 * 60);
            String device = random.nextInt(3) == 0 ? "mobile" : "desktop";
            switch (random.nextInt(6)) {
                case 0 -> events.add(event("page_view", item, null, null, null, minutes, genres, device));
                case 1 ->
                    events.add(event(
                            "rating", item, (double) (1 + random.nextInt(5)), null, null, minutes, genres, device));
                case 2 -> events.add(event("purchase", item, 12.5, null, null, minutes, genres, device));
                case 3 ->
                    events.add(event("nps", null, (double) random.nextInt(11), null, null, minutes, null, device));
                case 4 ->
                    events.add(
                            event("text", item, null, "words", random.nextDouble() * 2 - 1, minutes, genres, device));
                default ->
                    events.add(
                            event("csat", null, (double) (1 + random.nextInt(5)), null, null, minutes, null, device));
            }
        }
        return events;
    }

    private static Profile build(List<Event> events) {
        ProfileState s = new ProfileState(SITE, "ann", 14);
        events.forEach(e -> s.apply(
                e.received(), e.derived(), ProfileState.attributes(e.received().propertiesJson())));
        return s.toProfile();
    }

    @Test
    void the_profile_is_the_same_whatever_order_the_events_arrive_in() {
        List<Event> events = history();
        Profile inOrder = build(events);
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(9));
        Profile other = build(shuffled);
        assertThat(other.events()).isEqualTo(200);
        assertThat(other.asOf()).isEqualTo(inOrder.asOf());
        assertThat(other.items()).hasSameSizeAs(inOrder.items());
        for (int i = 0; i < inOrder.items().size(); i++) {
            assertThat(other.items().get(i).key())
                    .isEqualTo(inOrder.items().get(i).key());
            assertThat(other.items().get(i).score())
                    .isCloseTo(inOrder.items().get(i).score(), within(1e-9));
        }
        assertThat(other.engagement()).isCloseTo(inOrder.engagement(), within(1e-9));
        assertThat(other.sentiment()).isCloseTo(inOrder.sentiment(), within(1e-12));
        assertThat(other.sentimentTrend()).isNotNull().isEqualTo(inOrder.sentimentTrend());
        assertThat(other.latestNps()).isEqualTo(inOrder.latestNps());
        assertThat(other.averageRating()).isCloseTo(inOrder.averageRating(), within(1e-12));
        assertThat(other.devices()).isEqualTo(inOrder.devices());
    }

    @Test
    void the_sentiment_trend_is_the_slope_per_day_of_the_texts_and_needs_time_to_show() {
        ProfileState s = new ProfileState(SITE, "ann", 14);
        s.apply(
                event("text", null, null, "meh", 0.5, 0, null, "desktop").received(),
                event("text", null, null, "meh", 0.5, 0, null, "desktop").derived(),
                List.of());
        Event soon = event("text", null, null, "bad", -0.5, 10, null, "desktop");
        s.apply(soon.received(), soon.derived(), List.of());
        assertThat(s.toProfile().sentimentTrend())
                .as("two texts ten minutes apart tell no direction")
                .isNull();
        // from +0.5 to -0.5 over two days, every day: a steady fall of 0.5 a day
        ProfileState falling = new ProfileState(SITE, "ann", 1000);
        for (int day = 0; day <= 2; day++) {
            Event e = event("text", null, null, "t", 0.5 - 0.5 * day, 60L * 24 * day, null, "desktop");
            falling.apply(e.received(), e.derived(), List.of());
        }
        assertThat(falling.toProfile().sentimentTrend()).isCloseTo(-0.5, within(0.002));
        ProfileState restored = ProfileState.fromJson(SITE, "ann", 1000, falling.toJson());
        assertThat(restored.toProfile().sentimentTrend())
                .isEqualTo(falling.toProfile().sentimentTrend());
    }

    @Test
    void state_survives_its_json_and_goes_on_counting_the_same() {
        List<Event> events = history();
        ProfileState s = new ProfileState(SITE, "ann", 14);
        events.subList(0, 120)
                .forEach(e -> s.apply(
                        e.received(),
                        e.derived(),
                        ProfileState.attributes(e.received().propertiesJson())));
        ProfileState restored = ProfileState.fromJson(SITE, "ann", 14, s.toJson());
        events.subList(120, 200)
                .forEach(e -> restored.apply(
                        e.received(),
                        e.derived(),
                        ProfileState.attributes(e.received().propertiesJson())));
        Profile whole = build(events);
        assertThat(restored.toProfile().engagement()).isCloseTo(whole.engagement(), within(1e-9));
        assertThat(restored.toProfile().attributes().get(0).key())
                .isEqualTo(whole.attributes().get(0).key());
        assertThat(restored.toProfile().attributes().get(0).score())
                .isCloseTo(whole.attributes().get(0).score(), within(1e-9));
    }

    @Test
    void interest_follows_what_the_visitor_did_and_fades_with_the_half_life() {
        ProfileState s = new ProfileState(SITE, "ann", 14);
        List<Event> events = List.of(
                event("purchase", "tent", 120.0, null, null, 0, "[\"Camping\"]", "desktop"),
                event("rating", "boots", 1.0, null, null, 60 * 24 * 14, "[\"Hiking\"]", "mobile"),
                event("page_view", "stove", null, null, null, 60 * 24 * 14, "[\"Camping\"]", "mobile"));
        events.forEach(e -> s.apply(
                e.received(), e.derived(), ProfileState.attributes(e.received().propertiesJson())));
        Profile p = s.toProfile();
        assertThat(p.items()).extracting(Profile.Score::key).containsExactly("tent", "stove", "boots");
        assertThat(p.items().get(0).score())
                .as("a purchase (6) one half-life ago")
                .isCloseTo(3, within(1e-9));
        assertThat(p.items().get(2).score())
                .as("a one-star rating counts against")
                .isCloseTo(-4, within(1e-9));
        assertThat(p.attributes().get(0).key()).isEqualTo("Camping");
        assertThat(p.attributes().get(0).score()).isCloseTo(4, within(1e-9));
        assertThat(p.devices()).containsEntry("mobile", 2L).containsEntry("desktop", 1L);
        assertThat(p.averageRating()).isEqualTo(1.0);
    }

    @Test
    void scores_fade_the_same_over_hundreds_of_half_lives_and_survive_json_in_between() {
        ProfileState s = new ProfileState(SITE, "ann", 10.0 / (24 * 60)); // a half-life of ten minutes
        Event first = event("purchase", "tent", 120.0, null, null, 0, "[\"Camping\"]", "desktop");
        s.apply(
                first.received(),
                first.derived(),
                ProfileState.attributes(first.received().propertiesJson()));
        for (int i = 1; i <= 400; i++) { // a page view every half-life: each adds 1 and halves what was there
            Event view = event("page_view", "stove", null, null, null, 10L * i, "[\"Camping\"]", "mobile");
            s.apply(
                    view.received(),
                    view.derived(),
                    ProfileState.attributes(view.received().propertiesJson()));
        }
        ProfileState back = ProfileState.fromJson(SITE, "ann", 10.0 / (24 * 60), s.toJson());
        Event last = event("page_view", "stove", null, null, null, 4010, "[\"Camping\"]", "mobile");
        for (ProfileState p : List.of(s, back)) {
            p.apply(
                    last.received(),
                    last.derived(),
                    ProfileState.attributes(last.received().propertiesJson()));
            Profile profile = p.toProfile();
            assertThat(profile.items().get(0).key()).isEqualTo("stove");
            assertThat(profile.items().get(0).score()).as("1 + 1/2 + 1/4 + ...").isCloseTo(2, within(1e-9));
            assertThat(profile.items().get(1).score())
                    .as("six, 401 half-lives ago")
                    .isCloseTo(0, within(1e-100));
            assertThat(profile.attributes().get(0).score()).isCloseTo(2, within(1e-9));
        }
    }

    @Test
    void a_profile_keeps_a_bounded_number_of_items_and_drops_the_weakest() {
        ProfileState s = new ProfileState(SITE, "ann", 14);
        Event bought = event("purchase", "favourite", 120.0, null, null, 0, null, "desktop");
        s.apply(bought.received(), bought.derived(), List.of());
        for (int i = 0; i < 1000; i++) {
            Event view = event("page_view", "item-" + i, null, null, null, i, null, "desktop");
            s.apply(view.received(), view.derived(), List.of());
        }
        List<Profile.Score> items = s.toProfile().items();
        assertThat(items.size()).isBetween(ProfileState.MAX_KEYS, ProfileState.MAX_KEYS + ProfileState.MAX_KEYS / 10);
        assertThat(items.get(0).key()).as("the strongest stays").isEqualTo("favourite");
        assertThat(items)
                .extracting(Profile.Score::key)
                .as("the latest views, decayed least, stay")
                .contains("item-999")
                .doesNotContain("item-0");
    }
}
