package dev.attune.platform.internal.persistence;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Says in one sentence what is wrong with the database settings a deployment was given, naming the setting to fix
 * ({@code attune.db.url}, {@code attune.db.user} or {@code attune.db.password}), instead of the connection pool's
 * "Access denied to execute this method : setURL" or a chain of wrapped exceptions. Never repeats a password: one
 * given in the URL is masked.
 */
final class ConnectionProblem {
    static final String URL = "attune.db.url";
    static final String USER = "attune.db.user";
    static final String PASSWORD = "attune.db.password";
    static final String EXPECTED = "jdbc:postgresql://host:port/database";

    private ConnectionProblem() {}

    /** What is wrong with the URL itself, before any connection is tried; empty when PostgreSQL's driver accepts it. */
    static Optional<String> inUrl(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of(URL + " is not set: give the domain the JDBC URL of PostgreSQL (" + EXPECTED
                    + ") as a config property or as ATTUNE_DB_URL in its environment");
        }
        String shown = "'" + masked(url) + "'";
        if (url.indexOf('\\') >= 0) {
            String without = url.replace("\\", "");
            String hint = Driver.parseURL(without, null) != null ? " (" + masked(without) + ")" : "";
            return Optional.of(URL + " " + shown + " contains backslashes: write it without them" + hint
                    + "; asadmin set-config-property stores the value as given");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            return Optional.of(URL + " " + shown + " is not a PostgreSQL JDBC URL (expected " + EXPECTED + ")");
        }
        if (Driver.parseURL(url, null) == null) {
            return Optional.of(URL + " " + shown + " is not a valid PostgreSQL JDBC URL (expected " + EXPECTED
                    + ", a port from 1 to 65535)");
        }
        return Optional.empty();
    }

    /** Why a first connection with valid-looking settings failed, from the driver's exception anywhere in the chain. */
    static String ofConnection(String url, String user, Throwable failure) {
        String where = URL + " '" + masked(url) + "'";
        String target = target(url);
        String who = USER + " '" + user + "'";
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                switch (e.getSQLState()) {
                    case "28P01":
                        return who + " cannot sign in to " + target + ": password authentication failed (check " + USER
                                + " and " + PASSWORD + ")";
                    case "28000":
                        return who + " may not connect to " + target + ": " + firstLine(e.getMessage());
                    case "3D000":
                        return where + ": " + firstLine(e.getMessage()) + " (create it, owned by " + who + ")";
                    default:
                        break;
                }
            }
            if (t instanceof ConnectException) {
                return where + ": connection refused by " + target
                        + " (is PostgreSQL running there and listening on TCP at that port?)";
            }
            if (t instanceof UnknownHostException) {
                return where + ": unknown host " + firstLine(t.getMessage());
            }
            if (t instanceof SocketTimeoutException || t instanceof NoRouteToHostException) {
                return where + ": no answer from " + target + " (" + firstLine(t.getMessage()) + ")";
            }
        }
        return where + " (" + who + "): cannot connect to " + target + ": " + firstLine(rootMessage(failure));
    }

    /** host:port/database as the driver reads the URL (several hosts as it lists them). */
    static String target(String url) {
        Properties p = url == null ? null : Driver.parseURL(url, null);
        if (p == null) {
            return "the database";
        }
        String[] hosts = p.getProperty("PGHOST", "localhost").split(",");
        String[] ports = p.getProperty("PGPORT", "5432").split(",");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            out.append(i == 0 ? "" : ",").append(hosts[i]).append(':').append(i < ports.length ? ports[i] : "5432");
        }
        return out.append('/').append(p.getProperty("PGDBNAME", "")).toString();
    }

    /** The URL with the value of a {@code password} parameter replaced by stars. */
    static String masked(String url) {
        return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getName() : root.getMessage();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        // the server's "FATAL: database "x" does not exist" without the severity
        return (nl < 0 ? message : message.substring(0, nl)).strip().replaceFirst("^(FATAL|ERROR): ", "");
    }
}
