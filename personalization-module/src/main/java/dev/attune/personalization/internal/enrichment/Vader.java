package dev.attune.personalization.internal.enrichment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sentiment of free text: a faithful Java port of VADER 3.3.2 ({@code vaderSentiment/vaderSentiment.py} of
 * github.com/cjhutto/vaderSentiment at commit 0150f59, = PyPI vaderSentiment 3.3.2; MIT licence, C.J. Hutto).
 * Please cite Hutto, C.J. &amp; Gilbert, E.E. (2014), VADER: A Parsimonious Rule-based Model for Sentiment Analysis
 * of Social Media Text, ICWSM-14. The lexicons, licence and a notice are resources in
 * {@code dev/attune/personalization/vader/}.
 *
 * <p>The port reproduces the reference rules including their quirks (emoji replaced code point by code point by
 * their descriptions, idioms only checked when the third preceding word is not in the lexicon, the "but" weighting
 * through {@code list.index} of the first equal score, "so"/"this" one word before a lexicon word counting as
 * "never so/this", ...), Python's {@code str.split()}/{@code str.strip()} whitespace, {@code str.isupper()},
 * {@code string.punctuation} and {@code round()} (correctly rounded, ties to even, on the exact binary value).
 * Instances are immutable and thread-safe.
 */
public final class Vader {

    /** Proportions of negative, neutral and positive text (3 decimals) and the normalised compound score in [-1, 1] (4 decimals). */
    public record Scores(double negative, double neutral, double positive, double compound) {}

    static final String RESOURCES = "/dev/attune/personalization/vader/";

    // (empirically derived mean sentiment intensity rating increase for booster words)
    static final double B_INCR = 0.293;
    static final double B_DECR = -0.293;
    // (empirically derived mean sentiment intensity rating increase for using ALLCAPs to emphasize a word)
    static final double C_INCR = 0.733;
    static final double N_SCALAR = -0.74;

    private static final Set<String> NEGATE = Set.of(
            "aint",
            "arent",
            "cannot",
            "cant",
            "couldnt",
            "darent",
            "didnt",
            "doesnt",
            "ain't",
            "aren't",
            "can't",
            "couldn't",
            "daren't",
            "didn't",
            "doesn't",
            "dont",
            "hadnt",
            "hasnt",
            "havent",
            "isnt",
            "mightnt",
            "mustnt",
            "neither",
            "don't",
            "hadn't",
            "hasn't",
            "haven't",
            "isn't",
            "mightn't",
            "mustn't",
            "neednt",
            "needn't",
            "never",
            "none",
            "nope",
            "nor",
            "not",
            "nothing",
            "nowhere",
            "oughtnt",
            "shant",
            "shouldnt",
            "uhuh",
            "wasnt",
            "werent",
            "oughtn't",
            "shan't",
            "shouldn't",
            "uh-uh",
            "wasn't",
            "weren't",
            "without",
            "wont",
            "wouldnt",
            "won't",
            "wouldn't",
            "rarely",
            "seldom",
            "despite");

    /** Booster/dampener 'intensifiers' or 'degree adverbs'. */
    private static final Map<String, Double> BOOSTER_DICT = boosters();

    /** Special case idioms and phrases containing lexicon words. */
    private static final Map<String, Double> SPECIAL_CASES = Map.of(
            "the shit",
            3.0,
            "the bomb",
            3.0,
            "bad ass",
            1.5,
            "badass",
            1.5,
            "bus stop",
            0.0,
            "yeah right",
            -2.0,
            "kiss of death",
            -1.5,
            "to die for",
            3.0,
            "beating heart",
            3.1,
            "broken heart",
            -2.9);

    /** Above this many words the "but" rule uses an index instead of linear scans (same result). */
    private static final int BUT_LINEAR_MAX = 128;

    private static final class Holder {
        static final Vader INSTANCE = fromClasspath();
    }

    private final Map<String, Double> lexicon;
    /** Emoji lexicon entries that are a single code point (3.3.2 looks emoji up character by character). */
    private final Map<Integer, String> emojis;

    private final int minEmoji;

    Vader(String lexiconText, String emojiText) {
        this.lexicon = makeLexDict(lexiconText);
        this.emojis = makeEmojiDict(emojiText);
        int min = Integer.MAX_VALUE;
        for (int cp : emojis.keySet()) {
            min = Math.min(min, cp);
        }
        this.minEmoji = min;
    }

    /** Whether the lowercase word is one VADER knows: in its lexicon or one of its boosters and dampeners. */
    public boolean knows(String word) {
        return lexicon.containsKey(word) || BOOSTER_DICT.containsKey(word);
    }

    /** The analyser with the VADER 3.3.2 lexicons from the classpath, read once. */
    public static Vader load() {
        return Holder.INSTANCE;
    }

    private static Vader fromClasspath() {
        return new Vader(resource("vader_lexicon.txt"), resource("emoji_utf8_lexicon.txt"));
    }

    private static String resource(String name) {
        try (InputStream in = Vader.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("VADER resource missing from the classpath: " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read VADER resource " + RESOURCES + name, e);
        }
    }

    private static Map<String, Double> makeLexDict(String text) {
        Map<String, Double> lex = new HashMap<>(16_384);
        for (String line : rstripNewlines(text).split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = pyStrip(line).split("\t", -1);
            if (f.length < 2) {
                throw new IllegalStateException("malformed VADER lexicon line: " + line);
            }
            lex.put(f[0], Double.parseDouble(f[1]));
        }
        return lex;
    }

    private static Map<Integer, String> makeEmojiDict(String text) {
        Map<Integer, String> map = new HashMap<>(4_096);
        for (String line : rstripNewlines(text).split("\n", -1)) {
            String[] f = pyStrip(line).split("\t", -1);
            if (f.length < 2) {
                throw new IllegalStateException("malformed VADER emoji lexicon line: " + line);
            }
            String emoji = f[0];
            // keys of several code points can never equal one character of the text: leave them out
            if (!emoji.isEmpty() && emoji.codePointCount(0, emoji.length()) == 1) {
                map.put(emoji.codePointAt(0), f[1]);
            }
        }
        return map;
    }

    private static String rstripNewlines(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end);
    }

    private static Map<String, Double> boosters() {
        Map<String, Double> m = new HashMap<>();
        for (String w : new String[] {
            "absolutely",
            "amazingly",
            "awfully",
            "completely",
            "considerable",
            "considerably",
            "decidedly",
            "deeply",
            "effing",
            "enormous",
            "enormously",
            "entirely",
            "especially",
            "exceptional",
            "exceptionally",
            "extreme",
            "extremely",
            "fabulously",
            "flipping",
            "flippin",
            "frackin",
            "fracking",
            "fricking",
            "frickin",
            "frigging",
            "friggin",
            "fully",
            "fuckin",
            "fucking",
            "fuggin",
            "fugging",
            "greatly",
            "hella",
            "highly",
            "hugely",
            "incredible",
            "incredibly",
            "intensely",
            "major",
            "majorly",
            "more",
            "most",
            "particularly",
            "purely",
            "quite",
            "really",
            "remarkably",
            "so",
            "substantially",
            "thoroughly",
            "total",
            "totally",
            "tremendous",
            "tremendously",
            "uber",
            "unbelievably",
            "unusually",
            "utter",
            "utterly",
            "very"
        }) {
            m.put(w, B_INCR);
        }
        for (String w : new String[] {
            "almost",
            "barely",
            "hardly",
            "just enough",
            "kind of",
            "kinda",
            "kindof",
            "kind-of",
            "less",
            "little",
            "marginal",
            "marginally",
            "occasional",
            "occasionally",
            "partly",
            "scarce",
            "scarcely",
            "slight",
            "slightly",
            "somewhat",
            "sort of",
            "sorta",
            "sortof",
            "sort-of"
        }) {
            m.put(w, B_DECR);
        }
        return Map.copyOf(m);
    }

    /** The scores of {@code SentimentIntensityAnalyzer.polarity_scores(text)} of VADER 3.3.2. */
    public Scores polarity(String text) {
        Objects.requireNonNull(text, "text");
        // convert emojis to their textual descriptions
        String t = pyStrip(replaceEmoji(text));

        String[] words = wordsAndEmoticons(t);
        int n = words.length;
        String[] lower = new String[n];
        for (int i = 0; i < n; i++) {
            lower[i] = words[i].toLowerCase(Locale.ROOT);
        }
        boolean capDiff = allcapDifferential(words);

        double[] sentiments = new double[n];
        for (int i = 0; i < n; i++) {
            // vader_lexicon words that may be used as modifiers or negations
            if (BOOSTER_DICT.containsKey(lower[i])) {
                continue;
            }
            if (i < n - 1 && lower[i].equals("kind") && lower[i + 1].equals("of")) {
                continue;
            }
            sentiments[i] = sentimentValence(words, lower, i, capDiff);
        }
        butCheck(lower, sentiments);
        return scoreValence(sentiments, t);
    }

    private String replaceEmoji(String text) {
        StringBuilder sb = null;
        boolean prevSpace = true;
        int k = 0;
        while (k < text.length()) {
            int cp = text.codePointAt(k);
            int len = Character.charCount(cp);
            String description = cp >= minEmoji ? emojis.get(cp) : null;
            if (description != null) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 64).append(text, 0, k);
                }
                if (!prevSpace) {
                    sb.append(' ');
                }
                sb.append(description);
                prevSpace = false;
            } else {
                if (sb != null) {
                    sb.append(text, k, k + len);
                }
                prevSpace = cp == ' ';
            }
            k += len;
        }
        return sb == null ? text : sb.toString();
    }

    // ----- tokenisation (SentiText) -----

    /** {@code text.split()} then {@code _strip_punc_if_word} on every token. */
    static String[] wordsAndEmoticons(String text) {
        List<String> out = new ArrayList<>();
        int len = text.length();
        int k = 0;
        while (k < len) {
            while (k < len && isPyWhitespace(text.charAt(k))) {
                k++;
            }
            int start = k;
            while (k < len && !isPyWhitespace(text.charAt(k))) {
                k++;
            }
            if (k > start) {
                out.add(stripPuncIfWord(text.substring(start, k)));
            }
        }
        return out.toArray(new String[0]);
    }

    /**
     * Removes all leading and trailing punctuation ({@code string.punctuation}); if two or fewer characters are left
     * it was likely an emoticon, so the original token is kept.
     */
    static String stripPuncIfWord(String token) {
        int b = 0;
        int e = token.length();
        while (b < e && isPunctuation(token.charAt(b))) {
            b++;
        }
        while (e > b && isPunctuation(token.charAt(e - 1))) {
            e--;
        }
        if (token.codePointCount(b, e) <= 2) {
            return token;
        }
        return token.substring(b, e);
    }

    /** Python's {@code string.punctuation}. */
    private static boolean isPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }

    /** Python's {@code str.isspace()} for one character (what {@code str.split()} and {@code str.strip()} use). */
    static boolean isPyWhitespace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f');
        }
        return c == '\u0085'
                || c == '\u00a0'
                || c == '\u1680'
                || (c >= '\u2000' && c <= '\u200a')
                || c == '\u2028'
                || c == '\u2029'
                || c == '\u202f'
                || c == '\u205f'
                || c == '\u3000';
    }

    static String pyStrip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isPyWhitespace(s.charAt(b))) {
            b++;
        }
        while (e > b && isPyWhitespace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    /** Python's {@code str.isupper()}: at least one cased character and no lower- or title-case one. */
    static boolean isUpper(String s) {
        boolean cased = false;
        int k = 0;
        while (k < s.length()) {
            int cp = s.codePointAt(k);
            k += Character.charCount(cp);
            if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            if (!cased && Character.isUpperCase(cp)) {
                cased = true;
            }
        }
        return cased;
    }

    /** True if some but not all words are ALL CAPS. */
    private static boolean allcapDifferential(String[] words) {
        int allcap = 0;
        for (String w : words) {
            if (isUpper(w)) {
                allcap++;
            }
        }
        int capDifferential = words.length - allcap;
        return 0 < capDifferential && capDifferential < words.length;
    }

    // ----- rules -----

    private static boolean negated(String wordLower) {
        return NEGATE.contains(wordLower) || wordLower.contains("n't");
    }

    /** Booster/dampener effect of a preceding word. */
    private static double scalarIncDec(String word, String wordLower, double valence, boolean capDiff) {
        Double booster = BOOSTER_DICT.get(wordLower);
        if (booster == null) {
            return 0.0;
        }
        double scalar = booster;
        if (valence < 0) {
            scalar *= -1;
        }
        // booster/dampener word in ALLCAPS (while others aren't)
        if (isUpper(word) && capDiff) {
            if (valence > 0) {
                scalar += C_INCR;
            } else {
                scalar -= C_INCR;
            }
        }
        return scalar;
    }

    private double sentimentValence(String[] words, String[] lower, int i, boolean capDiff) {
        Double lex = lexicon.get(lower[i]);
        if (lex == null) {
            return 0.0;
        }
        int n = words.length;
        double valence = lex;
        // "no" as negation of an adjacent lexicon item vs "no" as its own stand-alone lexicon item
        if (lower[i].equals("no") && i != n - 1 && lexicon.containsKey(lower[i + 1])) {
            valence = 0.0;
        }
        if ((i > 0 && lower[i - 1].equals("no"))
                || (i > 1 && lower[i - 2].equals("no"))
                || (i > 2 && lower[i - 3].equals("no") && (lower[i - 1].equals("or") || lower[i - 1].equals("nor")))) {
            valence = lex * N_SCALAR;
        }
        // sentiment laden word in ALL CAPS (while others aren't)
        if (isUpper(words[i]) && capDiff) {
            if (valence > 0) {
                valence += C_INCR;
            } else {
                valence -= C_INCR;
            }
        }
        for (int startI = 0; startI < 3; startI++) {
            // dampen the scalar modifier of preceding words and emoticons based on their distance from the item
            int j = i - (startI + 1);
            if (i > startI && !lexicon.containsKey(lower[j])) {
                double s = scalarIncDec(words[j], lower[j], valence, capDiff);
                if (startI == 1 && s != 0) {
                    s = s * 0.95;
                }
                if (startI == 2 && s != 0) {
                    s = s * 0.9;
                }
                valence = valence + s;
                valence = negationCheck(valence, lower, startI, i);
                if (startI == 2) {
                    valence = specialIdiomsCheck(valence, lower, i);
                }
            }
        }
        return leastCheck(valence, lower, i);
    }

    private double leastCheck(double valence, String[] lower, int i) {
        // negation case using "least"
        if (i > 1 && !lexicon.containsKey(lower[i - 1]) && lower[i - 1].equals("least")) {
            if (!lower[i - 2].equals("at") && !lower[i - 2].equals("very")) {
                valence = valence * N_SCALAR;
            }
        } else if (i > 0 && !lexicon.containsKey(lower[i - 1]) && lower[i - 1].equals("least")) {
            valence = valence * N_SCALAR;
        }
        return valence;
    }

    private static double negationCheck(double valence, String[] lower, int startI, int i) {
        if (startI == 0) {
            if (negated(lower[i - 1])) { // 1 word preceding lexicon word (w/o stopwords)
                valence = valence * N_SCALAR;
            }
        }
        if (startI == 1) {
            if (lower[i - 2].equals("never") && (lower[i - 1].equals("so") || lower[i - 1].equals("this"))) {
                valence = valence * 1.25;
            } else if (lower[i - 2].equals("without") && lower[i - 1].equals("doubt")) {
                // valence unchanged
            } else if (negated(lower[i - 2])) { // 2 words preceding the lexicon word position
                valence = valence * N_SCALAR;
            }
        }
        if (startI == 2) {
            // 3.3.2 precedence: (never and (so or this)) or (so or this one word before)
            if ((lower[i - 3].equals("never") && (lower[i - 2].equals("so") || lower[i - 2].equals("this")))
                    || (lower[i - 1].equals("so") || lower[i - 1].equals("this"))) {
                valence = valence * 1.25;
            } else if (lower[i - 3].equals("without")
                    && (lower[i - 2].equals("doubt") || lower[i - 1].equals("doubt"))) {
                // valence unchanged
            } else if (negated(lower[i - 3])) { // 3 words preceding the lexicon word position
                valence = valence * N_SCALAR;
            }
        }
        return valence;
    }

    /** Only reached (as in 3.3.2) when the third word before the item exists and is not in the lexicon. */
    private static double specialIdiomsCheck(double valence, String[] lower, int i) {
        String onezero = lower[i - 1] + " " + lower[i];
        String twoonezero = lower[i - 2] + " " + lower[i - 1] + " " + lower[i];
        String twoone = lower[i - 2] + " " + lower[i - 1];
        String threetwoone = lower[i - 3] + " " + lower[i - 2] + " " + lower[i - 1];
        String threetwo = lower[i - 3] + " " + lower[i - 2];
        for (String seq : new String[] {onezero, twoonezero, twoone, threetwoone, threetwo}) {
            Double special = SPECIAL_CASES.get(seq);
            if (special != null) {
                valence = special;
                break;
            }
        }
        int n = lower.length;
        if (n - 1 > i) {
            Double special = SPECIAL_CASES.get(lower[i] + " " + lower[i + 1]);
            if (special != null) {
                valence = special;
            }
        }
        if (n - 1 > i + 1) {
            Double special = SPECIAL_CASES.get(lower[i] + " " + lower[i + 1] + " " + lower[i + 2]);
            if (special != null) {
                valence = special;
            }
        }
        // booster/dampener bi-grams such as 'sort of' or 'kind of'
        for (String nGram : new String[] {threetwoone, threetwo, twoone}) {
            Double booster = BOOSTER_DICT.get(nGram);
            if (booster != null) {
                valence = valence + booster;
            }
        }
        return valence;
    }

    /**
     * Contrastive conjunction "but": scores before the first "but" halved, after it multiplied by 1.5 - as 3.3.2 does
     * it, i.e. for each position in turn the first position holding an equal score is the one rewritten.
     */
    static void butCheck(String[] lower, double[] sentiments) {
        int bi = -1;
        for (int k = 0; k < lower.length; k++) {
            if (lower[k].equals("but")) {
                bi = k;
                break;
            }
        }
        if (bi < 0) {
            return;
        }
        if (sentiments.length <= BUT_LINEAR_MAX) {
            butCheckLinear(sentiments, bi);
        } else {
            butCheckIndexed(sentiments, bi);
        }
    }

    static void butCheckLinear(double[] s, int bi) {
        for (int k = 0; k < s.length; k++) {
            double v = s[k];
            int si = 0;
            while (s[si] != v) {
                si++;
            }
            if (si < bi) {
                s[si] = v * 0.5;
            } else if (si > bi) {
                s[si] = v * 1.5;
            }
        }
    }

    static void butCheckIndexed(double[] s, int bi) {
        Map<Double, TreeSet<Integer>> positions = new HashMap<>();
        for (int k = 0; k < s.length; k++) {
            positions.computeIfAbsent(key(s[k]), x -> new TreeSet<>()).add(k);
        }
        for (int k = 0; k < s.length; k++) {
            double v = s[k];
            Double key = key(v);
            TreeSet<Integer> at = positions.get(key);
            int si = at.first();
            if (si == bi) {
                continue;
            }
            double updated = si < bi ? v * 0.5 : v * 1.5;
            at.remove(si);
            if (at.isEmpty()) {
                positions.remove(key);
            }
            s[si] = updated;
            positions.computeIfAbsent(key(updated), x -> new TreeSet<>()).add(si);
        }
    }

    /** Map key with Python's equality of floats (0.0 == -0.0). */
    private static Double key(double v) {
        return v == 0.0 ? 0.0 : v;
    }

    // ----- scoring -----

    private static Scores scoreValence(double[] sentiments, String text) {
        if (sentiments.length == 0) {
            return new Scores(0.0, 0.0, 0.0, 0.0);
        }
        double sumS = 0.0;
        for (double s : sentiments) {
            sumS += s;
        }
        // emphasis from punctuation in the text
        double punctEmphAmplifier = punctuationEmphasis(text);
        if (sumS > 0) {
            sumS += punctEmphAmplifier;
        } else if (sumS < 0) {
            sumS -= punctEmphAmplifier;
        }
        double compound = normalize(sumS);

        // sift positive, negative and neutral sentiment scores
        double posSum = 0.0;
        double negSum = 0.0;
        int neuCount = 0;
        for (double s : sentiments) {
            if (s > 0) {
                posSum += s + 1; // compensates for neutral words that are counted as 1
            }
            if (s < 0) {
                negSum += s - 1; // when used with math.fabs(), compensates for neutrals
            }
            if (s == 0) {
                neuCount += 1;
            }
        }
        if (posSum > Math.abs(negSum)) {
            posSum += punctEmphAmplifier;
        } else if (posSum < Math.abs(negSum)) {
            negSum -= punctEmphAmplifier;
        }
        double total = posSum + Math.abs(negSum) + neuCount;
        double pos = Math.abs(posSum / total);
        double neg = Math.abs(negSum / total);
        double neu = Math.abs(neuCount / total);
        return new Scores(pyRound(neg, 3), pyRound(neu, 3), pyRound(pos, 3), pyRound(compound, 4));
    }

    private static double punctuationEmphasis(String text) {
        int ep = 0;
        int qm = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '!') {
                ep++;
            } else if (c == '?') {
                qm++;
            }
        }
        // exclamation points (up to 4 of them)
        double epAmplifier = Math.min(ep, 4) * 0.292;
        // question marks (2 or 3+)
        double qmAmplifier = 0;
        if (qm > 1) {
            qmAmplifier = qm <= 3 ? qm * 0.18 : 0.96;
        }
        return epAmplifier + qmAmplifier;
    }

    /** Normalises the score to [-1, 1] with alpha = 15, which approximates the max expected value. */
    static double normalize(double score) {
        double normScore = score / Math.sqrt(score * score + 15);
        if (normScore < -1.0) {
            return -1.0;
        }
        if (normScore > 1.0) {
            return 1.0;
        }
        return normScore;
    }

    /** Python's {@code round(x, digits)}: the exact binary value rounded half-even, correctly rounded back. */
    static double pyRound(double x, int digits) {
        if (x == 0.0 || !Double.isFinite(x)) {
            return x;
        }
        double r = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
        return r == 0.0 ? Math.copySign(0.0, x) : r;
    }
}
