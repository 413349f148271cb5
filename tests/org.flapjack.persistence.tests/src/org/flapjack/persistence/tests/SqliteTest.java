package org.flapjack.persistence.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The behaviour suite against SQLite in a temporary file. */
class SqliteTest extends SqlPersistenceContract {

    private Path folder;

    @Override
    Map<String, String> freshStore() throws Exception {
        folder = Files.createTempDirectory("flapjack-sqlite-");
        return Map.of("backend", "sql", "uri", "sqlite3://" + folder.resolve("flapjack.db"));
    }

    @Override
    void dropStore(Map<String, String> settings) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
