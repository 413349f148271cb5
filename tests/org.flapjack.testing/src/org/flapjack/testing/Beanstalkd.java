package org.flapjack.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real beanstalkd on a free loopback port, optionally keeping a binlog so that it can be killed with SIGKILL and
 * restarted with the jobs it had acknowledged. Stops in {@link #close()}.
 */
public final class Beanstalkd implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path binary;

    private final int port;

    private final Path binlog;

    private final Path log;

    private Process process;

    private Beanstalkd(Path binary, int port, Path binlog) throws IOException {
        this.binary = binary;
        this.port = port;
        this.binlog = binlog;
        this.log = Files.createTempFile("beanstalkd-" + port + "-", ".log");
    }

    /** Starts beanstalkd without a binlog: it forgets every job when it stops. */
    public static Beanstalkd start() {
        return start(null);
    }

    /** Starts beanstalkd writing its binlog to {@code binlogDir}, so a restart finds the acknowledged jobs again. */
    public static Beanstalkd startWithBinlog(Path binlogDir) {
        return start(binlogDir);
    }

    private static Beanstalkd start(Path binlogDir) {
        try {
            Beanstalkd beanstalkd = new Beanstalkd(findBinary(), FreePort.find(), binlogDir);
            beanstalkd.launch();
            return beanstalkd;
        } catch (IOException e) {
            throw new UncheckedIOException("beanstalkd could not be started", e);
        }
    }

    /** The loopback address beanstalkd listens on. */
    public String host() {
        return HOST;
    }

    /** The port beanstalkd listens on; the same across restarts. */
    public int port() {
        return port;
    }

    /** The {@code [transport]} settings that reach this server. */
    public Map<String, String> settings() {
        return Map.of("backend", "beanstalkd", "host", HOST, "port", Integer.toString(port));
    }

    /** Kills beanstalkd with SIGKILL, as a crash would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("beanstalkd on port " + port + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing beanstalkd", e);
        }
    }

    /** Starts beanstalkd again on the same port, with the same binlog, after {@link #kill()}. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("beanstalkd on port " + port + " is still running; kill() it first");
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("beanstalkd could not be restarted on port " + port, e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-l", HOST, "-p", Integer.toString(port)));
        if (binlog != null) {
            Files.createDirectories(binlog);
            command.addAll(List.of("-b", binlog.toString()));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitAccepting();
    }

    private void awaitAccepting() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("beanstalkd on port " + port + " exited with " + process.exitValue() + ": "
                    + Files.readString(log).strip());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 200);
                return;
            } catch (IOException e) {
                pause();
            }
        }
        throw new IOException("beanstalkd on port " + port + " did not accept connections within " + START_TIMEOUT);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for beanstalkd", e);
        }
    }

    private static Path findBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "beanstalkd");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, "beanstalkd");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("beanstalkd not found: apt-get install beanstalkd");
    }
}
