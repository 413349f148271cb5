package org.flapjack.processes;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A machine Flapjack processes run on: this machine when {@code address} is empty, else a host reached over SSH.
 * Holds no secret; a password or passphrase is asked for through a {@link PasswordCallback} when a host needs one.
 *
 * @param name the name shown to the operator, unique in a host list
 * @param address the SSH address (host name or IP), empty for this machine
 * @param port the SSH port, 22 when not given
 * @param user the SSH user, the local user's name when not given
 * @param keyFile a private key file to try before the user's default keys, or null
 * @param installPath the folder of the Flapjack server install on that host (holds {@code bin/})
 * @param settings where the processes on that host find beanstalkd, checks and config files
 * @param authentication how to log in: with keys (the default) or with a password
 */
public record Host(String name, String address, int port, String user, String keyFile, String installPath,
        HostSettings settings, Authentication authentication) {

    /** The name of the row for this machine, always present in the console. */
    public static final String LOCALHOST = "localhost";

    /** Fills in the defaults: port 22, the local user, default settings, key authentication. */
    public Host {
        Objects.requireNonNull(name, "name");
        address = address == null ? "" : address.strip();
        port = port <= 0 ? 22 : port;
        user = user == null || user.isBlank() ? System.getProperty("user.name") : user.strip();
        keyFile = keyFile == null || keyFile.isBlank() ? null : keyFile.strip();
        Objects.requireNonNull(installPath, "installPath");
        settings = settings == null ? HostSettings.defaults() : settings;
        authentication = authentication == null ? Authentication.KEY : authentication;
    }

    /** This machine, with its Flapjack install at {@code installPath}. */
    public static Host local(Path installPath, HostSettings settings) {
        return new Host(LOCALHOST, "", 0, null, null, installPath.toString(), settings, null);
    }

    /** A host reached over SSH, logged in to with keys. */
    public static Host remote(String name, String address, int port, String user, String keyFile,
            String installPath, HostSettings settings) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("host " + name + " needs an address to be reached over SSH");
        }
        return new Host(name, address, port, user, keyFile, installPath, settings, Authentication.KEY);
    }

    /** Whether the host is this machine, whose commands run directly rather than over SSH. */
    public boolean isLocal() {
        return address.isEmpty();
    }

    /** The same host with other settings. */
    public Host withSettings(HostSettings other) {
        return new Host(name, address, port, user, keyFile, installPath, other, authentication);
    }

    /** The same host, logged in to another way. */
    public Host withAuthentication(Authentication other) {
        return new Host(name, address, port, user, keyFile, installPath, settings, other);
    }

    /** {@code user@address:port}: whom a login is for. */
    public String login() {
        return user + "@" + endpoint();
    }

    /** {@code address:port} as the one-line errors name it. */
    String endpoint() {
        return address + ":" + port;
    }
}
