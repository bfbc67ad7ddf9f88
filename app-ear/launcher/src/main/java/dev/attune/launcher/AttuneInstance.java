package dev.attune.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** A running Attune: database, Payara domain and the deployed EAR, ready when /health/ready says UP. */
public final class AttuneInstance implements AutoCloseable {
    public static final String APP_NAME = "attune";

    private final EmbeddedDatabase embedded;
    private final PayaraDomain domain;
    private final String adminPassword;
    private final boolean adminPasswordCreatedNow;
    private final Path adminPasswordFile;

    private final Map<String, String> environment;

    private AttuneInstance(
            EmbeddedDatabase embedded,
            PayaraDomain domain,
            String adminPassword,
            boolean adminPasswordCreatedNow,
            Path adminPasswordFile,
            Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.embedded = embedded;
        this.domain = domain;
        this.adminPassword = adminPassword;
        this.adminPasswordCreatedNow = adminPasswordCreatedNow;
        this.adminPasswordFile = adminPasswordFile;
    }

    public static AttuneInstance start(InstanceConfig config, Progress progress) throws Exception {
        Files.createDirectories(config.dataDir());
        EmbeddedDatabase embedded = null;
        DatabaseSettings db;
        if (config.externalDatabase().isPresent()) {
            db = config.externalDatabase().get();
            progress.step("Using PostgreSQL at " + db.url());
        } else {
            progress.step("Starting embedded PostgreSQL on 127.0.0.1:" + config.embeddedDbPort());
            String dbPassword = Secrets.readOrCreate(config.secretsDir().resolve("db-password"), 18);
            embedded = startDatabase(config, dbPassword);
            db = embedded.settings();
        }
        try {
            Path adminFile = config.secretsDir().resolve("initial-admin-password");
            boolean created = false;
            String adminPassword;
            if (config.adminPassword().isPresent()) {
                adminPassword = config.adminPassword().get();
            } else {
                created = Secrets.writeIfAbsent(adminFile, Secrets.randomToken(15));
                adminPassword = Files.readString(adminFile).strip();
            }
            PayaraDomain domain = new PayaraDomain(
                    config.payaraHome(),
                    config.dataDir().resolve("payara"),
                    APP_NAME,
                    config.portBase(),
                    config.secretsDir().resolve("payara-admin-password"),
                    config.dataDir().resolve("logs/asadmin.log"));
            if (!domain.exists()) {
                progress.step("Creating the Payara domain (first run, or the port base changed)");
                domain.deleteStale();
                domain.create();
            }
            if (portOpen(domain.adminPort())) {
                progress.step("Stopping a Payara domain left running on admin port " + domain.adminPort());
                quietly(domain::stop);
            }
            Map<String, String> env = new HashMap<>(config.extraEnvironment());
            env.putAll(db.asEnvironment());
            env.put("ATTUNE_ADMIN_PASSWORD", adminPassword);
            // a password the launcher generated is the bootstrap admin's temporary one: changed at the first sign-in
            env.put(
                    "ATTUNE_ADMIN_PASSWORD_TEMPORARY",
                    String.valueOf(config.adminPassword().isEmpty()));
            progress.step("Starting Payara Server (HTTP 127.0.0.1:" + domain.httpPort() + ")");
            domain.start(env);
            AttuneInstance instance = new AttuneInstance(embedded, domain, adminPassword, created, adminFile, env);
            try {
                if (config.ear().isPresent()) {
                    progress.step("Deploying " + config.ear().get().getFileName());
                    domain.deploy(config.ear().get(), APP_NAME);
                    progress.step("Waiting for /health/ready");
                    instance.awaitReady(Duration.ofMinutes(3));
                }
            } catch (Exception e) {
                instance.close();
                throw e;
            }
            return instance;
        } catch (Exception e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** Removes the embedded database's files (tests and benchmarks start from an empty database). */
    public static void deleteEmbeddedDatabase(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("postgres");
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static EmbeddedDatabase startDatabase(InstanceConfig config, String password)
            throws IOException, SQLException {
        return EmbeddedDatabase.start(config.dataDir().resolve("postgres"), config.embeddedDbPort(), password);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + domain.httpPort();
    }

    public PayaraDomain domain() {
        return domain;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public boolean adminPasswordCreatedNow() {
        return adminPasswordCreatedNow;
    }

    public Path adminPasswordFile() {
        return adminPasswordFile;
    }

    /** Starts the domain again after it died (the application loads with it) and waits until it is ready. */
    public void restart() throws IOException, InterruptedException {
        domain.start(environment);
        awaitReady(Duration.ofMinutes(3));
    }

    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = http.send(ready, HttpResponse.BodyHandlers.ofString());
                // before the application is loaded (a restart deploys it again) Payara answers UP with no checks at
                // all:
                // ready means Attune's own database check is there and up
                if (r.statusCode() == 200 && r.body().contains("UP") && r.body().contains("\"database\"")) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Attune was not ready after " + timeout.toSeconds() + " s: " + last
                + "\nServer log: " + domain.serverLog() + "\n" + PayaraDomain.tail(domain.serverLog(), 40));
    }

    /**
     * Undeploys and stops the application server, the database left running (a benchmark's last phase has it to
     * itself). Leaves the domain empty, so the next start does not load (and then replace) an old deployment.
     */
    public void stopServer() {
        quietly(() -> domain.undeployQuietly(APP_NAME));
        quietly(domain::stop);
    }

    /** Stops the server (see {@link #stopServer}) unless it is down already, then the embedded database. */
    @Override
    public void close() {
        if (portOpen(domain.adminPort())) { // a benchmark may have stopped (or killed) the server already
            stopServer();
        }
        if (embedded != null) {
            quietly(embedded::close);
        }
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void quietly(ThrowingRunnable r) {
        try {
            r.run();
        } catch (Exception e) {
            System.err.println(
                    "  (while stopping: " + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Where start-up progress goes: the console for the launcher, nowhere in particular for tests. */
    @FunctionalInterface
    public interface Progress {
        void step(String message);
    }
}
