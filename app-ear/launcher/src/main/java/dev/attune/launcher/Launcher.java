package dev.attune.launcher;

import dev.attune.launcher.demo.DemoData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code attune run [--demo]} brings Attune up in the foreground until Ctrl-C; {@code attune stop} stops the one
 * running from the same data directory. Settings come from the environment (see docs/configuration.md).
 */
public final class Launcher {
    private final Map<String, String> env;
    private final Path home;

    Launcher(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        // zonky and PostgreSQL narrate every start at INFO; the launcher prints its own progress.
        Logger.getLogger("").setLevel(Level.WARNING);
        for (var handler : Logger.getLogger("").getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
        Path home =
                Path.of(System.getProperty("attune.home", ".")).toAbsolutePath().normalize();
        Launcher launcher = new Launcher(System.getenv(), home);
        List<String> arguments = List.of(args);
        String command = arguments.isEmpty() ? "help" : arguments.get(0);
        int exit = switch (command) {
            case "run" -> launcher.run(arguments.contains("--demo"));
            case "stop" -> launcher.stop();
            default -> usage();
        };
        System.exit(exit);
    }

    private static int usage() {
        System.out.println("""
                usage: attune run [--demo]   start Attune in the foreground (Ctrl-C stops it)
                       attune stop           stop the Attune started from this data directory""");
        return 2;
    }

    InstanceConfig config() {
        Path data = Path.of(
                        env.getOrDefault("ATTUNE_DATA_DIR", home.resolve("data").toString()))
                .toAbsolutePath();
        Optional<DatabaseSettings> external = Optional.ofNullable(env.get("ATTUNE_DB_URL"))
                .filter(s -> !s.isBlank())
                .map(url -> new DatabaseSettings(
                        url, env.getOrDefault("ATTUNE_DB_USER", "attune"), env.getOrDefault("ATTUNE_DB_PASSWORD", "")));
        int portBase = Integer.parseInt(env.getOrDefault("ATTUNE_PORT_BASE", "8000"));
        return new InstanceConfig(
                Path.of(System.getProperty(
                        "attune.payara.home",
                        home.resolve("app-ear/launcher/target/payara/payara6").toString())),
                Optional.of(Path.of(System.getProperty(
                        "attune.ear",
                        home.resolve("app-ear/ear/target/attune.ear").toString()))),
                data,
                portBase,
                // Base + 32 is free among Payara's offsets and, like the base, below the ephemeral port range.
                Integer.parseInt(env.getOrDefault("ATTUNE_EMBEDDED_DB_PORT", Integer.toString(portBase + 32))),
                external,
                Optional.ofNullable(env.get("ATTUNE_ADMIN_PASSWORD")).filter(s -> !s.isBlank()),
                demoEnvironment(data));
    }

    /**
     * The demo shop on, where it finds its titles (MovieLens u.item beside the repository, unless ATTUNE_DEMO_CATALOG says
     * otherwise), the demo site's public key (written by the demo loader), and the MovieLens folder the console's offline
     * evaluation reads (beside the repository, unless ATTUNE_RECOMMENDATIONS_OFFLINE_DATA says otherwise).
     */
    private Map<String, String> demoEnvironment(Path data) {
        return Map.of(
                "ATTUNE_DEMO_ENABLED",
                "true",
                "ATTUNE_DEMO_CATALOG",
                env.getOrDefault(
                        "ATTUNE_DEMO_CATALOG",
                        home.resolve("../shared/data/movielens/ml-100k/u.item")
                                .normalize()
                                .toString()),
                "ATTUNE_DEMO_KEYS_FILE",
                data.resolve("secrets/demo-site.properties").toString(),
                "ATTUNE_RECOMMENDATIONS_OFFLINE_DATA",
                env.getOrDefault(
                        "ATTUNE_RECOMMENDATIONS_OFFLINE_DATA",
                        home.resolve("../shared/data/movielens").normalize().toString()));
    }

    int run(boolean demo) throws Exception {
        InstanceConfig config = config();
        Path pidFile = config.dataDir().resolve("attune.pid");
        if (runningPid(pidFile).isPresent()) {
            System.err.println("Attune is already running from " + config.dataDir() + " (pid "
                    + runningPid(pidFile).get() + "). Stop it with: ./attune stop");
            return 1;
        }
        long started = System.nanoTime();
        AttuneInstance instance = AttuneInstance.start(config, step -> System.out.println("· " + step));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping Attune…");
                            instance.close();
                            try {
                                Files.deleteIfExists(pidFile);
                            } catch (IOException ignored) {
                                // a stale pid file is recognised by the next run
                            }
                            System.out.println("Stopped.");
                            stopped.countDown();
                        },
                        "attune-shutdown"));
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        Properties demoKeys = null;
        DemoData demoData = null;
        Path demoKeysFile = config.secretsDir().resolve("demo-site.properties");
        if (demo) {
            System.out.println("· Setting up the demo site");
            try {
                demoData = new DemoData(
                        instance.baseUrl(),
                        env.getOrDefault("ATTUNE_ADMIN_USERNAME", "admin"),
                        instance.adminPassword(),
                        DemoData.Sizes.DEMO);
                demoKeys = demoData.load(demoKeysFile);
            } catch (IOException | RuntimeException e) {
                System.out.println("  Demo site not set up: " + e.getMessage());
            }
        }
        banner(instance, demoKeys, Duration.ofNanos(System.nanoTime() - started));
        if (demoKeys != null) {
            demoData.replayAndTrickle(demoKeysFile, demoKeys);
        }
        stopped.await();
        return 0;
    }

    private void banner(AttuneInstance instance, Properties demoKeys, Duration took) {
        String base = instance.baseUrl();
        String user = env.getOrDefault("ATTUNE_ADMIN_USERNAME", "admin");
        String password = instance.adminPasswordCreatedNow()
                ? instance.adminPassword() + "   (shown once; also in "
                        + home.relativize(instance.adminPasswordFile().toAbsolutePath())
                        + "; you choose your own at the first sign-in)"
                : env.containsKey("ATTUNE_ADMIN_PASSWORD")
                        ? "(from ATTUNE_ADMIN_PASSWORD)"
                        : "the password you chose (first time: see "
                                + home.relativize(instance.adminPasswordFile().toAbsolutePath()) + ")";
        StringBuilder out = new StringBuilder("\nAttune is up (" + took.toSeconds() + " s).\n")
                .append("  Console      ")
                .append(base)
                .append("/admin/\n")
                .append("  Sign in as   ")
                .append(user)
                .append(" / ")
                .append(password)
                .append('\n')
                .append("  Ingest API   POST ")
                .append(base)
                .append("/api/v1/events\n")
                .append("  OpenAPI      ")
                .append(base)
                .append("/openapi\n")
                .append("  Health       ")
                .append(base)
                .append("/health/ready\n")
                .append("  Metrics      ")
                .append(base)
                .append("/metrics\n")
                .append("  Server log   ")
                .append(instance.domain().serverLog())
                .append('\n');
        if (demoKeys != null) {
            out.append("\nDemo shop    ")
                    .append(base)
                    .append("/demo/   (")
                    .append(demoKeys.getProperty("shopName"))
                    .append(": the widget, recommendation slots, an NPS survey, two experiments)\n");
            out.append("\nDemo site \"")
                    .append(demoKeys.getProperty("shopName"))
                    .append("\": a simulated month of visitors (replayed at the first start)")
                    .append(" and a live trickle. Send an event of your own:\n")
                    .append("  curl -i -X POST ")
                    .append(base)
                    .append("/api/v1/events \\\n")
                    .append("       -H 'Authorization: Bearer ")
                    .append(demoKeys.getProperty("secretKey"))
                    .append("' \\\n")
                    .append("       -H 'Content-Type: application/json' \\\n")
                    .append("       -d '{\"type\":\"rating\",\"subjectId\":\"demo-visitor-1\",\"itemId\":\"")
                    .append(demoKeys.getProperty("sampleItem", "ml-1"))
                    .append("\",\"value\":5}'\n")
                    .append("  (the demo site asks for consent: " + demoKeys.getProperty("sampleSubject")
                            + " gave it; a subject without consent is only\n")
                    .append("   counted anonymously, see POST /api/v1/consent in docs/sending-feedback.md)\n");
        }
        out.append("\nCtrl-C stops Attune (or ./attune stop from another terminal).");
        System.out.println(out);
    }

    int stop() throws IOException, InterruptedException {
        Path pidFile = config().dataDir().resolve("attune.pid");
        Optional<ProcessHandle> running = runningPid(pidFile).flatMap(ProcessHandle::of);
        if (running.isEmpty()) {
            System.out.println("Attune is not running from " + config().dataDir());
            return 0;
        }
        System.out.println("Stopping Attune (pid " + running.get().pid() + ")…");
        running.get().destroy();
        try {
            running.get().onExit().get(3, TimeUnit.MINUTES);
        } catch (Exception e) {
            System.err.println("Attune did not stop within 3 minutes: " + e);
            return 1;
        }
        System.out.println("Stopped.");
        return 0;
    }

    private static Optional<Long> runningPid(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
