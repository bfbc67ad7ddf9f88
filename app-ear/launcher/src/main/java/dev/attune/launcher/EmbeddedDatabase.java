package dev.attune.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/** A PostgreSQL server from Maven Central, its data under a directory that survives restarts. */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final DatabaseSettings settings;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseSettings settings) {
        this.postgres = postgres;
        this.settings = settings;
    }

    /** Starts (initialising on first use) and makes sure the {@code attune} role and database exist. */
    public static EmbeddedDatabase start(Path dataDirectory, int port, String password)
            throws IOException, SQLException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                // zonky's defaults are for throw-away test databases (no fsync, asynchronous commit): an acknowledged
                // event must survive a crash of the database and of the machine too, so both are on here
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // where the database's time goes, per statement (SELECT * FROM pg_stat_statements); costs ~1%
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setPgBinaryResolver(EmbeddedDatabase::binaries)
                // zonky's default of 10 s is not enough for a first start (initdb) on a busy 2-core machine
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        try {
            prepare(pg, password);
        } catch (SQLException e) {
            pg.close();
            throw e;
        }
        String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/attune";
        return new EmbeddedDatabase(pg, new DatabaseSettings(url, "attune", password));
    }

    private static void prepare(EmbeddedPostgres pg, String password) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = 'attune'")) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE attune LOGIN PASSWORD '" + password.replace("'", "''") + "'");
                }
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = 'attune'")) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE attune OWNER attune");
                }
            }
        }
        try (Connection c = pg.getDatabase("postgres", "attune").getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            // the embedded server is Attune's own: let it read and reset its statement statistics (benchmarks do)
            s.execute("GRANT pg_read_all_stats TO attune");
            s.execute("""
                    DO $$ DECLARE f regprocedure; BEGIN
                        FOR f IN SELECT oid::regprocedure FROM pg_proc WHERE proname = 'pg_stat_statements_reset' LOOP
                            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO attune', f);
                        END LOOP;
                    END $$""");
        }
    }

    /**
     * The binaries jar of this platform. zonky's own resolver refuses to choose when a class loader lists the same jar
     * twice (as Maven Failsafe's does); the first copy is as good as any.
     */
    private static InputStream binaries(String system, String machine) throws IOException {
        String name = ("postgres-" + system + "-" + machine + ".txz").toLowerCase(Locale.ROOT);
        InputStream in = EmbeddedDatabase.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("No embedded PostgreSQL for " + system + "/" + machine + " (" + name
                    + "); set ATTUNE_DB_URL to use your own PostgreSQL");
        }
        return in;
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    public DatabaseSettings settings() {
        return settings;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
