package dev.attune.it;

import dev.attune.launcher.AttuneInstance;
import dev.attune.launcher.DatabaseSettings;
import dev.attune.launcher.InstanceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server every integration test talks to: the launcher's own code starts an embedded PostgreSQL (fresh each run)
 * and a Payara domain on port base 28000, once per test run; the EAR is deployed once for the client-side classes
 * (Arquillian deploys the in-container classes' own).
 */
public final class TestServer implements ExtensionContext.Store.CloseableResource {
    /** 28000 unless {@code -Dattune.it.port-base} says otherwise (then also {@code -Dattune.it.adminPort=} base + 48). */
    public static final int PORT_BASE = Integer.getInteger("attune.it.port-base", 28000);

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "it-Admin-Passw0rd";
    static final String PAYARA_PASSWORD = "it-payara-admin";

    private final AttuneInstance instance;
    private final DatabaseSettings database;

    private TestServer(AttuneInstance instance, DatabaseSettings database) {
        this.instance = instance;
        this.database = database;
    }

    static TestServer start() {
        Path data =
                Path.of(System.getProperty("attune.it.data", "target/it-data")).toAbsolutePath();
        try {
            AttuneInstance.deleteEmbeddedDatabase(data);
            Path payaraPassword = data.resolve("secrets/payara-admin-password");
            Files.createDirectories(payaraPassword.getParent());
            Files.writeString(payaraPassword, "AS_ADMIN_PASSWORD=" + PAYARA_PASSWORD + "\n");
            InstanceConfig config = new InstanceConfig(
                    Path.of(System.getProperty("attune.payara.home")),
                    Optional.empty(),
                    data,
                    PORT_BASE,
                    PORT_BASE + 32,
                    Optional.empty(),
                    Optional.of(ADMIN_PASSWORD),
                    // webhooks retry fast here, so a dead letter is reached within seconds
                    environment(
                            data,
                            Map.of(
                                    "ATTUNE_WEBHOOKS_MAX_ATTEMPTS",
                                    "3",
                                    "ATTUNE_WEBHOOKS_BACKOFF_BASE_MILLIS",
                                    "200",
                                    "ATTUNE_EXPERIMENTS_GUARD_SECONDS",
                                    "2",
                                    "ATTUNE_EXPERIMENTS_SNAPSHOT_SECONDS",
                                    "2",
                                    "ATTUNE_EXPERIMENTS_BANDIT_SECONDS",
                                    "2",
                                    "ATTUNE_EXPERIMENTS_BANDIT_MIN_UNITS",
                                    "30",
                                    "ATTUNE_SEGMENTS_SWEEP_SECONDS",
                                    "2",
                                    "ATTUNE_MONITORS_RATE_PERIOD_SECONDS",
                                    "2",
                                    "ATTUNE_MONITORS_RATE_WARM_UP_PERIODS",
                                    "3",

                                    // the demo shop's titles when the evaluation data sits beside the repository
                                    "ATTUNE_DEMO_CATALOG",
                                    Path.of("../../../shared/data/movielens/ml-100k/u.item")
                                            .toAbsolutePath()
                                            .normalize()
                                            .toString())));
            AttuneInstance instance = AttuneInstance.start(config, step -> System.out.println("[test server] " + step));
            String dbPassword =
                    Files.readString(data.resolve("secrets/db-password")).strip();
            return new TestServer(
                    instance,
                    new DatabaseSettings(
                            "jdbc:postgresql://127.0.0.1:" + (PORT_BASE + 32) + "/attune", "attune", dbPassword));
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the test server: " + e.getMessage(), e);
        }
    }

    /**
     * The settings above plus a small MovieLens-like dataset (three taste groups) for the console's offline evaluation,
     * written under the test data folder so the tests never depend on data outside the repository.
     */
    private static Map<String, String> environment(Path data, Map<String, String> settings) throws IOException {
        Path dataset = data.resolve("offline-data/tiny");
        Files.createDirectories(dataset);
        StringBuilder ratings = new StringBuilder();
        Random random = new Random(1);
        for (int user = 1; user <= 60; user++) {
            int group = user % 3;
            for (int k = 0; k < 8; k++) {
                ratings.append(user)
                        .append('\t')
                        .append(1 + group * 10 + random.nextInt(10))
                        .append('\t')
                        .append(4)
                        .append('\t')
                        .append(880_000_000 + user * 1000 + k)
                        .append('\n');
            }
            ratings.append(user)
                    .append('\t')
                    .append(1 + random.nextInt(30))
                    .append('\t')
                    .append(3)
                    .append('\t')
                    .append(880_000_000 + user * 1000 + 9)
                    .append('\n');
        }
        Files.writeString(dataset.resolve("u.data"), ratings);
        Map<String, String> all = new HashMap<>(settings);
        all.put(
                "ATTUNE_RECOMMENDATIONS_OFFLINE_DATA",
                data.resolve("offline-data").toString());
        all.put("ATTUNE_DEMO_ENABLED", "true"); // WidgetIT's visitor shops on the demo shop
        all.put("ATTUNE_AUDIT_FAILURE_WINDOW_SECONDS", "2"); // failed sign-ins reach the audit log within seconds
        // every test signs in from 127.0.0.1: the per-address slow-down would hold up the tests after a flood test
        all.put("ATTUNE_SECURITY_LOGIN_ADDRESS_MAX_FAILURES", "1000");
        all.put("ATTUNE_WEBHOOKS_ALLOW_HTTP_LOOPBACK", "true"); // webhook tests receive on 127.0.0.1 over http
        all.put("ATTUNE_WIDGET_SOCKETS_PER_ADDRESS", "40"); // SocketLimitsIT reaches it in a few seconds
        return all;
    }

    public String baseUrl() {
        return instance.baseUrl();
    }

    private boolean sharedDeployed;

    /**
     * The EAR as the build produced it, deployed once for every client-side class: each class deploying its own
     * cost 8 to 40 s, and nothing in these tests needs a fresh application (the database is shared anyway).
     */
    synchronized void deployShared() {
        if (sharedDeployed) {
            return;
        }
        try {
            instance.domain()
                    .deploy(
                            Path.of(System.getProperty("attune.ear", "../ear/target/attune.ear")),
                            AttuneInstance.APP_NAME);
            instance.awaitReady(Duration.ofMinutes(3));
            sharedDeployed = true;
        } catch (Exception e) {
            throw new IllegalStateException("Could not deploy the EAR: " + e.getMessage(), e);
        }
    }

    /** Makes room for an in-container class's own EAR (same context root). */
    synchronized void undeployShared() {
        if (!sharedDeployed) {
            return;
        }
        try {
            instance.domain().undeployQuietly(AttuneInstance.APP_NAME);
            sharedDeployed = false;
        } catch (Exception e) {
            throw new IllegalStateException("Could not undeploy the EAR: " + e.getMessage(), e);
        }
    }

    /** Direct access for assertions about what is stored; the application itself never shares it. */
    public Connection database() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    /** The single number a query answers (a count, a sum), for assertions and waits on what is stored. */
    public long count(String sql, Object... args) {
        try (Connection c = database();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        instance.close();
    }
}
