package org.flapjack.persistence.tests;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;

/** The behaviour suite against PostgreSQL, in a database of each test's own. */
class PostgresTest extends SqlPersistenceContract {

    private static final ScratchDatabases SERVER = ScratchDatabases.postgres();

    private String database;

    @BeforeAll
    static void requireServer() {
        SERVER.assumeReachable();
    }

    @Override
    Map<String, String> freshStore() throws Exception {
        database = SERVER.create();
        return Map.of("backend", "sql", "uri", SERVER.uri(database));
    }

    @Override
    void dropStore(Map<String, String> settings) throws Exception {
        SERVER.drop(database);
    }
}
