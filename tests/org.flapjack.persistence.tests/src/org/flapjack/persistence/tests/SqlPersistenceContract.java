package org.flapjack.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckStatus;
import org.flapjack.core.model.Event;
import org.flapjack.core.model.Node;
import org.flapjack.core.model.Status;
import org.flapjack.core.persistence.Batch;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.persistence.PersistenceException;
import org.flapjack.core.persistence.PersistenceProvider;
import org.flapjack.persistence.sql.SqlPersistenceProvider;
import org.flapjack.persistence.sql.internal.SqlAddress;
import org.flapjack.persistence.sql.internal.SqlSchema;
import org.junit.jupiter.api.Test;

/** The behaviour suite plus what only the SQL backend has: a schema that is upgraded in numbered steps. */
abstract class SqlPersistenceContract extends PersistenceContract {

    private static final List<String> TABLES = List.of("schema_version", "nodes", "check_templates", "checks",
            "check_parents", "check_recipients", "latest_status", "events", "batches");

    @Override
    PersistenceProvider provider() {
        return new SqlPersistenceProvider();
    }

    @Test
    void olderSchemaIsUpgradedWithoutLosingRows() throws Exception {
        persistence.close();
        SqlAddress address = SqlAddress.parse(settings().get("uri"), null);
        try (Connection connection = address.connect(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
            SqlSchema.upgrade(connection, address.dialect(), 1);
            statement.execute("INSERT INTO nodes (name, params) VALUES ('web1', '{\"RACK\":\"r1\"}')");
            statement.execute("INSERT INTO checks (name, node, template, command, params, interval_seconds,"
                    + " timeout_seconds, enabled) VALUES ('web', 'web1', NULL, 'check_http', '{}', 60, 10, TRUE)");
            statement.execute("INSERT INTO check_parents (check_name, parent_name, ordinal) VALUES ('web', 'ping', 0)");
            statement.execute("INSERT INTO latest_status (check_name, status, output, time_ms)"
                    + " VALUES ('web', 'CRITICAL', 'down', " + T0.toEpochMilli() + ")");
            statement.execute("INSERT INTO events (check_name, status, output, time_ms)"
                    + " VALUES ('web', 'CRITICAL', 'down', " + T0.toEpochMilli() + ")");
        }

        Persistence upgraded = open();

        assertEquals(List.of(new Node("web1", Map.of("RACK", "r1"))), upgraded.nodes());
        assertEquals(Optional.of(new Check("web", "web1", null, "check_http", Map.of(), 60, 10, true,
                List.of("ping"), List.of())), upgraded.check("web"));
        assertEquals(Optional.of(new CheckStatus("web", Status.CRITICAL, "down", T0, null)),
                upgraded.latestStatus("web"));
        assertEquals(List.of(new Event("web", Status.CRITICAL, "down", T0)), upgraded.events(0, 10));
        upgraded.recordBatch(new Batch("b1", Instant.now(), 1, "alice"));
        assertEquals(SqlSchema.LATEST, schemaVersion());
    }

    @Test
    void openingAgainRunsNoStepTwice() throws Exception {
        open().close();

        try (Connection connection = SqlAddress.parse(settings().get("uri"), null).connect();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT COUNT(*) FROM schema_version")) {
            rows.next();
            assertEquals(SqlSchema.LATEST, rows.getInt(1));
        }
    }

    @Test
    void schemaNewerThanThisReleaseIsRefused() throws Exception {
        try (Connection connection = SqlAddress.parse(settings().get("uri"), null).connect();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version (version, applied_at_ms) VALUES (999, 0)");
        }

        PersistenceException error = assertThrows(PersistenceException.class, this::open);

        assertTrue(error.getMessage().contains("schema version 999, newer than this Flapjack"), error.getMessage());
    }

    @Test
    void checksSavedAtOnceAreAllOrNothing() throws Exception {
        persistence.saveCheck(check("kept", List.of(), List.of("alice")));
        try (Connection connection = SqlAddress.parse(settings().get("uri"), null).connect();
                Statement statement = connection.createStatement()) {
            // Without the recipients table the batch fails after its checks and parents were written.
            statement.execute("ALTER TABLE check_recipients RENAME TO check_recipients_away");
        }

        assertThrows(PersistenceException.class, () -> persistence.saveChecks(numbered(50, "alice")));

        try (Connection connection = SqlAddress.parse(settings().get("uri"), null).connect();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT COUNT(*) FROM checks")) {
            rows.next();
            assertEquals(1, rows.getInt(1));
        }
    }

    private int schemaVersion() throws SQLException {
        try (Connection connection = SqlAddress.parse(settings().get("uri"), null).connect()) {
            return SqlSchema.version(connection);
        }
    }
}
