package org.flapjack.persistence.tests;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A database server that runs beside the tests (PostgreSQL or MariaDB on its standard loopback port), where each test
 * gets a database of its own that is dropped afterwards. When the server cannot be reached the tests are skipped with
 * a message on how to start it; with {@code CI=true} they fail instead, because CI must run them.
 */
record ScratchDatabases(String product, Driver driver, String adminUrl, Properties login, String uriScheme,
        String uriLogin, int port, String createOptions, String dropOptions, String howToStart) {

    static ScratchDatabases postgres() {
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        return new ScratchDatabases("PostgreSQL", new org.postgresql.Driver(),
                "jdbc:postgresql://127.0.0.1:5432/postgres", login, "postgres", "postgres", 5432, "", " WITH (FORCE)",
                "start PostgreSQL on 127.0.0.1:5432 with trust authentication for user postgres "
                        + "(Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)");
    }

    static ScratchDatabases mariadb() {
        Properties login = new Properties();
        login.setProperty("user", "root");
        login.setProperty("password", "");
        return new ScratchDatabases("MariaDB", new org.mariadb.jdbc.Driver(), "jdbc:mariadb://127.0.0.1:3306/", login,
                "mysql", "root", 3306, " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", "",
                "start MariaDB on 127.0.0.1:3306 with user root and an empty password "
                        + "(Debian: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd)");
    }

    /** Skips (or, in CI, fails) the calling test class when the server does not answer. */
    void assumeReachable() {
        try (Connection connection = admin()) {
            connection.isValid(5);
        } catch (SQLException e) {
            String message = product + " is not reachable at 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); to run these tests, " + howToStart;
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true, so the " + product + " tests must run: " + message);
            }
            Assumptions.abort(message);
        }
    }

    /** Creates an empty database with a name no other run uses. */
    String create() throws SQLException {
        String name = "flapjack_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name + createOptions);
        return name;
    }

    void drop(String name) throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + dropOptions);
    }

    /** The {@code uri} setting for a database, in the form users write. */
    String uri(String database) {
        return uriScheme + "://" + uriLogin + "@127.0.0.1:" + port + "/" + database;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection admin() throws SQLException {
        return driver.connect(adminUrl, login);
    }
}
