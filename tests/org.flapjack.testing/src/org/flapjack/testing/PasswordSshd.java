package org.flapjack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;

/**
 * An SSH server on a free loopback port that lets one user in with one password, and runs each command it is sent
 * with {@code /bin/sh -c} as the user running the tests. It is Apache MINA SSHD, not OpenSSH: OpenSSH checks
 * passwords against the machine's accounts, which a test must not change. Stops in {@link #close()}.
 */
public final class PasswordSshd implements AutoCloseable {

    private final SshServer server;

    private final String password;

    private final AtomicInteger attempts = new AtomicInteger();

    private PasswordSshd(SshServer server, String password) {
        this.server = server;
        this.password = password;
    }

    /** Starts the server, with its host key in {@code folder}, for {@link #user()} and {@code password}. */
    public static PasswordSshd start(Path folder, String password) {
        SshServer server = SshServer.setUpDefaultServer();
        PasswordSshd sshd = new PasswordSshd(server, password);
        try {
            Files.createDirectories(folder);
            server.setHost("127.0.0.1");
            server.setPort(FreePort.find());
            server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(folder.resolve("host_key.ser")));
            server.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
            server.setPasswordAuthenticator((user, given, session) -> sshd.check(user, given));
            server.setCommandFactory((channel, command) -> new ProcessShellFactory(command, "/bin/sh", "-c", command)
                .createShell(channel));
            server.start();
            return sshd;
        } catch (IOException e) {
            throw new UncheckedIOException("the password SSH server could not be started", e);
        }
    }

    /** The loopback address it listens on. */
    public String host() {
        return "127.0.0.1";
    }

    /** Its port. */
    public int port() {
        return server.getPort();
    }

    /** The user that may log in: the one running the tests. */
    public String user() {
        return System.getProperty("user.name");
    }

    /** How many passwords were tried so far, right or wrong. */
    public int attempts() {
        return attempts.get();
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException("the password SSH server did not stop", e);
        }
    }

    private boolean check(String user, String given) {
        attempts.incrementAndGet();
        return user().equals(user) && password.equals(given);
    }
}
