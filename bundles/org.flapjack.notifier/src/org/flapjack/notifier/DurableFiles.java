package org.flapjack.notifier;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes and removes small files so that a crash or power loss leaves either the old file or the new one. */
final class DurableFiles {

    private DurableFiles() {
    }

    /** Writes the bytes to a temporary file, syncs it, renames it over {@code file} and syncs the directory. */
    static void write(Path file, byte[] bytes) throws IOException {
        Path directory = file.getParent();
        Path temporary = directory.resolve(".tmp-" + file.getFileName());
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(directory);
    }

    /** Removes the file, if there, and syncs its directory so the removal survives a crash. */
    static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            syncDirectory(file.getParent());
        }
    }

    /** Moves the file into {@code directory}, keeping its name, and syncs both directories. */
    static void moveInto(Path file, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.move(file, directory.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(directory);
        syncDirectory(file.getParent());
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to sync a directory; the rename itself is still atomic there.
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
    }
}
