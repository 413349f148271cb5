package org.flapjack.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A CouchDB-compatible server for tests: pouchdb-server from npm, in memory, on a free loopback port. It runs in a
 * folder of its own (it writes its config and log there), which is removed when it stops.
 */
public final class PouchDbServer implements AutoCloseable {

    private static final String COMMAND = "pouchdb-server";
    private static final String INSTALL = "npm install -g pouchdb-server@4.2.0";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path folder;
    private final int port;

    private PouchDbServer(Process process, Path folder, int port) {
        this.process = process;
        this.folder = folder;
        this.port = port;
    }

    /** Starts a server and returns once it answers HTTP; fails with the install command when it is missing. */
    public static PouchDbServer start() {
        Path command = findOnPath(COMMAND);
        int port = FreePort.find();
        try {
            Path folder = Files.createTempDirectory("pouchdb-server-");
            Process process = new ProcessBuilder(command.toString(), "--in-memory", "-o", "127.0.0.1",
                    "-p", Integer.toString(port), "-n").directory(folder.toFile())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("output.txt").toFile()).start();
            PouchDbServer server = new PouchDbServer(process, folder, port);
            server.awaitAnswer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(COMMAND + " could not be started", e);
        }
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    /** The host to connect to. */
    public String host() {
        return "127.0.0.1";
    }

    /** Stops the server and removes its folder. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteFolder();
    }

    private static Path findOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).map(folder -> Path.of(folder, name))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " not found: " + INSTALL));
    }

    private void awaitAnswer() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(5)).build();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    IllegalStateException failure = failedToStart("exited with status " + process.exitValue());
                    deleteFolder();
                    throw failure;
                }
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // Not listening yet.
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IllegalStateException failure = failedToStart("did not answer on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s");
        close();
        throw failure;
    }

    private IllegalStateException failedToStart(String what) {
        String output;
        try {
            List<String> lines = Files.readAllLines(folder.resolve("output.txt"));
            output = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            output = "(no output)";
        }
        return new IllegalStateException(COMMAND + " " + what + "; its output:\n" + output);
    }

    private void deleteFolder() {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder harms nothing.
        }
    }
}
