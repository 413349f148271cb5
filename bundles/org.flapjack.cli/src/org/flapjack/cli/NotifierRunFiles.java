package org.flapjack.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The files that make one notifier per run directory: a lock the running notifier holds for as long as it runs (the
 * operating system drops it when the process dies, even by SIGKILL) and a pid file that names it.
 */
final class NotifierRunFiles {

    static final String LOCK = "flapjack-notifier.lock";
    static final String PID = "flapjack-notifier.pid";
    static final String LOG = "flapjack-notifier.log";

    private final Path dir;

    NotifierRunFiles(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    Path dir() {
        return dir;
    }

    Path log() {
        return dir.resolve(LOG);
    }

    /**
     * Takes the lock for this process and writes its pid, or fails naming the notifier that holds it. The returned
     * lock is held until it is closed or the process ends.
     */
    AutoCloseable claim() {
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new BadConfig(runningMessage());
            }
            Files.writeString(dir.resolve(PID), ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            return () -> {
                Files.deleteIfExists(dir.resolve(PID));
                lock.release();
                channel.close();
            };
        } catch (IOException e) {
            throw new BadConfig("cannot use run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether a notifier holds the lock of this run directory now. */
    boolean running() {
        Path lockFile = dir.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new BadConfig("cannot read run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The pid the pid file names, if it names one. */
    Optional<Long> pid() {
        try {
            String text = Files.readString(dir.resolve(PID), StandardCharsets.US_ASCII).strip();
            return text.matches("\\d{1,18}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One line naming the running notifier, for a refusal to start another. */
    String runningMessage() {
        return "a notifier is running already with run directory " + dir + pid().map(pid -> " (pid " + pid + ")")
                .orElse("") + "; stop it first with flapjack-notifier-manager stop, or give another --run-dir";
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }
}
