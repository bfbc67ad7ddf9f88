package dev.attune.bench;

import java.util.Arrays;
import java.util.Map;

/** Entry point of bench/run: picks the benchmark by name. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        if (args.length == 0) {
            System.err.println("usage: bench/run NAME [ARGS]; benchmarks: ingest, ws, crash, experiments, profiles, abtest-sim, drift; evaluations: abtest-cases, sentiment");
            System.exit(2);
        }
        if (args[0].equals("abtest-cases")) { // evaluations take a data path, not options
            System.exit(AbTestCases.run(Arrays.asList(args).subList(1, args.length)));
        }
        if (args[0].equals("sentiment")) {
            System.exit(SentimentEvaluation.run(Arrays.asList(args).subList(1, args.length)));
        }
        Map<String, String> options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "ingest" -> IngestBenchmark.run(options);
            case "crash" -> CrashTest.run(options);
            case "ws" -> WsBenchmark.run(options);
            case "abtest-sim" -> AbTestSimulation.run(options);
            case "experiments" -> ExperimentsBenchmark.run(options);
            case "profiles" -> ProfilesBenchmark.run(options);
            case "drift" -> DriftEvaluation.run(options);
            default -> {
                System.err.println("unknown benchmark " + args[0] + "; benchmarks: ingest, ws, crash, experiments, profiles, abtest-sim, drift; evaluations: abtest-cases, sentiment");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
