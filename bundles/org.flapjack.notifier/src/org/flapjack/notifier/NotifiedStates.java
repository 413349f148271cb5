package org.flapjack.notifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.flapjack.core.notify.NotifiedState;

/**
 * What people were last told about each check, kept in the state directory (one small JSON file per check) so that a
 * restarted notifier neither repeats a problem nor forgets a recovery. It belongs to this notifier, not to the shared
 * store: it describes what this notifier sent.
 */
final class NotifiedStates {

    private static final System.Logger LOG = System.getLogger(NotifiedStates.class.getName());

    private final Path directory;
    /** What was read or written per check; empty when nothing was ever told, so the file is looked for once. */
    private final Map<String, Optional<NotifiedState>> cache = new ConcurrentHashMap<>();

    NotifiedStates(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    /** What people were last told about the check; null when nothing. */
    NotifiedState get(String check) {
        return cache.computeIfAbsent(check, name -> Optional.ofNullable(read(name))).orElse(null);
    }

    /** Remembers what people were just told, on disk before returning. */
    void put(NotifiedState state) throws IOException {
        DurableFiles.write(fileOf(state.check()), Json.state(state));
        cache.put(state.check(), Optional.of(state));
    }

    private NotifiedState read(String check) {
        Path file = fileOf(check);
        try {
            NotifiedState state = Json.state(Files.readAllBytes(file));
            return state.check().equals(check) ? state : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "cannot read what was notified about check " + check + " from "
                    + file + " (" + e.getMessage() + "); treating it as never notified");
            return null;
        }
    }

    private Path fileOf(String check) {
        return directory.resolve(Spool.fileNameOf(check) + ".json");
    }
}
