package dev.attune.feedback.internal.persistence;

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
}
