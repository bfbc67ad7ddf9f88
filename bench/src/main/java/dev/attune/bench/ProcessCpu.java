package dev.attune.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used so far by the bench's server JVM and by its PostgreSQL (the postmaster and every backend under it),
 * read from /proc (user + system, clock ticks of 1/100 s): the difference over a window, divided by the events in it,
 * is the CPU each event cost.
 */
final class ProcessCpu {
    private static final double TICK_SECONDS = 0.01;

    record Sample(double serverSeconds, double databaseSeconds) {
        Sample minus(Sample before) {
            return new Sample(serverSeconds - before.serverSeconds, databaseSeconds - before.databaseSeconds);
        }
    }

    private ProcessCpu() {}

    /** {@code marker}: a path that only the bench's own processes carry on their command line (its data folder). */
    static Sample sample(String marker) throws IOException {
        double server = 0;
        double database = 0;
        List<Long> postmasters = new ArrayList<>();
        List<long[]> all = new ArrayList<>(); // pid, ppid, ticks
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ppid = Long.parseLong(f[1]);
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    long pid = Long.parseLong(name);
                    all.add(new long[] {pid, ppid, ticks});
                    if (cmd.contains(marker) && cmd.contains("java") && cmd.contains("ASMain")) {
                        server += ticks * TICK_SECONDS;
                    } else if (cmd.contains(marker) && cmd.contains("postgres") && !cmd.contains("java")) {
                        postmasters.add(pid);
                        database += ticks * TICK_SECONDS;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        }
        for (long[] p : all) {
            if (postmasters.contains(p[1])) {
                database += p[2] * TICK_SECONDS;
            }
        }
        return new Sample(server, database);
    }
}
