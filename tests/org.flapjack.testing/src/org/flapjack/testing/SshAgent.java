package org.flapjack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code ssh-agent} (Debian's openssh-client) listening on a socket in a folder of the test's own,
 * holding the keys {@link #add(Path)} gave it. Stops in {@link #close()}.
 */
public final class SshAgent implements AutoCloseable {

    private static final Path SSH_AGENT = Path.of("/usr/bin/ssh-agent");

    private static final Path SSH_ADD = Path.of("/usr/bin/ssh-add");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    /** Unix socket paths are cut at 108 bytes; leave room. */
    private static final int MAX_SOCKET_PATH = 100;

    private final Path socket;

    private final Process process;

    private SshAgent(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
    }

    /** Starts ssh-agent in the foreground with its socket in {@code folder}. */
    public static SshAgent start(Path folder) {
        if (!Files.isExecutable(SSH_AGENT) || !Files.isExecutable(SSH_ADD)) {
            throw new IllegalStateException("ssh-agent not found: apt-get install openssh-client");
        }
        try {
            Path socket = Files.createDirectories(folder).toAbsolutePath().resolve("agent.sock");
            if (socket.toString().length() > MAX_SOCKET_PATH) {
                throw new IllegalArgumentException("the agent socket path " + socket + " is too long for a Unix "
                    + "socket; give a shorter folder");
            }
            Process process = new ProcessBuilder(SSH_AGENT.toString(), "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("ssh-agent.log").toFile()).start();
            SshAgent agent = new SshAgent(socket, process);
            agent.awaitSocket();
            return agent;
        } catch (IOException e) {
            throw new UncheckedIOException("ssh-agent could not be started", e);
        }
    }

    /** The socket, as {@code SSH_AUTH_SOCK} would name it. */
    public Path socket() {
        return socket;
    }

    /** Adds the private key {@code key} (without passphrase) with {@code ssh-add}. */
    public void add(Path key) {
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(SSH_ADD.toString(), key.toString()))
                .redirectErrorStream(true);
            builder.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process add = builder.start();
            String output = new String(add.getInputStream().readAllBytes()).strip();
            if (add.waitFor() != 0) {
                throw new IllegalStateException("ssh-add " + key + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ssh-add could not be run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding " + key + " to ssh-agent", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("the agent socket " + socket + " could not be removed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping ssh-agent", e);
        }
    }

    private void awaitSocket() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.exists(socket)) {
            if (!process.isAlive()) {
                throw new IOException("ssh-agent exited with " + process.exitValue());
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IOException("ssh-agent made no socket at " + socket + " within " + START_TIMEOUT);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for ssh-agent", e);
            }
        }
    }
}
