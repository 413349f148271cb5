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
     * Checks host keys against {@code knownHosts} (new and changed keys go to {@code hostKeys}) and asks
     * {@code passwords} for a secret only when a server refuses the keys.
     */
    public Processes(Path knownHosts, HostKeyCallback hostKeys, PasswordCallback passwords) {
        this(knownHosts, hostKeys, passwords, CONNECT_TIMEOUT);
    }

    /** As {@link #Processes(Path, HostKeyCallback, PasswordCallback)}, giving up connecting after {@code timeout}. */
    public Processes(Path knownHosts, HostKeyCallback hostKeys, PasswordCallback passwords, Duration timeout) {
        this.connections = new SshConnections(knownHosts, hostKeys, passwords, timeout);
    }

    /** The user's own known_hosts file, {@code ~/.ssh/known_hosts}. */
    public static Path userKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /** The control of {@code host}; the same one for the same host, so that checks per second add up. */
    public HostControl control(Host host) {
        return controls.computeIfAbsent(host, key -> new HostControl(key, key.isLocal() ? local
            : new SshShell(key, connections)));
    }

    /** Closes every SSH connection. The processes started keep running. */
    @Override
    public void close() {
        controls.clear();
        connections.close();
    }
}
