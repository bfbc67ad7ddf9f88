package dev.attune.platform.internal.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class ConnectionProblemTest {

    @Test
    void a_valid_url_has_no_problem() {
        assertThat(ConnectionProblem.inUrl("jdbc:postgresql://db.internal:5432/attune"))
                .isEmpty();
        assertThat(ConnectionProblem.inUrl("jdbc:postgresql://a:5432,b:5433/attune?ssl=true"))
                .isEmpty();
        assertThat(ConnectionProblem.inUrl("jdbc:postgresql:attune")).isEmpty();
    }

    @Test
    void backslashes_before_the_colons_are_named_with_the_url_to_write_instead() {
        assertThat(ConnectionProblem.inUrl("jdbc\\:postgresql\\://db.internal\\:5432/attune"))
                .contains(
                        "attune.db.url 'jdbc\\:postgresql\\://db.internal\\:5432/attune' contains backslashes: write it without"
                                + " them (jdbc:postgresql://db.internal:5432/attune); asadmin set-config-property stores the value as given");
        // the driver would read the host as "db.internal\"
        assertThat(ConnectionProblem.inUrl("jdbc:postgresql://db.internal\\:5432/attune"))
                .hasValueSatisfying(
                        m -> assertThat(m).startsWith("attune.db.url ").contains("contains backslashes"));
    }

    @Test
    void another_database_or_a_broken_url_is_not_a_postgresql_jdbc_url() {
        assertThat(ConnectionProblem.inUrl("jdbc:mysql://db.internal:3306/attune"))
                .contains("attune.db.url 'jdbc:mysql://db.internal:3306/attune' is not a PostgreSQL JDBC URL"
                        + " (expected jdbc:postgresql://host:port/database)");
        assertThat(ConnectionProblem.inUrl("postgresql://db.internal/attune"))
                .hasValueSatisfying(m -> assertThat(m).contains("is not a PostgreSQL JDBC URL"));
        assertThat(ConnectionProblem.inUrl("jdbc:postgresql://db.internal:99999/attune"))
                .hasValueSatisfying(m -> assertThat(m)
                        .startsWith("attune.db.url 'jdbc:postgresql://db.internal:99999/attune' is not a valid"));
    }

    @Test
    void a_missing_url_says_how_to_set_it() {
        assertThat(ConnectionProblem.inUrl(null))
                .hasValueSatisfying(m ->
                        assertThat(m).startsWith("attune.db.url is not set").contains("ATTUNE_DB_URL"));
        assertThat(ConnectionProblem.inUrl("  "))
                .hasValueSatisfying(m -> assertThat(m).startsWith("attune.db.url is not set"));
    }

    @Test
    void a_password_in_the_url_is_never_repeated() {
        assertThat(ConnectionProblem.inUrl("jdbc:mysql://h/attune?user=a&password=s3cret&ssl=true"))
                .hasValueSatisfying(m -> assertThat(m).doesNotContain("s3cret").contains("password=***&ssl=true"));
        String refused = ConnectionProblem.ofConnection(
                "jdbc:postgresql://h:1/attune?password=s3cret",
                "attune",
                new SQLException("x", new ConnectException("Connection refused")));
        assertThat(refused).doesNotContain("s3cret");
    }

    /** As Payara's pool wraps it: SQLException, ResourceAllocationException, ..., PSQLException, ConnectException. */
    @Test
    void a_refused_connection_names_the_url_and_where_it_points() {
        var driver = new PSQLException(
                "Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
        var pool = new SQLException(
                "Error in allocating a connection. Cause: Connection could not be allocated",
                new RuntimeException(driver));

        assertThat(ConnectionProblem.ofConnection("jdbc:postgresql://127.0.0.1:1/attune", "attune", pool))
                .isEqualTo(
                        "attune.db.url 'jdbc:postgresql://127.0.0.1:1/attune': connection refused by 127.0.0.1:1/attune"
                                + " (is PostgreSQL running there and listening on TCP at that port?)");
    }

    @Test
    void a_failed_sign_in_names_the_user_and_password_settings_but_not_the_password() {
        var driver = new PSQLException(
                "FATAL: password authentication failed for user \"attune\"", PSQLState.INVALID_PASSWORD);

        assertThat(ConnectionProblem.ofConnection(
                        "jdbc:postgresql://db.internal:5432/attune", "attune", new SQLException("pool", driver)))
                .isEqualTo(
                        "attune.db.user 'attune' cannot sign in to db.internal:5432/attune: password authentication failed"
                                + " (check attune.db.user and attune.db.password)");
    }

    @Test
    void a_missing_database_and_an_unknown_host_are_named() {
        var noDatabase = new SQLException("FATAL: database \"attune\" does not exist", "3D000");
        assertThat(ConnectionProblem.ofConnection("jdbc:postgresql://db.internal:5432/attune", "attune", noDatabase))
                .isEqualTo(
                        "attune.db.url 'jdbc:postgresql://db.internal:5432/attune': database \"attune\" does not exist"
                                + " (create it, owned by attune.db.user 'attune')");

        var unknownHost = new PSQLException(
                "The connection attempt failed.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new UnknownHostException("db.nowhere"));
        assertThat(ConnectionProblem.ofConnection("jdbc:postgresql://db.nowhere/attune", "attune", unknownHost))
                .isEqualTo("attune.db.url 'jdbc:postgresql://db.nowhere/attune': unknown host db.nowhere");
    }

    @Test
    void anything_else_still_names_the_settings_and_the_driver_s_words() {
        assertThat(ConnectionProblem.ofConnection(
                        "jdbc:postgresql://h/attune",
                        "attune",
                        new SQLException("pool", new IllegalStateException("something odd"))))
                .isEqualTo(
                        "attune.db.url 'jdbc:postgresql://h/attune' (attune.db.user 'attune'): cannot connect to h:5432/attune: something odd");
    }
}
