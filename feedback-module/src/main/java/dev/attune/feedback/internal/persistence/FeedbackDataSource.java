package dev.attune.feedback.internal.persistence;

import dev.attune.platform.api.Sql;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The shared data source (declared by the platform kernel); the container enlists each connection in the JTA transaction. */
@ApplicationScoped
class FeedbackDataSource {
    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** One statement per call, on a connection of its own (the platform's plumbing). */
    Sql sql() {
        return new Sql(dataSource);
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A local transaction of its own, committed before this returns: for work outside any caller's transaction. */
    <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = connection()) {
            return Sql.inTransaction(c, work::run);
        }
    }
}
