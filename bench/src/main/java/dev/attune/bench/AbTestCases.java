package dev.attune.bench;

import dev.attune.personalization.api.stats.ReferenceCases;
import dev.attune.personalization.api.stats.ReferenceCases.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/run abtest-cases [FILE|FOLDER]}: replays A/B reference cases (the format of
 * ../shared/data/abtest/ab_reference_cases.json) through Attune's statistics engine. Without an argument it runs
 * every *.json case file in ../shared/data/abtest; a folder runs every case file in it.
 */
final class AbTestCases {
    private AbTestCases() {}

    static int run(List<String> arguments) throws Exception {
        Path home = Path.of(System.getProperty("attune.home", "."));
        Path target =
                arguments.isEmpty() ? home.resolve("../shared/data/abtest").normalize() : Path.of(arguments.get(0));
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (var list = Files.list(target)) {
                list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        } else {
            files.add(target);
        }
        if (files.isEmpty() || !Files.exists(files.get(0))) {
            System.err.println("no case file at " + target);
            return 2;
        }
        int failedAll = 0;
        for (Path file : files) {
            List<Outcome> outcomes = ReferenceCases.run(file);
            int passed = 0;
            for (Outcome o : outcomes) {
                System.out.printf(
                        "· %-4s %-32s %-40s %s%n",
                        o.passed() ? "ok" : "FAIL", o.id(), o.method(), o.passed() ? "" : o.detail());
                passed += o.passed() ? 1 : 0;
            }
            int failed = outcomes.size() - passed;
            failedAll += failed;
            System.out.printf("abtest-cases %s: passed=%d failed=%d%n", file, passed, failed);
        }
        return failedAll == 0 ? 0 : 1;
    }
}
