package org.flapjack.core.persistence;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Picks the provider that answers to the {@code backend} setting and opens the store with it. */
public final class PersistenceBackends {

    private PersistenceBackends() {
    }

    /**
     * Opens the store of the provider whose names include {@code settings.get("backend")}; a missing or unknown
     * backend is a {@link PersistenceException} that lists the known names.
     */
    public static Persistence open(Map<String, String> settings, List<PersistenceProvider> providers) {
        String backend = settings.getOrDefault("backend", "").strip();
        for (PersistenceProvider provider : providers) {
            if (provider.names().contains(backend)) {
                return provider.open(settings);
            }
        }
        String known = providers.stream().flatMap(p -> p.names().stream()).collect(Collectors.joining(", "));
        String reason = backend.isEmpty() ? "no backend set" : "unknown backend";
        throw new PersistenceException(backend.isEmpty() ? "(no backend)" : backend, "[persistence]",
                reason + "; known backends: " + known, null);
    }
}
