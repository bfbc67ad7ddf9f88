package dev.attune.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Entry point of bench/run: picks the benchmark by name. */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        if (args.length == 0) {
            System.err.println(
                    "usage: bench/run NAME [ARGS]; benchmarks: ingest, ws, crash, experiments, profiles, abtest-sim, drift, loop, identity, fuzz; evaluations: abtest-cases, sentiment, offline-eval, linkage");
            System.exit(2);
        }
        if (args[0].equals("abtest-cases")) { // evaluations take a data path, not options
            System.exit(AbTestCases.run(Arrays.asList(args).subList(1, args.length)));
        }
        if (args[0].equals("sentiment")) {
            System.exit(SentimentEvaluation.run(Arrays.asList(args).subList(1, args.length)));
        }
        if (args[0].equals("offline-eval")) {
            System.exit(OfflineEvaluation.run(Arrays.asList(args).subList(1, args.length)));
        }
        if (args[0].equals("linkage")) {
            System.exit(LinkageEvaluation.run(Arrays.asList(args).subList(1, args.length)));
        }
        if (args[0].equals("loop")) { // an optional MovieLens folder, then options
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            List<String> folder = !rest.isEmpty() && !rest.get(0).startsWith("--") ? rest.subList(0, 1) : List.of();
            LoopBenchmark.run(
                    folder,
                    Options.parse(rest.subList(folder.size(), rest.size()).toArray(String[]::new)));
            System.exit(0);
        }
        Map<String, String> options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "ingest" -> IngestBenchmark.run(options);
            case "crash" -> {
                if (Boolean.parseBoolean(options.getOrDefault("derived", "false"))) {
                    DerivedCrashCheck.run(options);
                } else {
                    CrashTest.run(options);
                }
            }
            case "ws" -> WsBenchmark.run(options);
            case "abtest-sim" -> AbTestSimulation.run(options);
            case "experiments" -> ExperimentsBenchmark.run(options);
            case "profiles" -> ProfilesBenchmark.run(options);
            case "drift" -> DriftEvaluation.run(options);
            case "identity" -> IdentityBenchmark.run(options);
            case "fuzz" -> FuzzBenchmark.run(options);
            default -> {
                System.err.println(
                        "unknown benchmark " + args[0]
                                + "; benchmarks: ingest, ws, crash, experiments, profiles, abtest-sim, drift, loop, identity, fuzz; evaluations: abtest-cases, sentiment, offline-eval, linkage");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
