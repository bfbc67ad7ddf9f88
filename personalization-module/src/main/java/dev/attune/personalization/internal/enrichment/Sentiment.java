package dev.attune.personalization.internal.enrichment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Sentiment of free text, only where it can be trusted: the language is detected first (Apache OpenNLP's
 * 103-language model, checked against English evidence: function words and the words VADER knows, since the
 * statistical model alone misreads short English texts), and VADER scores English text. Text in another language
 * gets sentiment {@code UNKNOWN} with its language rather than a guess; text too short to tell is scored (VADER
 * finds nothing to score in foreign words) unless the visitor's locale names another language.
 */
public final class Sentiment {
    public enum Label {
        POSITIVE,
        NEUTRAL,
        NEGATIVE,
        UNKNOWN
    }

    /** The text's language (ISO 639-3, {@code und} when it cannot be told), its VADER scores (null when unknown) and label. */
    public record Result(String language, Vader.Scores scores, Label label) {
        public Double compound() {
            return scores == null ? null : scores.compound();
        }
    }

    /** VADER's convention: compound at or above 0.05 is positive, at or below -0.05 negative. */
    static final double THRESHOLD = 0.05;

    private static final Pattern NOISE = Pattern.compile("https?://\\S+|www\\.\\S+|[@#]\\w+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final Set<String> ENGLISH =
            Set.of(("a about above after again against all am an and any are as at be because been "
                            + "before being below between both but by can could did do does doing down during each few for from further had has have "
                            + "having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not "
                            + "now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs "
                            + "them themselves then there these they this those through to too under until up very was we were what when where which "
                            + "while who whom why will with would you your yours yourself yourselves i'm it's don't can't isn't wasn't didn't doesn't "
                            + "won't i've i'd i'll you're they're we're that's there's what's let's get got go going one two really much also even still "
                            + "well back way time thing things day people service quality price food product phone battery customer works work worked "
                            + "buy bought ever value order delivery shipping staff place")
                    .split(" "));

    private static final class Holder {
        static final Sentiment INSTANCE = new Sentiment(Vader.load(), model());
    }

    private final Vader vader;
    private final LanguageDetectorModel model;

    private Sentiment(Vader vader, LanguageDetectorModel model) {
        this.vader = vader;
        this.model = model;
    }

    /** The analyser (the language model is read once, ~10 MB). */
    public static Sentiment load() {
        return Holder.INSTANCE;
    }

    private static LanguageDetectorModel model() {
        try (InputStream in = Sentiment.class.getResourceAsStream("/langdetect-183.bin")) {
            if (in == null) {
                throw new IllegalStateException(
                        "The OpenNLP language model langdetect-183.bin is missing from the classpath");
            }
            return new LanguageDetectorModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sentiment of a text; {@code locale} (e.g. {@code de-CH}, may be null) is the visitor's, a hint for short texts. */
    public Result analyze(String text, String locale) {
        String language = language(text, locale);
        if (!language.equals("eng") && !language.equals("und")) {
            return new Result(language, null, Label.UNKNOWN);
        }
        Vader.Scores scores = vader.polarity(text);
        Label label = scores.compound() >= THRESHOLD
                ? Label.POSITIVE
                : scores.compound() <= -THRESHOLD ? Label.NEGATIVE : Label.NEUTRAL;
        return new Result(language, scores, label);
    }

    /**
     * The language: English when the detector says so or enough of the words are English (a third when the detector
     * is unsure, half otherwise); {@code und} for under three words without English ones (then the locale decides,
     * when it names a language); otherwise the detector's language.
     */
    String language(String text, String locale) {
        String clean = NOISE.matcher(text == null ? "" : text).replaceAll(" ").strip();
        // a detector is not thread-safe, a model is: one small detector per call
        Language best = new LanguageDetectorME(model).predictLanguage(clean);
        if (best.getLang().equals("eng")) {
            return "eng";
        }
        Matcher words = WORD.matcher(clean.toLowerCase(Locale.ROOT));
        int total = 0;
        int english = 0;
        while (words.find()) {
            total++;
            english += ENGLISH.contains(words.group()) || vader.knows(words.group()) ? 1 : 0;
        }
        double needed = best.getConfidence() < 0.03 ? 1 / 3.0 : 0.5;
        if (total > 0 && english >= needed * total) {
            return "eng";
        }
        if (total < 3) {
            String hinted = iso3(locale);
            return hinted == null ? "und" : hinted;
        }
        return best.getLang();
    }

    private static String iso3(String locale) {
        if (locale == null || locale.isBlank()) {
            return null;
        }
        try {
            String iso3 =
                    new Locale.Builder().setLanguageTag(locale.strip()).build().getISO3Language();
            return iso3.isEmpty() ? null : iso3;
        } catch (IllformedLocaleException | MissingResourceException e) {
            return null;
        }
    }
}
