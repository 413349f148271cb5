package org.flapjack.persistence.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.persistence.PersistenceException;
import org.flapjack.core.persistence.PersistenceProvider;
import org.flapjack.persistence.sql.internal.SqlAddress;
import org.flapjack.persistence.sql.internal.SqlPersistence;

/**
 * The SQL backend ({@code backend = sql}, also {@code data_mapper} and {@code datamapper}): SQLite, PostgreSQL or
 * MySQL/MariaDB as the {@code uri} setting says, and SQLite in {@code ~/.flapjack/flapjack.db} when it says nothing.
 */
public final class SqlPersistenceProvider implements PersistenceProvider {

    @Override
    public List<String> names() {
        return List.of("sql", "data_mapper", "datamapper");
    }

    @Override
    public Persistence open(Map<String, String> settings) {
        Path defaultFile = Path.of(System.getProperty("user.home"), ".flapjack", "flapjack.db");
        String uri = settings.get("uri");
        SqlAddress address = SqlAddress.parse(uri, defaultFile);
        if (uri == null || uri.isBlank()) {
            createFolder(address, defaultFile.getParent());
        }
        return SqlPersistence.open(address);
    }

    /**
     * Checks a {@code uri} setting the way {@link #open} reads it, without connecting; blank stands for the default
     * SQLite file.
     *
     * @throws PersistenceException naming what is wrong with the uri, its password hidden
     */
    public static void checkUri(String uri) {
        SqlAddress.parse(uri, Path.of("flapjack.db"));
    }

    private static void createFolder(SqlAddress address, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new PersistenceException("sql", address.uri(), "cannot create the folder " + folder + ": "
                    + PersistenceException.reasonOf(e), e);
        }
    }
}
