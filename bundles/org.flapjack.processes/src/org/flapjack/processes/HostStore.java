package org.flapjack.processes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The list of remote hosts, kept as {@code hosts.json} in a folder (the console's workspace). It holds no secret:
 * {@link Host} has no password field, and the console keeps passwords in its secure storage.
 */
public final class HostStore {

    /** The file name in the folder. */
    public static final String FILE_NAME = "hosts.json";

    /** Only the record components: {@code Host.isLocal()} is derived, and keys of later versions are skipped. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);

    private final Path file;

    /** A store in {@code folder}, which is created on the first save. */
    public HostStore(Path folder) {
        this.file = folder.resolve(FILE_NAME);
    }

    /** The file the hosts are kept in. */
    public Path file() {
        return file;
    }

    /** The saved hosts, in their saved order; none when nothing was saved yet. */
    public List<Host> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            HostsDocument document = JSON.readValue(file.toFile(), HostsDocument.class);
            return document.hosts() == null ? List.of() : List.copyOf(document.hosts());
        } catch (JacksonException e) {
            throw new IOException(file + ": not a hosts list: " + e.getOriginalMessage(), e);
        }
    }

    /** Replaces the saved hosts with {@code hosts}, writing the file whole so a crash never leaves half of it. */
    public void save(List<Host> hosts) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling("." + FILE_NAME + ".tmp");
        JSON.writeValue(temporary.toFile(), new HostsDocument(1, List.copyOf(hosts)));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file's shape: a format version and the hosts. */
    record HostsDocument(int version, List<Host> hosts) {
    }
}
