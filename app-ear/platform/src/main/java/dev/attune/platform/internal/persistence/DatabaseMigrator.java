package dev.attune.platform.internal.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs every Flyway migration before anything else touches the database; startup beans that need the schema
 * declare {@code @DependsOn("DatabaseMigrator")}. The connection settings come from server-level MicroProfile
 * Config (environment of the domain or domain config properties), never from the application, so a restart
 * resolves them again.
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
        properties = {"reWriteBatchedInserts=true",
                      "fish.payara.is-connection-validation-required=true",
                      "fish.payara.connection-validation-method=meta-data",
                      "fish.payara.fail-all-connections=true"})
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
        // The module's own class loader: EARs hide the migration resources from Flyway's default one.
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .defaultSchema("public")
                .validateMigrationNaming(true)
                .load();
        result = flyway.migrate();
        LOG.info(() -> "Database at schema version " + flyway.info().current().getVersion()
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    public boolean migrated() {
        return result != null && result.success;
    }
}
