package dev.attune.personalization.internal.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentimentTest {
    private final Sentiment sentiment = Sentiment.load();

    @Test
    void english_text_gets_vaders_score_even_when_short() {
        Sentiment.Result great = sentiment.analyze("Great!", null);
        assertThat(great.language()).isEqualTo("eng");
        assertThat(great.label()).isEqualTo(Sentiment.Label.POSITIVE);
        assertThat(great.compound()).isEqualTo(Vader.load().polarity("Great!").compound());
        assertThat(sentiment.analyze("Terrible service, never again", "de-DE").label())
                .as("English on a German page")
                .isEqualTo(Sentiment.Label.NEGATIVE);
        assertThat(sentiment.analyze("@shop Love it :) http://t.co/x", null).label())
                .isEqualTo(Sentiment.Label.POSITIVE);
    }

    @Test
    void text_in_another_language_is_marked_unknown_rather_than_guessed() {
        Sentiment.Result german = sentiment.analyze("Das Essen war wirklich schlecht und der Service langsam.", null);
        assertThat(german.language()).isEqualTo("deu");
        assertThat(german.label()).isEqualTo(Sentiment.Label.UNKNOWN);
        assertThat(german.scores())
                .as("'war' would have scored -2.9 in English")
                .isNull();
        assertThat(sentiment
                        .analyze("Le film était magnifique, j'ai adoré.", null)
                        .language())
                .isEqualTo("fra");
        assertThat(sentiment
                        .analyze("El servicio fue terrible, nunca volveré.", null)
                        .label())
                .isEqualTo(Sentiment.Label.UNKNOWN);
        assertThat(sentiment.analyze("Questo prodotto è fantastico!", null).label())
                .isEqualTo(Sentiment.Label.UNKNOWN);
    }

    @Test
    void the_visitors_locale_decides_for_text_too_short_to_tell() {
        assertThat(sentiment.analyze("Nicht gut", "de-DE").label()).isEqualTo(Sentiment.Label.UNKNOWN);
        assertThat(sentiment.analyze("Nicht gut", "de-DE").language()).isEqualTo("deu");
        assertThat(sentiment.analyze("Nicht gut", null).language()).isEqualTo("und");
        assertThat(sentiment.analyze("Nicht gut", null).label())
                .as("nothing VADER knows: neutral")
                .isEqualTo(Sentiment.Label.NEUTRAL);
        assertThat(sentiment.analyze("Nicht gut", "not a locale!").language()).isEqualTo("und");
    }
}
