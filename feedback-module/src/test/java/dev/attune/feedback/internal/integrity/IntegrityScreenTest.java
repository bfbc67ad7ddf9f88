package dev.attune.feedback.internal.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.IngestSource;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.api.QuarantineReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IntegrityScreenTest {
    private static final UUID SITE = UUID.randomUUID();
    private static final String CHROME =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final IngestSource BROWSER = new IngestSource(IngestSource.Channel.BROWSER, "192.0.2.1", CHROME);
    private final IntegrityScreen screen = IntegrityScreen.create(1000, 3);

    private static NewFeedbackEvent event(
            EventType type, String value, String text, String properties, String context) {
        return new NewFeedbackEvent(
                UUID.randomUUID(),
                type,
                "alice",
                "item-1",
                value == null ? null : new BigDecimal(value),
                text,
                Instant.now(),
                properties,
                context);
    }

    private Optional<QuarantineReason> reason(NewFeedbackEvent e, IngestSource source) {
        return screen.screen(SITE, e, source).map(IntegrityScreen.Suspicion::reason);
    }

    @Test
    void the_bundled_open_list_is_loaded_and_recognises_crawlers_but_not_browsers() {
        BotUserAgents bots = BotUserAgents.bundled();
        assertThat(bots.size()).isGreaterThan(1000);
        assertThat(bots.match("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
                .isPresent();
        assertThat(bots.match("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"))
                .isPresent();
        assertThat(bots.match("python-requests/2.31.0")).isPresent();
        assertThat(bots.match(CHROME)).isEmpty();
        assertThat(bots.match(
                        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                                + "Version/17.5 Mobile/15E148 Safari/604.1"))
                .isEmpty();
    }

    @Test
    void a_bot_is_recognised_by_the_browser_connection_or_by_the_events_context() {
        IngestSource crawler =
                new IngestSource(IngestSource.Channel.BROWSER, "192.0.2.9", "Mozilla/5.0 (compatible; AhrefsBot/7.0)");
        assertThat(reason(event(EventType.PAGE_VIEW, null, null, "{}", "{}"), crawler))
                .contains(QuarantineReason.BOT_USER_AGENT);
        assertThat(reason(
                        event(EventType.PAGE_VIEW, null, null, "{}", "{\"userAgent\":\"Googlebot/2.1\"}"),
                        IngestSource.UNKNOWN_SERVER))
                .contains(QuarantineReason.BOT_USER_AGENT);
    }

    @Test
    void a_server_integrations_own_user_agent_is_not_held_against_its_visitors() {
        IngestSource curl = new IngestSource(IngestSource.Channel.SERVER, "192.0.2.2", "curl/8.5.0");
        assertThat(reason(event(EventType.RATING, "4", null, "{}", "{}"), curl)).isEmpty();
    }

    @Test
    void a_filled_honeypot_field_is_quarantined_an_empty_one_is_not() {
        assertThat(reason(event(EventType.TEXT, null, "Nice shop", "{\"_hp\":\"http://spam\"}", "{}"), BROWSER))
                .contains(QuarantineReason.HONEYPOT);
        assertThat(reason(event(EventType.TEXT, null, "Nice shop", "{\"_hp\":\"\"}", "{}"), BROWSER))
                .isEmpty();
    }

    @Test
    void implausible_values_are_quarantined() {
        assertThat(reason(event(EventType.DWELL, "30000", null, "{}", "{}"), BROWSER))
                .contains(QuarantineReason.IMPLAUSIBLE_VALUE);
        assertThat(reason(event(EventType.DWELL, "300", null, "{}", "{}"), BROWSER))
                .isEmpty();
        assertThat(reason(event(EventType.PURCHASE, "2500000", null, "{}", "{}"), BROWSER))
                .contains(QuarantineReason.IMPLAUSIBLE_VALUE);
    }

    @Test
    void spam_text_and_text_repeated_beyond_the_limit_are_quarantined() {
        assertThat(reason(
                        event(EventType.TEXT, null, "buy http://a.example http://b.example www.c.example", "{}", "{}"),
                        BROWSER))
                .contains(QuarantineReason.SPAM_TEXT);
        assertThat(reason(event(EventType.TEXT, null, "!!!!!!!!!!!!!!!!!!!!!!!!", "{}", "{}"), BROWSER))
                .contains(QuarantineReason.SPAM_TEXT);
        String repeated = "Best prices on replica watches today";
        for (int i = 0; i < 3; i++) {
            assertThat(reason(event(EventType.TEXT, null, repeated, "{}", "{}"), IngestSource.UNKNOWN_SERVER))
                    .isEmpty();
        }
        assertThat(reason(
                        event(EventType.TEXT, null, "  best PRICES on replica   watches today ", "{}", "{}"),
                        IngestSource.UNKNOWN_SERVER))
                .contains(QuarantineReason.DUPLICATE_TEXT);
        for (int i = 0; i < 10; i++) {
            assertThat(reason(
                            event(EventType.TEXT, null, "great", "{}", "{}"),
                            new IngestSource(IngestSource.Channel.SERVER, null, null)))
                    .as("short common answers repeat honestly")
                    .isEmpty();
        }
    }

    @Test
    void a_subject_faster_than_a_person_is_quarantined_beyond_its_rate() {
        IntegrityScreen fresh = IntegrityScreen.create(5, 3);
        for (int i = 0; i < 5; i++) {
            assertThat(fresh.screen(SITE, event(EventType.CLICK, null, null, "{}", "{}"), BROWSER))
                    .isEmpty();
        }
        assertThat(fresh.screen(SITE, event(EventType.CLICK, null, null, "{}", "{}"), BROWSER))
                .map(IntegrityScreen.Suspicion::reason)
                .contains(QuarantineReason.SUBJECT_RATE);
    }
}
