package dev.attune.bench;

import dev.attune.launcher.AttuneInstance;
import dev.attune.launcher.InstanceConfig;
import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A fresh Attune for one benchmark run: empty database, port base 18000 (below Linux's ephemeral port range, so no
 * outgoing connection can hold one of its ports), stopped at the end.
 */
final class BenchServer implements AutoCloseable {
    static final int PORT_BASE = 18000;
    static final String ADMIN_PASSWORD = "bench-Admin-Passw0rd";

    private final AttuneInstance instance;
    private final Path data;

    private BenchServer(AttuneInstance instance, Path data) {
        this.instance = instance;
        this.data = data;
    }

    /** Where the bench's server and database keep their data (on their command lines too). */
    static Path dataFolder() {
        return Path.of(System.getProperty("attune.home", ".")).toAbsolutePath().resolve("bench/target/bench-data");
    }

    static BenchServer start() throws Exception {
        Path home = Path.of(System.getProperty("attune.home", ".")).toAbsolutePath();
        Path data = dataFolder();
        AttuneInstance.deleteEmbeddedDatabase(data);
        InstanceConfig config = new InstanceConfig(
                home.resolve("app-ear/launcher/target/payara/payara6"),
                Optional.of(home.resolve("app-ear/ear/target/attune.ear")),
                data,
                PORT_BASE,
                PORT_BASE + 32,
                Optional.empty(),
                Optional.of(ADMIN_PASSWORD),
                environment());
        return new BenchServer(AttuneInstance.start(config, step -> System.out.println("· " + step)), data);
    }

    /**
     * The server's environment: one machine plays every visitor from one address, so the per-address and per-subject
     * limits are lifted; any ATTUNE_* variable of the benchmark's own environment is passed on (to compare settings,
     * e.g. {@code ATTUNE_INGEST_WRITERS=4 bench/run ws}).
     */
    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(Map.of(
                "ATTUNE_RATELIMIT_ADDRESS_EVENTS_PER_MINUTE",
                "1000000000",
                "ATTUNE_RATELIMIT_SITE_EVENTS_PER_SECOND",
                "1000000",
                "ATTUNE_INTEGRITY_SUBJECT_EVENTS_PER_MINUTE",
                "1000000",
                "ATTUNE_WIDGET_SOCKETS_PER_ADDRESS",
                "1000000"));
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("ATTUNE_")
                    && !k.startsWith("ATTUNE_DB_")
                    && !k.equals("ATTUNE_DATA_DIR")
                    && !k.equals("ATTUNE_PORT_BASE")) {
                env.put(k, v);
            }
        });
        if (env.keySet().stream().anyMatch(k -> System.getenv().containsKey(k))) {
            System.out.println("· Server settings from the environment: "
                    + env.keySet().stream()
                            .filter(k -> System.getenv().containsKey(k))
                            .map(k -> k + "=" + env.get(k))
                            .sorted()
                            .toList());
        }
        return env;
    }

    AttuneInstance instance() {
        return instance;
    }

    static final String ORIGIN = "http://bench.attune.test";

    /** A new site as the bench admin: {id, secret key, public key}; browsers may send from {@link #ORIGIN}. */
    String[] createSite() throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        var r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/admin/sites"))
                                .header("Authorization", "Basic " + basic)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench " + UUID.randomUUID()
                                        + "\",\"consentMode\":\"implied\",\"allowedOrigins\":[\"" + ORIGIN + "\"]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("site not created: " + r.statusCode() + " " + r.body());
        }
        var json = Json.createReader(new StringReader(r.body())).readObject();
        return new String[] {json.getString("id"), json.getString("secretKey"), json.getString("publicKey")};
    }

    String baseUrl() {
        return instance.baseUrl();
    }

    Connection database() throws SQLException, IOException {
        String password = Files.readString(data.resolve("secrets/db-password")).strip();
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + (PORT_BASE + 32) + "/attune", "attune", password);
    }

    /** Forgets the database's statement statistics, so {@link #printTopStatements} covers what follows. */
    void resetStatementStatistics() throws Exception {
        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        } catch (SQLException e) {
            System.out.println("· (no pg_stat_statements: "
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** Where the database's time went since the last reset: the statements with the most total execution time. */
    void printTopStatements(int n) throws Exception {
        try (Connection c = database();
                PreparedStatement ps = c.prepareStatement("""
                SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), rows,
                       wal_bytes / 1024, left(regexp_replace(query, '\\s+', ' ', 'g'), 110)
                FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT ?""")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                System.out.println(
                        "· database time by statement (calls, total ms, mean ms, rows, WAL KiB, statement):");
                while (rs.next()) {
                    System.out.printf(
                            "·   %8d %10s %8s %9d %8d  %s%n",
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getString(6));
                }
            }
        } catch (SQLException e) {
            System.out.println("· (no pg_stat_statements: "
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    @Override
    public void close() {
        instance.close();
    }
}
