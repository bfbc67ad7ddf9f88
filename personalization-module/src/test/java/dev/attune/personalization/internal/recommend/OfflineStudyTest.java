package dev.attune.personalization.internal.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline study on a tiny MovieLens-like folder: 48 people in 3 taste groups, each group with its own 8 films
 * (a person rated 6 of their group's films, in one sitting, and now and then one film of another group), so the
 * co-occurrence strategies have something clear to find.
 */
class OfflineStudyTest {
    private static final int GROUPS = 3;
    private static final int FILMS_PER_GROUP = 8;
    private static final List<String> STRATEGIES = List.of(
            "most-popular",
            "trending",
            "content",
            "item-knn",
            "rp3beta",
            "ials",
            "spectral",
            "ease",
            "dlae",
            "session-dlae",
            "hybrid",
            "session-hybrid");

    @TempDir
    Path root;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // never leave the flag to the next test on this thread
    }

    @Test
    void runsEveryStrategyAndTheHybridDeterministically() throws IOException {
        Path dataset = writeDataset(root.resolve("ml-tiny"));
        List<String> progress = new ArrayList<>();

        OfflineStudy.Result result = OfflineStudy.run(dataset, 2020, true, progress::add);

        assertThat(result.dataset()).isEqualTo("ml-tiny");
        assertThat(result.seed()).isEqualTo(2020);
        assertThat(result.rows()).extracting(OfflineStudy.Row::strategy).containsExactlyElementsOf(STRATEGIES);
        assertThat(result.counts().users()).isEqualTo(48);
        assertThat(result.counts().items()).isEqualTo(GROUPS * FILMS_PER_GROUP);
        assertThat(result.counts().train()
                        + result.counts().valid()
                        + result.counts().test())
                .isEqualTo(result.counts().interactions());
        assertThat(result.took()).isPositive();
        for (OfflineStudy.Row row : result.rows()) {
            assertThat(row.params()).as(row.strategy()).isNotBlank().doesNotStartWith("Params[");
            assertThat(row.test().users()).as(row.strategy()).isEqualTo(48); // every person has a test film
            assertThat(row.validNdcg()).as(row.strategy()).isBetween(0.0, 1.0);
            assertThat(row.fitMillis()).as(row.strategy()).isNotNegative();
        }
        // best is chosen on valid
        double bestValid = result.rows().stream()
                .mapToDouble(OfflineStudy.Row::validNdcg)
                .max()
                .orElseThrow();
        assertThat(STRATEGIES).contains(result.best());
        assertThat(result.bestRow().validNdcg()).isEqualTo(bestValid);
        // the groups are easy to find: co-occurrence beats popularity by far on test
        assertThat(result.row("ease").orElseThrow().test().ndcg())
                .isGreaterThan(result.row("most-popular").orElseThrow().test().ndcg() + 0.2);
        assertThat(result.row("hybrid").orElseThrow().params())
                .contains("·")
                .as("the hybrid needs no event times")
                .doesNotContain("session-");
        // the session hybrid also starts from the hybrid's weights: never worse on valid
        assertThat(result.row("session-hybrid").orElseThrow().validNdcg())
                .isGreaterThanOrEqualTo(result.row("hybrid").orElseThrow().validNdcg());

        assertThat(progress)
                .contains(
                        "ease: 1/2 configurations",
                        "ease: 2/2 configurations",
                        "most-popular: 1/1 configurations",
                        "session-dlae: 1/1 configurations",
                        "spectral: 1/1 configurations",
                        "hybrid: blending 7 tuned strategies",
                        "session-hybrid: blending 8 tuned strategies");
        assertThat(progress.get(0)).startsWith("ml-tiny: 48 users, 24 items");
        assertThat(progress.get(progress.size() - 1)).startsWith("done: best on valid " + result.best());

        OfflineStudy.Result again = OfflineStudy.run(dataset, 2020, true, null);
        assertThat(again.best()).isEqualTo(result.best());
        assertThat(withoutTimes(again)).isEqualTo(withoutTimes(result));

        OfflineStudy.Result otherSeed = OfflineStudy.run(dataset, 2021, true, null);
        assertThat(withoutTimes(otherSeed)).isNotEqualTo(withoutTimes(result));
    }

    @Test
    void withoutUItemThereIsNoContentRow() throws IOException {
        Path dataset = writeDataset(root.resolve("no-items"));
        Files.delete(dataset.resolve("u.item"));

        OfflineStudy.Result result = OfflineStudy.run(dataset, 7, true, null);

        assertThat(result.rows())
                .extracting(OfflineStudy.Row::strategy)
                .containsExactlyElementsOf(
                        STRATEGIES.stream().filter(s -> !s.equals("content")).toList());
    }

    @Test
    void findsDatasetFolders() throws IOException {
        Path tiny = writeDataset(root.resolve("ml-tiny"));
        Path other = writeDataset(root.resolve("a-other"));
        Files.createDirectories(root.resolve("baselines"));
        Files.createDirectories(root.resolve("empty"));

        assertThat(OfflineStudy.datasets(root)).containsExactly(other, tiny);
        assertThat(OfflineStudy.datasets(tiny)).containsExactly(tiny);
        assertThat(OfflineStudy.datasets(root.resolve("empty"))).isEmpty();
        assertThat(OfflineStudy.datasets(root.resolve("missing"))).isEmpty();
    }

    @Test
    void readsThePublishedBprRowsForMl100kOnly() throws IOException {
        Files.createDirectories(root.resolve("baselines"));
        Files.writeString(root.resolve(OfflineStudy.PUBLISHED_CSV), """
                source,model,recall@10,mrr@10,ndcg@10,hit@10,precision@10
                RecBole README.md test result,BPR,0.2368,0.4519,0.2768,0.7614,0.1901
                Somewhere else test result,NeuMF,0.1,0.2,0.3,0.4,0.5
                """, StandardCharsets.UTF_8);
        Path ml100k = Files.createDirectories(root.resolve("ml-100k"));

        List<String[]> rows = OfflineStudy.published(root, ml100k);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0))
                .containsExactly("RecBole README.md", "BPR", "0.2368", "0.4519", "0.2768", "0.7614", "0.1901");
        assertThat(OfflineStudy.published(root, Files.createDirectories(root.resolve("ml-1m"))))
                .isEmpty();
        assertThat(OfflineStudy.published(root.resolve("ml-100k"), ml100k)).isEmpty(); // no CSV there
    }

    @Test
    void anInterruptedThreadIsCancelled() throws IOException {
        Path dataset = writeDataset(root.resolve("ml-tiny"));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> OfflineStudy.run(dataset, 2020, true, null)).isInstanceOf(CancellationException.class);
        assertThat(Thread.currentThread().isInterrupted())
                .as("the flag stays set")
                .isTrue();
    }

    @Test
    void anInterruptBetweenConfigurationsStopsTheRun() throws IOException {
        Path dataset = writeDataset(root.resolve("ml-tiny"));
        List<String> progress = new ArrayList<>();

        assertThatThrownBy(() -> OfflineStudy.run(dataset, 2020, true, line -> {
                    progress.add(line);
                    if (line.equals("item-knn: 1/1 configurations")) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .isInstanceOf(CancellationException.class);

        assertThat(progress).contains("item-knn: 1/1 configurations").noneMatch(l -> l.startsWith("rp3beta:"));
    }

    private static List<String> withoutTimes(OfflineStudy.Result result) {
        return result.rows().stream()
                .map(r -> r.strategy() + " " + r.params() + " " + r.validNdcg() + " " + r.test())
                .toList();
    }

    /** u.data (user, film, rating, epoch second; tab-separated) and u.item with one genre flag per group. */
    private static Path writeDataset(Path folder) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(11);
        StringBuilder data = new StringBuilder();
        long time = 880_000_000L;
        for (int user = 1; user <= 48; user++) {
            int group = (user - 1) % GROUPS;
            List<Integer> films = new ArrayList<>();
            for (int f = 0; f < FILMS_PER_GROUP; f++) {
                films.add(group * FILMS_PER_GROUP + f + 1);
            }
            Collections.shuffle(films, random);
            List<Integer> rated = new ArrayList<>(films.subList(0, 6));
            if (user % 4 == 0) { // a little noise: one film of the next group
                rated.add(((group + 1) % GROUPS) * FILMS_PER_GROUP + 1 + random.nextInt(FILMS_PER_GROUP));
            }
            for (int film : rated) {
                data.append(user)
                        .append('\t')
                        .append(film)
                        .append('\t')
                        .append(1 + random.nextInt(5))
                        .append('\t')
                        .append(time += 60)
                        .append('\n');
            }
            time += 86_400;
        }
        Files.writeString(folder.resolve("u.data"), data, StandardCharsets.ISO_8859_1);
        StringBuilder items = new StringBuilder();
        for (int film = 1; film <= GROUPS * FILMS_PER_GROUP; film++) {
            int group = (film - 1) / FILMS_PER_GROUP;
            items.append(film)
                    .append("|Film ")
                    .append(film)
                    .append(" (1995)|01-Jan-1995||http://example.org/")
                    .append(film);
            for (int g = 0; g < 19; g++) {
                items.append('|').append(g == group ? 1 : 0);
            }
            items.append('\n');
        }
        Files.writeString(folder.resolve("u.item"), items, StandardCharsets.ISO_8859_1);
        return folder;
    }
}
