package org.flapjack.console.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {

    @Test
    void thePasswordFromSecureStorageGoesIntoTheUriOnlyWhenTheStoreIsOpened() {
        ConsoleSettings settings = settings("postgres://flapjack@db.example.org/flapjack");

        assertTrue(settings.needsPassword());
        assertFalse(settings.toString().contains("s3cret"));
        assertEquals("postgres://flapjack:s3cr%2Ft@db.example.org/flapjack",
                settings.withPassword("s3cr/t").persistenceSettings().get("uri"));
    }

    @Test
    void aBlankUriMeansTheDefaultSqliteFileAndNeedsNoPassword() {
        ConsoleSettings settings = settings("");

        assertFalse(settings.needsPassword());
        assertEquals("", settings.persistenceSettings().get("uri"));
        assertEquals("sql", settings.persistenceSettings().get("backend"));
    }

    private static ConsoleSettings settings(String uri) {
        return new ConsoleSettings(uri, "", "localhost", 11300, Path.of("r.conf"), Path.of("n.conf"));
    }
}
