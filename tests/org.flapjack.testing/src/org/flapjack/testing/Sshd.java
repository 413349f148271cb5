package org.flapjack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server (Debian's openssh-server) on a free loopback port, run as the current user with a host key
 * and a user key it generates; only that user key may log in. Stops in {@link #close()}.
 */
public final class Sshd implements AutoCloseable {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path folder;

    private final int port;

    private Process process;

    private Sshd(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** Generates the keys and config in {@code folder} and starts sshd. */
    public static Sshd start(Path folder) {
        if (!Files.isExecutable(SSHD) || !Files.isExecutable(SSH_KEYGEN)) {
            throw new IllegalStateException("sshd not found: apt-get install openssh-server");
        }
        try {
            Files.createDirectories(folder);
            Sshd sshd = new Sshd(folder.toAbsolutePath(), FreePort.find());
            sshd.generateKey(sshd.hostKey());
            sshd.generateKey(sshd.userKey());
            Files.copy(sshd.userKey().resolveSibling("user_key.pub"), sshd.folder.resolve("authorized_keys"));
            sshd.writeConfig();
            sshd.launch();
            return sshd;
        } catch (IOException e) {
            throw new UncheckedIOException("sshd could not be started", e);
        }
    }

    /** The loopback address sshd listens on. */
    public String host() {
        return "127.0.0.1";
    }

    /** Its port. */
    public int port() {
        return port;
    }

    /** The user that may log in: the one running the tests. */
    public String user() {
        return System.getProperty("user.name");
    }

    /** The private key (OpenSSH format, no passphrase) that may log in. */
    public Path userKey() {
        return folder.resolve("user_key");
    }

    /** Lets the key whose public half is {@code publicKey} log in too. */
    public void authorize(Path publicKey) {
        try {
            Files.writeString(folder.resolve("authorized_keys"), Files.readString(publicKey),
                StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot authorize " + publicKey, e);
        }
    }

    /** Stops sshd, gives it a new host key and starts it again on the same port, as a reinstalled host would. */
    public void changeHostKey() {
        stop();
        try {
            Files.deleteIfExists(hostKey());
            Files.deleteIfExists(hostKey().resolveSibling("host_key.pub"));
            generateKey(hostKey());
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("sshd could not be restarted with a new host key", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Path hostKey() {
        return folder.resolve("host_key");
    }

    private void generateKey(Path file) throws IOException {
        run(List.of(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "flapjack-test", "-f",
            file.toString()));
    }

    private void writeConfig() throws IOException {
        Files.writeString(folder.resolve("sshd_config"), String.join("\n",
            "ListenAddress 127.0.0.1",
            "HostKey " + hostKey(),
            "AuthorizedKeysFile " + folder.resolve("authorized_keys"),
            "PidFile " + folder.resolve("sshd.pid"),
            "StrictModes no",
            "PermitRootLogin prohibit-password",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "LogLevel INFO",
            ""));
    }

    private void launch() throws IOException {
        // sshd wants its privilege separation folder; as root the test may create it
        Files.createDirectories(Path.of("/run/sshd"));
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", folder.resolve("sshd_config").toString(),
            "-p", Integer.toString(port)).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("sshd.log").toFile())).start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with " + process.exitValue() + ": "
                    + Files.readString(folder.resolve("sshd.log")).strip());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host(), port), 200);
                return;
            } catch (IOException e) {
                pause();
            }
        }
        throw new IOException("sshd on port " + port + " did not accept connections within " + START_TIMEOUT);
    }

    private void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping sshd", e);
        }
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process keygen = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(keygen.getInputStream().readAllBytes());
            if (keygen.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sshd", e);
        }
    }
}
