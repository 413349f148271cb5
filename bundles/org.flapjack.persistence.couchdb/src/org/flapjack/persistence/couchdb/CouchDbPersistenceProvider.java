package org.flapjack.persistence.couchdb;

import java.util.List;
import java.util.Map;

import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.persistence.PersistenceProvider;

/**
 * The CouchDB backend ({@code backend = couchdb}) with {@code host}, {@code port}, {@code database} and optional
 * {@code username} and {@code password}; it creates its database and views on start.
 */
public final class CouchDbPersistenceProvider implements PersistenceProvider {

    @Override
    public List<String> names() {
        return List.of("couchdb");
    }

    @Override
    public Persistence open(Map<String, String> settings) {
        return CouchDbPersistence.open(CouchAddress.of(settings));
    }
}
