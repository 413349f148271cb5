package org.flapjack.core.persistence;

import java.util.List;
import java.util.Map;

/** Opens persistence of one kind, picked by the {@code backend} key of the {@code [persistence]} section. */
public interface PersistenceProvider {

    /** The backend names this kind answers to, for example {@code sql}, {@code data_mapper}, {@code datamapper}. */
    List<String> names();

    /**
     * Opens the store the settings describe, creating or upgrading what it needs. Unknown keys are ignored; a bad
     * address or a store that cannot be reached is a {@link PersistenceException}.
     */
    Persistence open(Map<String, String> settings);
}
