package org.flapjack.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flapjack.core.persistence.PersistenceException;
import org.flapjack.core.persistence.PersistenceProvider;
import org.flapjack.persistence.couchdb.CouchDbPersistenceProvider;
import org.flapjack.testing.FreePort;
import org.flapjack.testing.PouchDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The behaviour suite against a CouchDB-compatible server (pouchdb-server), in a database of each test's own. */
class CouchDbTest extends PersistenceContract {

    private static PouchDbServer server;

    @BeforeAll
    static void startServer() {
        server = PouchDbServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    PersistenceProvider provider() {
        return new CouchDbPersistenceProvider();
    }

    @Override
    Map<String, String> freshStore() {
        return Map.of("backend", "couchdb", "host", server.host(), "port", Integer.toString(server.port()),
                "database", "flapjack_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    void dropStore(Map<String, String> settings) throws Exception {
        URI database = URI.create("http://" + server.host() + ":" + server.port() + "/" + settings.get("database"));
        try (HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(database).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void unreachableServerIsOneLineWithThePasswordHidden() {
        Map<String, String> settings = Map.of("backend", "couchdb", "host", "127.0.0.1", "port",
                Integer.toString(FreePort.find()), "database", "flapjack", "username", "admin", "password", "s3cret");

        PersistenceException error = assertThrows(PersistenceException.class, () -> provider().open(settings));

        assertTrue(error.getMessage().startsWith("couchdb persistence at http://admin:***@127.0.0.1:"),
                error.getMessage());
        assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
        assertTrue(error.getMessage().contains("connection refused"), error.getMessage());
    }

    @Test
    void badSettingIsOneLineNamingIt() {
        Map<String, String> settings = Map.of("backend", "couchdb", "host", "127.0.0.1", "port", "fifty",
                "password", "s3cret");

        PersistenceException error = assertThrows(PersistenceException.class, () -> provider().open(settings));

        assertEquals("couchdb persistence at http://127.0.0.1:0/flapjack: port 'fifty' is not a number",
                error.getMessage());
    }

    @Test
    void openingAgainFindsDatabaseAndViewsInPlace() {
        persistence.saveCheck(check("web", List.of(), List.of()));

        try (var again = provider().open(settings())) {
            assertEquals(1, again.enabledChecks().size());
        }
    }
}
