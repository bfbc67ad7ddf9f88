package dev.attune.bench;

import dev.attune.personalization.internal.enrichment.Sentiment;
import dev.attune.personalization.internal.enrichment.Vader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.hipparchus.stat.correlation.PearsonsCorrelation;

/**
 * {@code bench/run sentiment [FOLDER]}: Attune's sentiment (VADER 3.3.2 in Java, behind language detection) on every
 * dataset in a folder laid out like ../shared/data/sentiment (the default):
 * <ul>
 *   <li>{@code vader/ground_truth/*_GroundTruth.txt} (id, mean human rating -4..4, text): Pearson r against the human
 *       means and the support-weighted 3-class precision, recall and F1 (classes at +-0.05 on the compound and on
 *       the mean / 4), beside VADER's published row of {@code vader/paper_tables/table4_vader_icwsm2014.csv};
 *   <li>{@code vader/reference_scores_vader_3.3.2/*.tsv}: item-by-item agreement with the Python reference (compound
 *       within 0.01), texts from the ground truth (by id) or the UCI file (by line);
 *   <li>{@code uci/*_labelled.txt} (sentence, 0/1): accuracy of positive = compound at or above 0.05;
 *   <li>for every corpus, the share of texts the language check lets through to scoring ({@code scored}: English or
 *       too short to tell); these corpora are English, so what is not scored is a miss.
 * </ul>
 */
final class SentimentEvaluation {
    private static final Map<String, String> PAPER_NAMES = Map.of(
            "tweets",
            "tweets",
            "movieReviewSnippets",
            "movie_reviews",
            "amazonReviewSnippets",
            "amazon_product_reviews",
            "nytEditorialSnippets",
            "nyt_editorials");

    private SentimentEvaluation() {}

    static int run(List<String> arguments) throws Exception {
        Path home = Path.of(System.getProperty("attune.home", "."));
        Path root =
                arguments.isEmpty() ? home.resolve("../shared/data/sentiment").normalize() : Path.of(arguments.get(0));
        if (!Files.isDirectory(root)) {
            System.err.println("no sentiment data at " + root);
            return 2;
        }
        Vader vader = Vader.load();
        Sentiment sentiment = Sentiment.load();
        Map<String, String> summary = new LinkedHashMap<>();
        Map<String, Map<String, String>> groundTruthTexts = new HashMap<>();

        Map<String, String[]> published = published(root.resolve("vader/paper_tables/table4_vader_icwsm2014.csv"));
        for (Path file : list(root.resolve("vader/ground_truth"), "_GroundTruth.txt")) {
            String corpus = file.getFileName().toString().replace("_GroundTruth.txt", "");
            List<double[]> rows = new ArrayList<>();
            Map<String, String> texts = new HashMap<>();
            int scored = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] p = line.replace("\r", "").split("\t", 3);
                if (p.length < 3) {
                    continue;
                }
                texts.put(p[0], p[2]);
                rows.add(new double[] {
                    Double.parseDouble(p[1]), vader.polarity(p[2]).compound()
                });
                scored += sentiment.analyze(p[2], null).label() != Sentiment.Label.UNKNOWN ? 1 : 0;
            }
            groundTruthTexts.put(corpus, texts);
            double[] human = rows.stream().mapToDouble(r -> r[0]).toArray();
            double[] tool = rows.stream().mapToDouble(r -> r[1]).toArray();
            double r = new PearsonsCorrelation().correlation(human, tool);
            double[] prf = threeClass(human, tool);
            String[] paper = published.get(PAPER_NAMES.getOrDefault(corpus, corpus));
            System.out.printf(
                    Locale.ROOT,
                    "· %-22s n=%5d  r=%.3f  P=%.3f R=%.3f F1=%.3f  scored=%.4f   published VADER (2014): %s%n",
                    corpus,
                    rows.size(),
                    r,
                    prf[0],
                    prf[1],
                    prf[2],
                    scored / (double) rows.size(),
                    paper == null ? "-" : "r=" + paper[3] + " P=" + paper[4] + " R=" + paper[5] + " F1=" + paper[6]);
            String key = shortName(corpus);
            summary.put("r_" + key, String.format(Locale.ROOT, "%.3f", r));
            summary.put("f1_" + key, String.format(Locale.ROOT, "%.3f", prf[2]));
            summary.put("scored_" + key, String.format(Locale.ROOT, "%.4f", scored / (double) rows.size()));
        }

        Map<String, List<String>> uciTexts = new HashMap<>();
        for (Path file : list(root.resolve("uci"), "_labelled.txt")) {
            String corpus = file.getFileName().toString().replace("_labelled.txt", "");
            List<String> texts = new ArrayList<>();
            int correct = 0;
            int scored = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] p = line.replace("\r", "").split("\t");
                if (p.length < 2) {
                    continue;
                }
                texts.add(p[0]);
                boolean positive = vader.polarity(p[0]).compound() >= 0.05;
                correct += positive == p[1].strip().equals("1") ? 1 : 0;
                scored += sentiment.analyze(p[0], null).label() != Sentiment.Label.UNKNOWN ? 1 : 0;
            }
            uciTexts.put(corpus + "_labelled", texts);
            System.out.printf(
                    Locale.ROOT,
                    "· %-22s n=%5d  accuracy=%.3f  scored=%.4f%n",
                    corpus,
                    texts.size(),
                    correct / (double) texts.size(),
                    scored / (double) texts.size());
            summary.put("acc_" + corpus, String.format(Locale.ROOT, "%.3f", correct / (double) texts.size()));
            summary.put("scored_" + corpus, String.format(Locale.ROOT, "%.4f", scored / (double) texts.size()));
        }

        long agreeing = 0;
        long compared = 0;
        Path references = root.resolve("vader/reference_scores_vader_3.3.2");
        for (Path file : list(references, ".tsv")) {
            String corpus = file.getFileName().toString().replaceFirst("_vader332_scores\\.tsv$", "");
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split("\t");
            int compoundColumn = List.of(header).indexOf("compound");
            long within = 0;
            long n = 0;
            for (String line : lines.subList(1, lines.size())) {
                String[] p = line.split("\t");
                String text = groundTruthTexts.containsKey(corpus)
                        ? groundTruthTexts.get(corpus).get(p[0])
                        : uciTexts.containsKey(corpus) ? uciTexts.get(corpus).get(Integer.parseInt(p[0]) - 1) : null;
                if (text == null) {
                    continue;
                }
                n++;
                within += Math.abs(vader.polarity(text).compound() - Double.parseDouble(p[compoundColumn])) <= 0.01
                        ? 1
                        : 0;
            }
            System.out.printf(
                    Locale.ROOT,
                    "· %-22s reference compound within 0.01: %d of %d (%.4f)%n",
                    corpus,
                    within,
                    n,
                    n == 0 ? 0 : within / (double) n);
            agreeing += within;
            compared += n;
        }
        if (compared == 0 && summary.isEmpty()) {
            System.err.println("no dataset found under " + root);
            return 2;
        }
        StringBuilder line = new StringBuilder("sentiment: agreement=")
                .append(compared == 0 ? "n/a" : String.format(Locale.ROOT, "%.4f", agreeing / (double) compared));
        summary.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        return 0;
    }

    private static String shortName(String corpus) {
        return switch (corpus) {
            case "amazonReviewSnippets" -> "amazon";
            case "movieReviewSnippets" -> "movies";
            case "nytEditorialSnippets" -> "nyt";
            default -> corpus;
        };
    }

    /** Support-weighted precision, recall and F1 over positive / neutral / negative (human: mean / 4 at +-0.05). */
    static double[] threeClass(double[] human, double[] tool) {
        int[][] confusion = new int[3][3];
        for (int i = 0; i < human.length; i++) {
            confusion[cls(human[i] / 4)][cls(tool[i])]++;
        }
        double p = 0;
        double r = 0;
        double f = 0;
        int total = human.length;
        for (int c = 0; c < 3; c++) {
            int support = confusion[c][0] + confusion[c][1] + confusion[c][2];
            int predicted = confusion[0][c] + confusion[1][c] + confusion[2][c];
            double precision = predicted == 0 ? 0 : confusion[c][c] / (double) predicted;
            double recall = support == 0 ? 0 : confusion[c][c] / (double) support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            p += precision * support / total;
            r += recall * support / total;
            f += f1 * support / total;
        }
        return new double[] {p, r, f};
    }

    private static int cls(double score) {
        return score >= 0.05 ? 0 : score <= -0.05 ? 2 : 1;
    }

    private static Map<String, String[]> published(Path csv) throws Exception {
        Map<String, String[]> rows = new HashMap<>();
        if (Files.exists(csv)) {
            for (String line : Files.readAllLines(csv)) {
                String[] p = line.split(",");
                if (p.length >= 7 && p[2].equals("VADER")) {
                    rows.put(p[0], p);
                }
            }
        }
        return rows;
    }

    private static List<Path> list(Path dir, String suffix) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }
}
