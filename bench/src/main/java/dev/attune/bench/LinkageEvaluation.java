package dev.attune.bench;

import dev.attune.identity.internal.linkage.BlockingKey;
import dev.attune.identity.internal.linkage.BlockingKey.Part;
import dev.attune.identity.internal.linkage.CandidatePairs;
import dev.attune.identity.internal.linkage.Classification;
import dev.attune.identity.internal.linkage.Comparison;
import dev.attune.identity.internal.linkage.FieldScore;
import dev.attune.identity.internal.linkage.LinkRecord;
import dev.attune.identity.internal.linkage.LinkageConfig;
import dev.attune.identity.internal.linkage.LinkageModel;
import dev.attune.identity.internal.linkage.Linker;
import dev.attune.identity.internal.linkage.ScoredPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bench/run linkage [FOLDER]}: the record linkage engine (Fellegi-Sunter fitted by EM, no labels) deduplicating
 * every Febrl dataset of a folder laid out like ../shared/data/linkage (the default): each {@code febrl_dataset*.csv}
 * with a {@code *_true_links.csv}. Beside it, in the same run, the reference pipeline of that folder's PROVENANCE.txt
 * (the Python Record Linkage Toolkit's deduplication guide: blocking on the exact given name, six 0/1 comparisons,
 * match when more than three agree) and that file's published figures. The labels only score; one fixed configuration
 * ({@link #FEBRL}) serves every dataset. Two-source files (dataset4a/4b) are skipped: the engine deduplicates. Columns:
 * candidate pairs, true links among them (the recall blocking leaves), EM iterations ("+" when stopped at the cap),
 * estimated share of matches among candidates, pairs classified match and review, TP/FP/FN of the matches against the
 * true links, precision, recall, F1, and seconds for blocking, comparing, fitting and scoring.
 */
final class LinkageEvaluation {
    /**
     * Attune's person-contact configuration with Febrl's columns mapped onto it (address_1 is the street line, suburb
     * the city) plus comparisons and a blocking key for the three columns a contact record does not have.
     */
    static final LinkageConfig FEBRL = LinkageConfig.personContact()
            .plus(
                    List.of(
                            Comparison.numeric("street_number"),
                            Comparison.levenshtein("address_2", 0.85, 0.70),
                            Comparison.numeric("soc_sec_id")),
                    List.of(BlockingKey.of("soc_sec_id", Part.value("soc_sec_id"))));
    /** The reference pipeline's blocking and comparisons; a pair matches when more than 3 of the 6 agree. */
    static final LinkageConfig REFERENCE = new LinkageConfig(
            List.of(
                    Comparison.exact(LinkageConfig.GIVEN_NAME), Comparison.jaroWinkler(LinkageConfig.SURNAME, 0.85),
                    Comparison.exact(LinkageConfig.DATE_OF_BIRTH), Comparison.exact(LinkageConfig.CITY),
                    Comparison.exact(LinkageConfig.STATE), Comparison.levenshtein(LinkageConfig.STREET, 0.85)),
            List.of(BlockingKey.of("given_name", Part.value(LinkageConfig.GIVEN_NAME))),
            0.95,
            0.5,
            Integer.MAX_VALUE);
    /** Febrl column to field, the mapping onto the contact fields. */
    private static final Map<String, String> COLUMNS = Map.of(
            "given_name",
            LinkageConfig.GIVEN_NAME,
            "surname",
            LinkageConfig.SURNAME,
            "date_of_birth",
            LinkageConfig.DATE_OF_BIRTH,
            "address_1",
            LinkageConfig.STREET,
            "postcode",
            LinkageConfig.POSTCODE,
            "suburb",
            LinkageConfig.CITY,
            "state",
            LinkageConfig.STATE);
    /** PROVENANCE.txt's reference figures (its re-run of the published pipeline against the true links). */
    private static final Map<String, String> PUBLISHED = Map.of(
            "febrl1", "317 matches, precision 1.000, recall 0.634, F1 0.776",
            "febrl2", "1,153 matches, precision 1.000, recall 0.596, F1 0.747",
            "febrl3", "3,483 matches, precision 1.000, recall 0.533, F1 0.695");

    private LinkageEvaluation() {}

    /** One row of the table, and what to print below it. */
    private record Row(
            String method,
            int candidates,
            int inBlocks,
            String iterations,
            String lambda,
            int matches,
            int review,
            int truePositives,
            int trueLinks,
            double seconds,
            List<String> notes) {
        double precision() {
            return matches == 0 ? 0 : truePositives / (double) matches;
        }

        double recall() {
            return truePositives / (double) trueLinks;
        }

        double f1() {
            return f1(precision(), recall());
        }

        static double f1(double precision, double recall) {
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
    }

    static int run(List<String> arguments) throws IOException {
        Path home = Path.of(System.getProperty("attune.home", "."));
        Path root =
                arguments.isEmpty() ? home.resolve("../shared/data/linkage").normalize() : Path.of(arguments.get(0));
        List<Path> datasets = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.list(root)) {
                files.filter(f -> f.getFileName().toString().matches("febrl_dataset\\w+\\.csv")
                                && !f.getFileName().toString().endsWith("_true_links.csv"))
                        .sorted()
                        .forEach(datasets::add);
            }
        }
        Map<String, String> summary = new LinkedHashMap<>();
        int truePositives = 0;
        int matches = 0;
        int trueLinks = 0;
        for (Path dataset : datasets) {
            String stem = dataset.getFileName().toString().replace(".csv", "");
            Path links = dataset.resolveSibling(stem + "_true_links.csv");
            String name = stem.replace("febrl_dataset", "febrl");
            if (!Files.exists(links)) {
                System.out.println("skipped " + dataset.getFileName() + ": no " + links.getFileName()
                        + (name.matches("febrl\\d+[ab]")
                                ? " (one side of a two-source linkage; only deduplication is evaluated)"
                                : ""));
                continue;
            }
            List<LinkRecord> records = read(dataset);
            Set<String> truth = readLinks(links);
            System.out.printf(Locale.ROOT, "%n%s: %d records, %d true links%n", name, records.size(), truth.size());
            Row model = fellegiSunter(records, truth);
            Row reference = reference(name, records, truth);
            System.out.printf(
                    Locale.ROOT,
                    "%-16s %10s %9s %4s %6s %7s %6s %5s %4s %4s %6s %6s %6s %5s%n",
                    "method",
                    "candidates",
                    "in blocks",
                    "EM",
                    "lambda",
                    "matches",
                    "review",
                    "TP",
                    "FP",
                    "FN",
                    "P",
                    "R",
                    "F1",
                    "s");
            for (Row row : List.of(model, reference)) {
                System.out.printf(
                        Locale.ROOT,
                        "%-16s %10d %9d %4s %6s %7d %6s %5d %4d %4d %6.3f %6.3f %6.3f %5.2f%n",
                        row.method(),
                        row.candidates(),
                        row.inBlocks(),
                        row.iterations(),
                        row.lambda(),
                        row.matches(),
                        row.review() < 0 ? "-" : String.valueOf(row.review()),
                        row.truePositives(),
                        row.matches() - row.truePositives(),
                        row.trueLinks() - row.truePositives(),
                        row.precision(),
                        row.recall(),
                        row.f1(),
                        row.seconds());
            }
            System.out.printf("%-16s %s%n", "reference (pub.)", PUBLISHED.getOrDefault(name, "none recorded"));
            model.notes().forEach(System.out::println);
            reference.notes().forEach(System.out::println);
            truePositives += model.truePositives();
            matches += model.matches();
            trueLinks += model.trueLinks();
            summary.put("f1_" + name, String.format(Locale.ROOT, "%.3f", model.f1()));
            summary.put("precision_" + name, String.format(Locale.ROOT, "%.3f", model.precision()));
            summary.put("recall_" + name, String.format(Locale.ROOT, "%.3f", model.recall()));
            summary.put("reference_f1_" + name, String.format(Locale.ROOT, "%.3f", reference.f1()));
            summary.put("seconds_" + name, String.format(Locale.ROOT, "%.2f", model.seconds()));
        }
        if (summary.isEmpty()) {
            System.out.println("skipped: no Febrl dataset with true links at "
                    + root.toAbsolutePath().normalize());
            System.out.println("linkage: skipped=no-data");
            return 0;
        }
        double precision = matches == 0 ? 0 : truePositives / (double) matches;
        double recall = truePositives / (double) trueLinks;
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "linkage: precision=%.3f recall=%.3f f1=%.3f",
                precision,
                recall,
                Row.f1(precision, recall)));
        summary.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        return 0;
    }

    /** The engine: blocking, EM fit and scoring, timed together; matches are the pairs classified MATCH. */
    private static Row fellegiSunter(List<LinkRecord> records, Set<String> truth) {
        long start = System.nanoTime();
        CandidatePairs pairs = Linker.compare(records, FEBRL);
        LinkageModel model = Linker.fit(pairs);
        List<ScoredPair> scored = Linker.score(pairs, model);
        double seconds = (System.nanoTime() - start) / 1e9;
        int matches = 0;
        int review = 0;
        int truePositives = 0;
        for (ScoredPair pair : scored) {
            if (pair.classification() == Classification.MATCH) {
                matches++;
                truePositives += truth.contains(key(pair.left(), pair.right())) ? 1 : 0;
            } else {
                review++;
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("fellegi-sunter blocking, pairs per key before the union: "
                + String.join(
                        ", ",
                        pairs.pairsPerKey().entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .toList())
                + "; blocks skipped as too large: "
                + pairs.skippedBlocks());
        notes.addAll(weights(records, model));
        scored.stream()
                .filter(p -> p.classification() == Classification.MATCH)
                .reduce((first, second) -> second)
                .ifPresent(p -> notes.add(explained("weakest match", p, model, truth)));
        scored.stream()
                .filter(p -> p.classification() == Classification.REVIEW)
                .findFirst()
                .ifPresent(p -> notes.add(explained("strongest review", p, model, truth)));
        return new Row(
                "fellegi-sunter",
                pairs.size(),
                inBlocks(pairs, truth),
                model.iterations() + (model.converged() ? "" : "+"),
                String.format(Locale.ROOT, "%.4f", model.lambda()),
                matches,
                review,
                truePositives,
                truth.size(),
                seconds,
                notes);
    }

    /** The reference pipeline: a pair matches when more than 3 of its 6 comparisons agree (a missing value disagrees). */
    private static Row reference(String name, List<LinkRecord> records, Set<String> truth) {
        long start = System.nanoTime();
        CandidatePairs pairs = Linker.compare(records, REFERENCE);
        int matches = 0;
        int truePositives = 0;
        int[] histogram = new int[REFERENCE.comparisons().size() + 1];
        for (int p = 0; p < pairs.size(); p++) {
            int agreeing = 0;
            for (int c = 0; c < REFERENCE.comparisons().size(); c++) {
                agreeing +=
                        pairs.level(p, c) > 0 ? 1 : 0; // level 0 is "different", above it "exact" or "at least 0.85"
            }
            histogram[agreeing]++;
            if (agreeing > 3) {
                matches++;
                truePositives += truth.contains(key(pairs.left(p), pairs.right(p))) ? 1 : 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder line = new StringBuilder("reference rule, pairs by comparisons agreeing:");
        for (int agreeing = histogram.length - 1; agreeing >= 0; agreeing--) {
            line.append(histogram[agreeing] > 0 ? " " + agreeing + ":" + histogram[agreeing] : "");
        }
        line.append(name.equals("febrl1") ? "; published 6:142 5:145 4:30 3:9 2:376 1:1380" : "");
        return new Row(
                "reference rule",
                pairs.size(),
                inBlocks(pairs, truth),
                "-",
                "-",
                matches,
                -1,
                truePositives,
                truth.size(),
                seconds,
                List.of(line.toString()));
    }

    /** The fitted weight of every level, comparison by comparison (those of fields the data has), as lines. */
    private static List<String> weights(List<LinkRecord> records, LinkageModel model) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT, "fellegi-sunter weights, log2(m/u) bits per level (prior %+.1f):", model.priorWeight()));
        List<Comparison> comparisons = model.config().comparisons();
        for (int c = 0; c < comparisons.size(); c++) {
            Comparison comparison = comparisons.get(c);
            if (records.stream().noneMatch(r -> r.value(comparison.field()) != null)) {
                continue;
            }
            List<String> levels = new ArrayList<>();
            for (int level = 0; level < comparison.levels(); level++) {
                levels.add(String.format(Locale.ROOT, "%s %+.1f", comparison.label(level), model.weight(c, level)));
            }
            lines.add(String.format("  %-14s %s", comparison.field(), String.join(", ", levels)));
        }
        return lines;
    }

    /** A pair with its reasons, as a review screen would show it. */
    private static String explained(String what, ScoredPair pair, LinkageModel model, Set<String> truth) {
        return String.format(
                Locale.ROOT,
                "fellegi-sunter %s: %s ~ %s, weight %+.1f, p=%.3f (%s): %s",
                what,
                pair.left().id(),
                pair.right().id(),
                pair.weight(),
                pair.probability(),
                truth.contains(key(pair.left(), pair.right())) ? "a true link" : "not a true link",
                String.join(
                        ", ",
                        model.explain(pair.left(), pair.right()).stream()
                                .filter(f -> f.level() != Comparison.MISSING)
                                .map(FieldScore::toString)
                                .toList()));
    }

    /** True links among the candidate pairs: the recall blocking leaves possible. */
    private static int inBlocks(CandidatePairs pairs, Set<String> truth) {
        int found = 0;
        for (int p = 0; p < pairs.size(); p++) {
            found += truth.contains(key(pairs.left(p), pairs.right(p))) ? 1 : 0;
        }
        return found;
    }

    private static String key(LinkRecord a, LinkRecord b) {
        return a.id().compareTo(b.id()) < 0 ? a.id() + "," + b.id() : b.id() + "," + a.id();
    }

    /** A Febrl file: comma-separated with a space after each comma, a header, empty fields missing. */
    private static List<LinkRecord> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",");
        List<LinkRecord> records = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            Map<String, String> fields = new HashMap<>();
            for (int i = 1; i < header.length; i++) {
                String column = header[i].strip();
                fields.put(COLUMNS.getOrDefault(column, column), values[i]);
            }
            records.add(new LinkRecord(values[0].strip(), fields));
        }
        return records;
    }

    /** The true links, as "id1,id2" with id1 < id2. */
    private static Set<String> readLinks(Path file) throws IOException {
        Set<String> links = new HashSet<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] ids = line.split(",");
            links.add(
                    ids[0].strip().compareTo(ids[1].strip()) < 0
                            ? ids[0].strip() + "," + ids[1].strip()
                            : ids[1].strip() + "," + ids[0].strip());
        }
        return links;
    }
}
