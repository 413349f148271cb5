package org.flapjack.persistence.sql.internal;

import java.sql.Driver;
import java.util.List;
import java.util.stream.Collectors;

/** What differs between the SQL databases Flapjack supports: driver, column types, upsert and locking syntax. */
public enum Dialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT", "", "") {
        @Override
        Driver driver() {
            return new org.sqlite.JDBC();
        }
    },
    POSTGRESQL("BIGSERIAL PRIMARY KEY", "TEXT", "", " FOR UPDATE") {
        @Override
        Driver driver() {
            return new org.postgresql.Driver();
        }
    },
    MARIADB("BIGINT AUTO_INCREMENT PRIMARY KEY", "MEDIUMTEXT",
            " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", " FOR UPDATE") {
        @Override
        Driver driver() {
            // Connector/J prints its own warnings (a refused login, say) to stderr unless told not to; Flapjack
            // reports the failure itself. Read once, when the driver's first class loads; a value set by the
            // operator (-Dmariadb.logging.disable=false) wins.
            if (System.getProperty(MARIADB_LOGGING_OFF) == null) {
                System.setProperty(MARIADB_LOGGING_OFF, "true");
            }
            return new org.mariadb.jdbc.Driver();
        }

        @Override
        String upsert(String table, List<String> keys, List<String> columns) {
            return insert(table, keys, columns) + " ON DUPLICATE KEY UPDATE " + columns.stream()
                    .map(column -> column + " = VALUES(" + column + ")").collect(Collectors.joining(", "));
        }
    };

    private static final String MARIADB_LOGGING_OFF = "mariadb.logging.disable";

    private final String serialKey;
    private final String longText;
    private final String tableOptions;
    private final String forUpdate;

    Dialect(String serialKey, String longText, String tableOptions, String forUpdate) {
        this.serialKey = serialKey;
        this.longText = longText;
        this.tableOptions = tableOptions;
        this.forUpdate = forUpdate;
    }

    /** A new instance of this database's JDBC driver, made directly so that no service lookup is needed. */
    abstract Driver driver();

    /** Column type of a generated 64-bit primary key. */
    String serialKey() {
        return serialKey;
    }

    /** Column type of text that may be longer than a name, such as plugin output. */
    String longText() {
        return longText;
    }

    /** Appended to each CREATE TABLE. */
    String tableOptions() {
        return tableOptions;
    }

    /** Appended to a SELECT that reads a row about to be written in the same transaction. */
    String forUpdate() {
        return forUpdate;
    }

    /** An INSERT of keys and columns that updates the columns when a row with these keys exists. */
    String upsert(String table, List<String> keys, List<String> columns) {
        String updates = columns.stream().map(column -> column + " = excluded." + column)
                .collect(Collectors.joining(", "));
        return insert(table, keys, columns) + " ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET "
                + updates;
    }

    static String insert(String table, List<String> keys, List<String> columns) {
        List<String> all = new java.util.ArrayList<>(keys);
        all.addAll(columns);
        String marks = all.stream().map(column -> "?").collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + String.join(", ", all) + ") VALUES (" + marks + ")";
    }
}
