package org.flapjack.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Controls the Flapjack processes of any number of hosts: this machine directly, the others over SSH with
 * connections kept open until {@link #close()}. The entry point of this bundle.
 */
public final class Processes implements AutoCloseable {

    /** How long connecting and logging in to a host may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final SshConnections connections;

    private final Map<Host, HostControl> controls = new ConcurrentHashMap<>();

    private final LocalShell local = new LocalShell();

    /**
     * Checks host keys against {@code knownHosts} (new and changed keys go to {@code hostKeys}), offers the keys of
     * the user's SSH agent when one runs, and asks {@code passwords} for the password of a password host and the
     * passphrase of an encrypted key.
     */
    public Processes(Path knownHosts, HostKeyCallback hostKeys, PasswordCallback passwords) {
        this(knownHosts, hostKeys, passwords, CONNECT_TIMEOUT, userAgentSocket());
    }

    /**
     * As {@link #Processes(Path, HostKeyCallback, PasswordCallback)}, giving up connecting after {@code timeout}, and
     * offering the keys of the SSH agent at {@code agentSocket} (none when it is null).
     */
    public Processes(Path knownHosts, HostKeyCallback hostKeys, PasswordCallback passwords, Duration timeout,
            Path agentSocket) {
        this.connections = new SshConnections(knownHosts, hostKeys, passwords, timeout, agentSocket);
    }

    /** The user's own known_hosts file, {@code ~/.ssh/known_hosts}. */
    public static Path userKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /** The socket of the user's SSH agent, as {@code SSH_AUTH_SOCK} names it, or null when no agent runs. */
    public static Path userAgentSocket() {
        String socket = System.getenv("SSH_AUTH_SOCK");
        return socket == null || socket.isBlank() ? null : Path.of(socket);
    }

    /** The control of {@code host}; the same one for the same host, so that checks per second add up. */
    public HostControl control(Host host) {
        return controls.computeIfAbsent(host, key -> new HostControl(key, key.isLocal() ? local
            : new SshShell(key, connections)));
    }

    /**
     * Forgets {@code host} after it was edited or removed: its control and its SSH connection, so that the next
     * command logs in afresh with what the host says now.
     */
    public void forget(Host host) {
        controls.remove(host);
        if (!host.isLocal()) {
            connections.drop(host);
        }
    }

    /** Closes every SSH connection. The processes started keep running. */
    @Override
    public void close() {
        controls.clear();
        connections.close();
    }
}
