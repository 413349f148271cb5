package org.flapjack.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flapjack.core.model.Node;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.persistence.PersistenceBackends;
import org.flapjack.core.persistence.PersistenceException;
import org.flapjack.core.persistence.PersistenceProvider;
import org.flapjack.persistence.couchdb.CouchDbPersistenceProvider;
import org.flapjack.persistence.sql.SqlPersistenceProvider;
import org.flapjack.persistence.sql.internal.Dialect;
import org.flapjack.persistence.sql.internal.SqlAddress;
import org.flapjack.testing.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code [persistence]} settings of the SQL backend: every uri form, the default file, and one-line errors. */
class SqlSettingsTest {

    private static final List<PersistenceProvider> PROVIDERS = List.of(new SqlPersistenceProvider(),
            new CouchDbPersistenceProvider());

    @TempDir
    Path folder;

    @Test
    void everyBackendNameOfTheOriginalOpensTheSqlBackend() {
        for (String backend : List.of("sql", "data_mapper", "datamapper")) {
            try (Persistence persistence = PersistenceBackends.open(Map.of("backend", backend, "uri",
                    "sqlite3::memory:"), PROVIDERS)) {
                persistence.saveNode(new Node("web1"));
                assertEquals(Optional.of(new Node("web1")), persistence.node("web1"));
            }
        }
    }

    @Test
    void unknownBackendListsTheKnownOnes() {
        PersistenceException error = assertThrows(PersistenceException.class,
                () -> PersistenceBackends.open(Map.of("backend", "redis"), PROVIDERS));

        assertEquals("redis persistence at [persistence]: unknown backend; known backends: sql, data_mapper,"
                + " datamapper, couchdb", error.getMessage());
    }

    @Test
    void noUriMeansSqliteInTheFlapjackFolderOfHome() {
        String home = System.getProperty("user.home");
        System.setProperty("user.home", folder.toString());
        try (Persistence persistence = new SqlPersistenceProvider().open(Map.of("backend", "sql"))) {
            persistence.saveNode(new Node("web1"));
        } finally {
            System.setProperty("user.home", home);
        }

        assertTrue(Files.isRegularFile(folder.resolve(".flapjack/flapjack.db")));
    }

    @Test
    void sqliteFileIsInWalModeWithABusyTimeout() throws Exception {
        String uri = "sqlite3://" + folder.resolve("flapjack.db");
        new SqlPersistenceProvider().open(Map.of("uri", uri)).close();

        try (Connection connection = SqlAddress.parse(uri, null).connect();
                Statement statement = connection.createStatement()) {
            assertEquals("wal", single(statement, "PRAGMA journal_mode"));
            assertEquals("30000", single(statement, "PRAGMA busy_timeout"));
        }
    }

    @Test
    void plainJdbcUrlOpensSqlite() {
        try (Persistence persistence = new SqlPersistenceProvider().open(Map.of("uri",
                "jdbc:sqlite:" + folder.resolve("plain.db")))) {
            persistence.saveNode(new Node("web1"));
        }

        assertTrue(Files.isRegularFile(folder.resolve("plain.db")));
    }

    @Test
    void postgresUriBecomesJdbcUrlAndLogin() {
        SqlAddress address = SqlAddress.parse("postgres://flapjack:p%40ss:word@db.example.com/monitoring", null);

        assertEquals(Dialect.POSTGRESQL, address.dialect());
        assertEquals("jdbc:postgresql://db.example.com:5432/monitoring", address.jdbcUrl());
        assertEquals("flapjack", address.properties().getProperty("user"));
        assertEquals("p@ss:word", address.properties().getProperty("password"));
        assertEquals("postgres://flapjack:***@db.example.com/monitoring", address.toString());
    }

    @Test
    void mysqlUriUsesTheMariaDbDriverOnItsPort() {
        SqlAddress address = SqlAddress.parse("mysql://root:secret@127.0.0.1:3307/flapjack?useSsl=false", null);

        assertEquals(Dialect.MARIADB, address.dialect());
        assertEquals("jdbc:mariadb://127.0.0.1:3307/flapjack?useSsl=false", address.jdbcUrl());
        assertEquals("jdbc:mariadb://db:3306/flapjack", SqlAddress.parse("mysql://root@db/flapjack", null).jdbcUrl());
        assertEquals("jdbc:mariadb://db/flapjack", SqlAddress.parse("jdbc:mysql://db/flapjack", null).jdbcUrl());
    }

    @Test
    void sqliteUriFormsPointAtTheFile() {
        assertEquals("jdbc:sqlite:/var/lib/flapjack/flapjack.db",
                SqlAddress.parse("sqlite3:///var/lib/flapjack/flapjack.db", null).jdbcUrl());
        assertTrue(SqlAddress.parse("sqlite3::memory:", null).jdbcUrl().matches(
                "jdbc:sqlite:file:flapjack-[-0-9a-f]+\\?mode=memory&cache=shared"));
    }

    @Test
    void passwordWithAnAtSignEndsAtTheLastAtBeforeTheHost() {
        SqlAddress address = SqlAddress.parse("postgres://postgres:Wrong@Pass@127.0.0.1/db", null);

        assertEquals("jdbc:postgresql://127.0.0.1:5432/db", address.jdbcUrl());
        assertEquals("Wrong@Pass", address.properties().getProperty("password"));
        assertEquals("postgres://postgres:***@127.0.0.1/db", address.toString());
    }

    @Test
    void unreachableServerShowsNoPartOfAPasswordWithAnAtSign() {
        int port = FreePort.find();

        String message = openFails("postgres://postgres:Wrong@Pass@127.0.0.1:" + port + "/db");

        assertTrue(message.startsWith("sql persistence at postgres://postgres:***@127.0.0.1:" + port + "/db: "),
                message);
        assertFalse(message.contains("Wrong") || message.contains("Pass"), message);
    }

    @Test
    void portThatIsNotANumberIsRefused() {
        String message = openFails("postgres://u:s3cret@db.example.com:notaport/db");

        assertEquals("sql persistence at postgres://u:***@db.example.com:notaport/db: the port must be a number from"
                + " 1 to 65535, not 'notaport'", message);
    }

    @Test
    void connectionsOfAnInMemoryAddressShareOneDatabase() throws Exception {
        SqlAddress address = SqlAddress.parse("sqlite3::memory:", null);

        try (Connection first = address.connect(); Connection second = address.connect();
                Statement writer = first.createStatement(); Statement reader = second.createStatement()) {
            writer.execute("CREATE TABLE shared (name TEXT)");
            writer.execute("INSERT INTO shared VALUES ('web1')");

            assertEquals("web1", single(reader, "SELECT name FROM shared"));
        }
    }

    @Test
    void inMemoryStoreWrittenByOneThreadIsReadByAnother() throws Exception {
        try (Persistence persistence = new SqlPersistenceProvider().open(Map.of("uri", "sqlite3::memory:"))) {
            Thread writer = Thread.ofPlatform().start(() -> persistence.saveNode(new Node("web1")));
            writer.join();
            java.util.concurrent.atomic.AtomicReference<Optional<Node>> read =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Thread reader = Thread.ofPlatform().start(() -> read.set(persistence.node("web1")));
            reader.join();

            assertEquals(Optional.of(new Node("web1")), read.get());
        }
    }

    @Test
    void checkUriRefusesWhatOpenRefusesWithoutConnecting() {
        PersistenceException refused = assertThrows(PersistenceException.class,
                () -> SqlPersistenceProvider.checkUri("banana://foo"));

        assertTrue(refused.getMessage().contains("unsupported uri scheme 'banana'"), refused.getMessage());
        SqlPersistenceProvider.checkUri("");
        SqlPersistenceProvider.checkUri("postgres://u:p@db.example.com:5433/flapjack");
    }

    @Test
    void unreachablePostgresIsOneLineWithThePasswordHidden() {
        int port = FreePort.find();

        String message = openFails("postgres://flapjack:s3cret@127.0.0.1:" + port + "/flapjack");

        assertTrue(message.startsWith("sql persistence at postgres://flapjack:***@127.0.0.1:" + port
                + "/flapjack: cannot open the database: "), message);
        assertOneLineWithoutSecret(message);
    }

    @Test
    void unreachableMysqlIsOneLineWithThePasswordHidden() {
        int port = FreePort.find();

        String message = openFails("mysql://flapjack:s3cret@127.0.0.1:" + port + "/flapjack");

        assertTrue(message.startsWith("sql persistence at mysql://flapjack:***@127.0.0.1:" + port + "/flapjack: "),
                message);
        assertOneLineWithoutSecret(message);
    }

    @Test
    void passwordInAJdbcUrlIsHidden() {
        int port = FreePort.find();

        String message = openFails("jdbc:postgresql://127.0.0.1:" + port + "/flapjack?user=flapjack&password=s3cret");

        assertTrue(message.contains("password=***"), message);
        assertOneLineWithoutSecret(message);
    }

    @Test
    void unsupportedSchemeNamesTheFormsThatWork() {
        String message = openFails("oracle://flapjack:s3cret@db/flapjack");

        assertEquals("sql persistence at oracle://flapjack:***@db/flapjack: unsupported uri scheme 'oracle'; use"
                + " sqlite3:///path, sqlite3::memory:, postgres://user:pass@host/db, mysql://user:pass@host/db or a"
                + " jdbc: URL", message);
    }

    @Test
    void uriWithoutDatabaseIsRefused() {
        String message = openFails("postgres://flapjack:s3cret@db.example.com");

        assertEquals("sql persistence at postgres://flapjack:***@db.example.com: no database; write"
                + " postgres://user:password@host[:port]/database", message);
    }

    @Test
    void sqliteFileInAMissingFolderIsOneLine() {
        String message = openFails("sqlite3://" + folder.resolve("missing/flapjack.db"));

        assertTrue(message.startsWith("sql persistence at sqlite3://" + folder + "/missing/flapjack.db: cannot open"),
                message);
        assertOneLineWithoutSecret(message);
    }

    private static String openFails(String uri) {
        return assertThrows(PersistenceException.class,
                () -> new SqlPersistenceProvider().open(Map.of("backend", "sql", "uri", uri))).getMessage();
    }

    private static void assertOneLineWithoutSecret(String message) {
        assertFalse(message.contains("s3cret"), message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
