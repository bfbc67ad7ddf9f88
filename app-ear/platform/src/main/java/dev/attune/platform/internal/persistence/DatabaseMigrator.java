package dev.attune.platform.internal.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs every Flyway migration before anything else touches the database; startup beans that need the schema
 * declare {@code @DependsOn("DatabaseMigrator")}. The connection settings come from server-level MicroProfile
 * Config (environment of the domain or domain config properties), never from the application, so a restart
 * resolves them again. Wrong settings fail the deployment with a sentence naming the setting and what is wrong with
 * it (a URL PostgreSQL's driver does not accept, a refused connection, a failed sign-in), logged on its own line.
 */
@DataSourceDefinition(
        name = DatabaseMigrator.DATASOURCE,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=attune.db.url}",
        user = "${MPCONFIG=attune.db.user}",
        password = "${MPCONFIG=attune.db.password}",
        // connections ready before load: opening one under load took 100-300 ms (a backend fork and authentication)
        // and was the long tail of acknowledgement latency; PostgreSQL allows 200 (embedded) or more
        initialPoolSize = 16,
        minPoolSize = 16,
        maxPoolSize = 48,
        // batched INSERTs (enrichments, profiles, ...) become multi-row statements: one execution in PostgreSQL per
        // chunk instead of one per row
        properties = {
            "reWriteBatchedInserts=true",
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=meta-data",
            "fish.payara.fail-all-connections=true"
        })
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigrator {
    public static final String DATASOURCE = "java:app/jdbc/attune";
    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    private volatile MigrateResult result;

    @PostConstruct
    void migrate() {
        checkConnection();
        // The module's own class loader: EARs hide the migration resources from Flyway's default one.
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .defaultSchema("public")
                .validateMigrationNaming(true)
                .load();
        result = flyway.migrate();
        LOG.info(() -> "Database at schema version " + flyway.info().current().getVersion() + " ("
                + result.migrationsExecuted + " migrations applied now)");
    }

    /** Fails with {@link ConnectionProblem}'s sentence before Flyway would fail with the pool's. */
    private void checkConnection() {
        Config config = ConfigProvider.getConfig();
        String url =
                config.getOptionalValue(ConnectionProblem.URL, String.class).orElse(null);
        String problem = ConnectionProblem.inUrl(url).orElse(null);
        if (problem == null) {
            try (Connection c = dataSource.getConnection()) {
                return;
            } catch (SQLException | RuntimeException e) {
                String user = config.getOptionalValue(ConnectionProblem.USER, String.class)
                        .orElse("");
                problem = ConnectionProblem.ofConnection(url, user, e);
            }
        }
        LOG.severe("Attune cannot use its database: " + problem);
        // no cause: the pool's chain repeats the driver's message a dozen times and is not what to fix
        throw new IllegalStateException(problem);
    }

    public boolean migrated() {
        return result != null && result.success;
    }
}
