package dev.attune.personalization.internal.enrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The VADER port against the README examples of vaderSentiment and, when ../shared/data/sentiment is beside the
 * repository, against the per-item scores of the Python reference implementation 3.3.2 (see its PROVENANCE.txt).
 */
class VaderTest {
    static final Path DATA = Path.of("../../shared/data/sentiment");
    static final Path REFERENCE = DATA.resolve("vader/reference_scores_vader_3.3.2");

    final Vader vader = Vader.load();

    static Stream<Arguments> readmeExamples() {
        return Stream.of(
                Arguments.of("VADER is smart, handsome, and funny.", 0.8316),
                Arguments.of("VADER is smart, handsome, and funny!", 0.8439),
                Arguments.of("VADER is very smart, handsome, and funny.", 0.8545),
                Arguments.of("VADER is VERY SMART, handsome, and FUNNY.", 0.9227),
                Arguments.of("VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342),
                Arguments.of("VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469),
                Arguments.of("VADER is not smart, handsome, nor funny.", -0.7424),
                Arguments.of("The book was good.", 0.4404),
                Arguments.of("At least it isn't a horrible book.", 0.431),
                Arguments.of("The book was only kind of good.", 0.3832),
                Arguments.of(
                        "The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042),
                Arguments.of("Today SUX!", -0.5461),
                Arguments.of("Today only kinda sux! But I'll get by, lol", 0.5249),
                Arguments.of("Make sure you :) or :D today!", 0.8633),
                Arguments.of("Catch utf-8 emoji such as such as 💘 and 💋 and 😁", 0.875),
                Arguments.of("Not bad at all", 0.431));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("readmeExamples")
    void readme_examples_have_their_published_compound_score(String text, double compound) {
        Vader.Scores scores = vader.polarity(text);
        assertThat(scores.compound()).isEqualTo(compound);
        assertThat(scores.negative() + scores.neutral() + scores.positive()).isCloseTo(1.0, within(0.002));
    }

    @Test
    void text_without_words_is_all_zero() {
        assertThat(vader.polarity("")).isEqualTo(new Vader.Scores(0.0, 0.0, 0.0, 0.0));
        assertThat(vader.polarity(" \t\r\n\u00a0\u3000")).isEqualTo(new Vader.Scores(0.0, 0.0, 0.0, 0.0));
    }

    @Test
    void load_reads_the_lexicons_once() {
        assertThat(Vader.load()).isSameAs(vader);
    }

    @Test
    void tokens_lose_leading_and_trailing_punctuation_unless_two_or_fewer_characters_remain() {
        assertThat(Vader.wordsAndEmoticons(" \"Good!!!\"  :)\t(:-D) x.y ' it's\u00a0--ok--"))
                .containsExactly("Good", ":)", "(:-D)", "x.y", "'", "it's", "--ok--");
    }

    @Test
    void rounding_is_pythons_round_on_the_binary_value() {
        assertThat(Vader.pyRound(0.1235, 3)).isEqualTo(0.123); // 0.1235 is 0.12349999... in binary
        assertThat(Vader.pyRound(0.125, 2)).isEqualTo(0.12); // exact tie: half to even
        assertThat(Vader.pyRound(0.375, 2)).isEqualTo(0.38);
        assertThat(Math.copySign(1.0, Vader.pyRound(-0.00004, 4))).isEqualTo(-1.0); // -0.0 as in Python
    }

    @TestFactory
    Stream<DynamicTest> scores_match_the_python_reference_implementation() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DATA), "no sentiment data at " + DATA.toAbsolutePath());
        List<Path> tsvs;
        try (Stream<Path> files = Files.list(REFERENCE)) {
            tsvs = files.filter(p -> p.getFileName().toString().endsWith(".tsv"))
                    .sorted()
                    .toList();
        }
        assertThat(tsvs).isNotEmpty();
        return tsvs.stream()
                .map(tsv -> DynamicTest.dynamicTest(tsv.getFileName().toString(), () -> checkParity(tsv)));
    }

    /** A reference row: the text and the reference scores (neg, neu, pos when the file has them; compound last). */
    record Item(String id, String text, double[] reference) {
        double compound() {
            return reference[reference.length - 1];
        }
    }

    void checkParity(Path tsv) throws IOException {
        List<Item> items = referenceItems(tsv);
        int within1e4 = 0;
        int within1e2 = 0;
        int withProportions = 0;
        int proportionsWithin1e3 = 0;
        List<String> mismatches = new ArrayList<>();
        for (Item item : items) {
            Vader.Scores s = vader.polarity(item.text());
            double delta = Math.abs(s.compound() - item.compound());
            if (delta <= 1e-4 + 1e-9) {
                within1e4++;
            }
            if (delta <= 0.01 + 1e-9) {
                within1e2++;
            }
            if (item.reference().length == 4) {
                withProportions++;
                double[] r = item.reference();
                if (Math.abs(s.negative() - r[0]) <= 1e-3 + 1e-9
                        && Math.abs(s.neutral() - r[1]) <= 1e-3 + 1e-9
                        && Math.abs(s.positive() - r[2]) <= 1e-3 + 1e-9) {
                    proportionsWithin1e3++;
                }
            }
            if (delta > 1e-4 + 1e-9) {
                mismatches.add(String.format(
                        "%.4f  id %s: java %s, python %.4f | %s", delta, item.id(), s, item.compound(), item.text()));
            }
        }
        double share1e4 = within1e4 / (double) items.size();
        double share1e2 = within1e2 / (double) items.size();
        System.out.printf(
                "VADER parity %s: %d items, compound within 1e-4 %.4f, within 0.01 %.4f%s%n",
                tsv.getFileName(),
                items.size(),
                share1e4,
                share1e2,
                withProportions == 0
                        ? ""
                        : String.format(
                                ", neg/neu/pos within 1e-3 %.4f", proportionsWithin1e3 / (double) withProportions));
        mismatches.stream().sorted(Comparator.reverseOrder()).limit(5).forEach(m -> System.out.println("  " + m));

        assertThat(items).isNotEmpty();
        assertThat(share1e2)
                .as("share of compound scores within 0.01 of the reference")
                .isGreaterThanOrEqualTo(0.99);
        assertThat(share1e4)
                .as("share of compound scores within 1e-4 of the reference")
                .isGreaterThanOrEqualTo(0.999);
        if (withProportions > 0) {
            assertThat(proportionsWithin1e3 / (double) withProportions)
                    .as("share of neg/neu/pos within 1e-3 of the reference")
                    .isGreaterThanOrEqualTo(0.999);
        }
    }

    /**
     * Rows of a reference TSV with their input texts: {@code id gt_mean neg neu pos compound} rows refer by id to
     * vader/ground_truth/{stem}_GroundTruth.txt (text = everything after the 2nd tab), {@code line_no label compound}
     * rows to line numbers of uci/{stem}.txt (text = everything before the tab).
     */
    static List<Item> referenceItems(Path tsv) throws IOException {
        String stem = tsv.getFileName().toString().replaceFirst("_vader332_scores\\.tsv$", "");
        List<String> rows = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        String header = rows.get(0);
        List<Item> items = new ArrayList<>();
        if (header.startsWith("id\t")) {
            Path source = DATA.resolve("vader/ground_truth/" + stem + "_GroundTruth.txt");
            Assumptions.assumeTrue(Files.isRegularFile(source), "no texts at " + source);
            Map<String, String> texts = new HashMap<>();
            for (String line : lines(source)) {
                String[] f = line.split("\t", 3);
                if (f.length == 3) {
                    texts.put(f[0], f[2]);
                }
            }
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split("\t");
                String text = texts.get(f[0]);
                assertThat(text).as("text of id %s in %s", f[0], source).isNotNull();
                items.add(new Item(f[0], text, new double[] {
                    Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]),
                    Double.parseDouble(f[5])
                }));
            }
        } else {
            assertThat(header).startsWith("line_no\t");
            Path source = DATA.resolve("uci/" + stem + ".txt");
            Assumptions.assumeTrue(Files.isRegularFile(source), "no texts at " + source);
            String[] lines = Files.readString(source, StandardCharsets.UTF_8).split("\r\n|\r|\n");
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.split("\t");
                String line = lines[Integer.parseInt(f[0]) - 1];
                items.add(new Item(f[0], line.substring(0, line.lastIndexOf('\t')), new double[] {
                    Double.parseDouble(f[f.length - 1])
                }));
            }
        }
        return items;
    }

    /** The non-empty lines of a UTF-8 file, split on CR/LF. */
    static List<String> lines(Path file) throws IOException {
        return Stream.of(Files.readString(file, StandardCharsets.UTF_8).split("\r\n|\r|\n"))
                .filter(l -> !l.isEmpty())
                .toList();
    }
}
