package dev.attune.bench;

import dev.attune.launcher.AttuneInstance;
import dev.attune.launcher.InstanceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** A fresh Attune for one benchmark run: empty database, port base 38000, stopped at the end. */
final class BenchServer implements AutoCloseable {
    static final int PORT_BASE = 38000;
    static final String ADMIN_PASSWORD = "bench-Admin-Passw0rd";

    private final AttuneInstance instance;
    private final Path data;

    private BenchServer(AttuneInstance instance, Path data) {
        this.instance = instance;
        this.data = data;
    }

    static BenchServer start() throws Exception {
        Path home = Path.of(System.getProperty("attune.home", ".")).toAbsolutePath();
        Path data = home.resolve("bench/target/bench-data");
        deleteRecursively(data.resolve("postgres"));
        InstanceConfig config = new InstanceConfig(home.resolve("app-ear/launcher/target/payara/payara6"),
                Optional.of(home.resolve("app-ear/ear/target/attune.ear")), data, PORT_BASE, PORT_BASE + 32,
                Optional.empty(), Optional.of(ADMIN_PASSWORD), Map.of());
        return new BenchServer(AttuneInstance.start(config, step -> System.out.println("· " + step)), data);
    }

    String baseUrl() {
        return instance.baseUrl();
    }

    Connection database() throws SQLException, IOException {
        String password = Files.readString(data.resolve("secrets/db-password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + (PORT_BASE + 32) + "/attune", "attune", password);
    }

    @Override
    public void close() {
        instance.close();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
