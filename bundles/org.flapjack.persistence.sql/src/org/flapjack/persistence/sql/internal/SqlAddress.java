package org.flapjack.persistence.sql.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flapjack.core.persistence.PersistenceException;

/**
 * Where an SQL store lives: the {@code uri} setting in the forms Flapjack users know ({@code sqlite3:///abs/path},
 * {@code sqlite3::memory:}, {@code postgres://user:pass@host[:port]/db}, {@code mysql://user:pass@host[:port]/db},
 * or a plain {@code jdbc:} URL), turned into a JDBC URL, connection properties and a driver.
 *
 * @param uri      the setting as the user wrote it, shown (password hidden) in errors
 * @param dialect  the kind of database
 * @param jdbcUrl  the URL handed to the driver
 * @param secret   the password, kept only to scrub it from driver messages; empty when none
 */
public record SqlAddress(String uri, Dialect dialect, String jdbcUrl, Properties properties, String secret) {

    static final String BACKEND = "sql";

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)password=([^&;?#)\\s]*)");

    /** Reads the {@code uri} setting; a blank one means SQLite in {@code defaultFile}. */
    public static SqlAddress parse(String uri, Path defaultFile) {
        if (uri == null || uri.isBlank()) {
            return sqliteFile("sqlite3://" + defaultFile, defaultFile.toString());
        }
        String trimmed = uri.strip();
        String scheme = trimmed.contains(":") ? trimmed.substring(0, trimmed.indexOf(':')).toLowerCase() : "";
        return switch (scheme) {
            case "jdbc" -> jdbc(trimmed);
            case "sqlite3", "sqlite" -> sqlite(trimmed, trimmed.substring(scheme.length() + 1));
            case "postgres", "postgresql" -> server(trimmed, Dialect.POSTGRESQL, "jdbc:postgresql://", 5432);
            case "mysql", "mariadb" -> server(trimmed, Dialect.MARIADB, "jdbc:mariadb://", 3306);
            default -> throw invalid(trimmed, "unsupported uri scheme '" + scheme + "'; use sqlite3:///path, "
                    + "sqlite3::memory:, postgres://user:pass@host/db, mysql://user:pass@host/db or a jdbc: URL");
        };
    }

    /** Opens a new connection with the driver of this dialect, set up for Flapjack's transactions. */
    public Connection connect() throws SQLException {
        Connection connection = dialect.driver().connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("the " + dialect + " driver does not accept this URL");
        }
        if (dialect != Dialect.SQLITE) {
            // Read committed takes no gap locks in MariaDB, so writers of different checks never deadlock.
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        return connection;
    }

    /** Whether the database lives only as long as its connection. */
    boolean inMemory() {
        return dialect == Dialect.SQLITE && (jdbcUrl.contains(":memory:") || jdbcUrl.contains("mode=memory"));
    }

    /** The one-line error for this address, with the password hidden in both address and reason. */
    PersistenceException failure(String what, Throwable cause) {
        String reason = PersistenceException.reasonOf(cause);
        if (!secret.isEmpty()) {
            reason = reason.replace(secret, "***");
        }
        return new PersistenceException(BACKEND, uri, what + ": " + reason, cause);
    }

    private static SqlAddress jdbc(String uri) {
        Properties properties = new Properties();
        String secret = secretParameter(uri);
        if (uri.startsWith("jdbc:sqlite:")) {
            return new SqlAddress(uri, Dialect.SQLITE, uri, sqliteProperties(), secret);
        }
        if (uri.startsWith("jdbc:postgresql:")) {
            properties.setProperty("connectTimeout", "10");
            return new SqlAddress(uri, Dialect.POSTGRESQL, uri, properties, secret);
        }
        if (uri.startsWith("jdbc:mariadb:") || uri.startsWith("jdbc:mysql:")) {
            properties.setProperty("connectTimeout", "10000");
            String url = "jdbc:mariadb:" + uri.substring(uri.indexOf(':', 5) + 1);
            return new SqlAddress(uri, Dialect.MARIADB, url, properties, secret);
        }
        throw invalid(uri, "unsupported JDBC URL; use jdbc:sqlite:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:");
    }

    private static SqlAddress sqlite(String uri, String rest) {
        String path = rest.startsWith("//") ? rest.substring(2) : rest;
        if (path.equals(":memory:")) {
            // A plain :memory: database belongs to one connection; a named shared one is seen by every connection
            // of this address as long as one stays open (the pool keeps one).
            String name = "flapjack-" + UUID.randomUUID();
            return new SqlAddress(uri, Dialect.SQLITE, "jdbc:sqlite:file:" + name + "?mode=memory&cache=shared",
                    sqliteProperties(), "");
        }
        if (path.isBlank()) {
            throw invalid(uri, "no database file; use sqlite3:///absolute/path/flapjack.db");
        }
        return sqliteFile(uri, path);
    }

    private static SqlAddress sqliteFile(String uri, String path) {
        return new SqlAddress(uri, Dialect.SQLITE, "jdbc:sqlite:" + path, sqliteProperties(), "");
    }

    private static Properties sqliteProperties() {
        Properties properties = new Properties();
        // WAL lets the notifier write while the console reads; writers wait for each other instead of failing,
        // and take the write lock when their transaction begins, so two writers never need to upgrade a read lock.
        properties.setProperty("journal_mode", "WAL");
        properties.setProperty("busy_timeout", "30000");
        properties.setProperty("transaction_mode", "IMMEDIATE");
        return properties;
    }

    private static SqlAddress server(String uri, Dialect dialect, String jdbcPrefix, int defaultPort) {
        String scheme = uri.substring(0, uri.indexOf(':'));
        String form = scheme + "://user:password@host[:port]/database";
        if (!uri.startsWith(scheme + "://")) {
            throw invalid(uri, "write " + form);
        }
        String rest = uri.substring(scheme.length() + 3);
        // A password may hold '@' (and '/'): the host starts after the last '@' before the query.
        int at = rest.lastIndexOf('@', indexOfAny(rest, 0, "?#") - 1);
        int pathStart = indexOfAny(rest, at + 1, "/?#");
        String authority = rest.substring(0, pathStart);
        String userInfo = at < 0 ? null : authority.substring(0, at);
        HostPort hostPort = HostPort.parse(uri, authority.substring(at + 1), defaultPort, form);
        String database = database(uri, rest.substring(pathStart), form);
        String query = rest.indexOf('?', pathStart) < 0 ? "" : rest.substring(rest.indexOf('?', pathStart));
        String url = jdbcPrefix + hostPort.host() + ":" + hostPort.port() + "/" + database + query;

        Properties properties = new Properties();
        properties.setProperty("connectTimeout", dialect == Dialect.POSTGRESQL ? "10" : "10000");
        String secret = "";
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            properties.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                secret = decode(userInfo.substring(colon + 1));
                properties.setProperty("password", secret);
            }
        }
        return new SqlAddress(uri, dialect, url, properties, secret);
    }

    private static int indexOfAny(String text, int from, String characters) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static String database(String uri, String pathAndQuery, String form) {
        String path = pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : "";
        int end = indexOfAny(path, 0, "?#");
        String database = path.substring(0, end);
        if (database.isEmpty()) {
            throw invalid(uri, "no database; write " + form);
        }
        return database;
    }

    /** The host and port of a server uri. */
    private record HostPort(String host, int port) {

        static HostPort parse(String uri, String hostPort, int defaultPort, String form) {
            int portColon = hostPort.startsWith("[") ? hostPort.indexOf(':', Math.max(0, hostPort.indexOf(']')))
                    : hostPort.indexOf(':');
            String host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
            if (host.isEmpty() || host.equals("[]")) {
                throw invalid(uri, "no host; write " + form);
            }
            if (portColon < 0) {
                return new HostPort(host, defaultPort);
            }
            String port = hostPort.substring(portColon + 1);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw invalid(uri, "the port must be a number from 1 to 65535, not '" + port + "'");
            }
            return new HostPort(host, Integer.parseInt(port));
        }
    }

    private static String secretParameter(String uri) {
        Matcher matcher = PASSWORD_PARAMETER.matcher(uri);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static PersistenceException invalid(String uri, String reason) {
        return new PersistenceException(BACKEND, uri, reason, null);
    }

    @Override
    public String toString() {
        return PersistenceException.hidePassword(uri);
    }
}
