package org.flapjack.cli;

import java.util.List;
import java.util.Map;

import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.persistence.PersistenceBackends;
import org.flapjack.core.persistence.PersistenceProvider;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportProvider;
import org.flapjack.persistence.couchdb.CouchDbPersistenceProvider;
import org.flapjack.persistence.sql.SqlPersistenceProvider;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;

/**
 * The persistence and transport backends the headless applications ship, wired by name without ServiceLoader, so that
 * they are found the same way in OSGi and on the launchers' flat class path.
 */
final class Backends {

    private static final List<PersistenceProvider> PERSISTENCE = List.of(new SqlPersistenceProvider(),
            new CouchDbPersistenceProvider());

    private static final List<TransportProvider> TRANSPORTS = List.of(new BeanstalkdProvider());

    private Backends() {
    }

    /** Opens the store the {@code [persistence]} settings name; the SQL backend when they name none. */
    static Persistence persistence(Map<String, String> settings) {
        if (settings.getOrDefault("backend", "").isBlank()) {
            Map<String, String> withBackend = new java.util.HashMap<>(settings);
            withBackend.put("backend", "sql");
            return PersistenceBackends.open(withBackend, PERSISTENCE);
        }
        return PersistenceBackends.open(settings, PERSISTENCE);
    }

    /** Opens the transport the {@code [transport]} settings name; beanstalkd when they name none. */
    static Transport transport(Map<String, String> settings) {
        String backend = settings.getOrDefault("backend", BeanstalkdProvider.NAME).strip();
        for (TransportProvider provider : TRANSPORTS) {
            if (provider.name().equals(backend)) {
                return provider.open(settings);
            }
        }
        throw new BadConfig("[transport] backend " + backend + " is not known; known backends: "
                + String.join(", ", TRANSPORTS.stream().map(TransportProvider::name).toList()));
    }
}
