package org.flapjack.persistence.sql.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;

/**
 * The tables Flapjack needs, as numbered steps. A database remembers in {@code schema_version} which steps it has;
 * opening it runs the missing ones in order. Steps only add: no table or column is ever dropped, so rows survive
 * every upgrade. A new release appends a step and never changes an old one.
 */
public final class SqlSchema {

    private static final System.Logger LOG = System.getLogger(SqlSchema.class.getName());

    private record Step(int version, String purpose, Function<Dialect, List<String>> statements) {
    }

    private static final List<Step> STEPS = List.of(
            new Step(1, "nodes, templates, checks with parents and recipients, latest status, events", d -> List.of(
                    "CREATE TABLE IF NOT EXISTS nodes (name VARCHAR(255) NOT NULL PRIMARY KEY, params "
                            + d.longText() + " NOT NULL)" + d.tableOptions(),
                    "CREATE TABLE IF NOT EXISTS check_templates (name VARCHAR(255) NOT NULL PRIMARY KEY, command "
                            + d.longText() + ", params " + d.longText() + " NOT NULL, interval_seconds INT NOT NULL,"
                            + " timeout_seconds INT NOT NULL)" + d.tableOptions(),
                    "CREATE TABLE IF NOT EXISTS checks (name VARCHAR(255) NOT NULL PRIMARY KEY, node VARCHAR(255),"
                            + " template VARCHAR(255), command " + d.longText() + ", params " + d.longText()
                            + " NOT NULL, interval_seconds INT NOT NULL, timeout_seconds INT NOT NULL,"
                            + " enabled BOOLEAN NOT NULL)" + d.tableOptions(),
                    "CREATE TABLE IF NOT EXISTS check_parents (check_name VARCHAR(255) NOT NULL,"
                            + " parent_name VARCHAR(255) NOT NULL, ordinal INT NOT NULL,"
                            + " PRIMARY KEY (check_name, parent_name))" + d.tableOptions(),
                    "CREATE TABLE IF NOT EXISTS check_recipients (check_name VARCHAR(255) NOT NULL,"
                            + " recipient VARCHAR(255) NOT NULL, ordinal INT NOT NULL,"
                            + " PRIMARY KEY (check_name, recipient))" + d.tableOptions(),
                    "CREATE TABLE IF NOT EXISTS latest_status (check_name VARCHAR(255) NOT NULL PRIMARY KEY,"
                            + " status VARCHAR(16) NOT NULL, output " + d.longText() + " NOT NULL,"
                            + " time_ms BIGINT NOT NULL)" + d.tableOptions(),
                    "CREATE TABLE IF NOT EXISTS events (id " + d.serialKey() + ", check_name VARCHAR(255) NOT NULL,"
                            + " status VARCHAR(16) NOT NULL, output " + d.longText() + " NOT NULL,"
                            + " time_ms BIGINT NOT NULL)" + d.tableOptions(),
                    "CREATE INDEX IF NOT EXISTS events_by_check ON events (check_name, time_ms)")),
            new Step(2, "worker of the latest status, deployed batches, events by time", d -> List.of(
                    "ALTER TABLE latest_status ADD COLUMN " + (d == Dialect.SQLITE ? "" : "IF NOT EXISTS ")
                            + "worker VARCHAR(255)",
                    "CREATE TABLE IF NOT EXISTS batches (id VARCHAR(255) NOT NULL PRIMARY KEY,"
                            + " deployed_at_ms BIGINT NOT NULL, check_count INT NOT NULL,"
                            + " deployed_by VARCHAR(255) NOT NULL)" + d.tableOptions(),
                    "CREATE INDEX IF NOT EXISTS events_by_time ON events (time_ms)")));

    /** The schema version this release writes and reads. */
    public static final int LATEST = STEPS.getLast().version();

    private SqlSchema() {
    }

    /**
     * Runs the steps the database lacks, up to {@code target}, each in its own transaction and recorded in
     * {@code schema_version}. Concurrent openers wait for each other. A database newer than this release is refused.
     */
    public static void upgrade(Connection connection, Dialect dialect, int target) throws SQLException {
        lock(connection, dialect);
        try {
            connection.setAutoCommit(false);
            createVersionTable(connection, dialect);
            int current = version(connection);
            if (current > LATEST) {
                connection.rollback();
                throw new SQLException("the database has schema version " + current + ", newer than this Flapjack "
                        + "knows (" + LATEST + "); run a newer Flapjack against it");
            }
            connection.commit();
            for (Step step : STEPS) {
                if (step.version() > current && step.version() <= target) {
                    run(connection, dialect, step);
                }
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
            unlock(connection, dialect);
        }
    }

    /** The highest step the database has, 0 for a new one. */
    public static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void createVersionTable(Connection connection, Dialect dialect) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL PRIMARY KEY,"
                    + " applied_at_ms BIGINT NOT NULL)" + dialect.tableOptions());
        }
    }

    private static void run(Connection connection, Dialect dialect, Step step) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : step.statements().apply(dialect)) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_version (version, applied_at_ms) VALUES (?, ?)")) {
            insert.setInt(1, step.version());
            insert.setLong(2, System.currentTimeMillis());
            insert.executeUpdate();
        }
        connection.commit();
        LOG.log(Level.INFO, () -> "database schema upgraded to version " + step.version() + ": " + step.purpose());
    }

    private static void lock(Connection connection, Dialect dialect) throws SQLException {
        String sql = switch (dialect) {
            case POSTGRESQL -> "SELECT pg_advisory_lock(726157)";
            case MARIADB -> "SELECT GET_LOCK('flapjack_schema', 120)";
            // SQLite: every transaction begins immediate, which already serialises openers.
            case SQLITE -> null;
        };
        execute(connection, sql);
    }

    private static void unlock(Connection connection, Dialect dialect) throws SQLException {
        String sql = switch (dialect) {
            case POSTGRESQL -> "SELECT pg_advisory_unlock(726157)";
            case MARIADB -> "SELECT RELEASE_LOCK('flapjack_schema')";
            case SQLITE -> null;
        };
        execute(connection, sql);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        if (sql != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
