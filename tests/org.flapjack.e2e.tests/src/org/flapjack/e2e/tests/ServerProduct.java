package org.flapjack.e2e.tests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The built server product, named by the system property {@code flapjack.server.home}: runs its {@code bin/}
 * launchers as the user would, and reads the pid files they leave in their run directories.
 */
public final class ServerProduct {

    /** The system property the build sets to the materialized server product. */
    public static final String HOME_PROPERTY = "flapjack.server.home";

    private final Path home;

    private ServerProduct(Path home) {
        this.home = home;
    }

    /** The product the system property names; an IllegalStateException saying how to build it when there is none. */
    public static ServerProduct fromSystemProperty() {
        String property = System.getProperty(HOME_PROPERTY);
        if (property == null || !Files.isExecutable(Path.of(property, "bin", "flapjack-worker-manager"))) {
            throw new IllegalStateException("system property " + HOME_PROPERTY + " must name the built server product "
                    + "(with bin/flapjack-worker-manager), not " + property + ": build it with ./mvnw verify");
        }
        return new ServerProduct(Path.of(property));
    }

    /** The path of one launcher in {@code bin/}, such as {@code flapjack-populator}. */
    public Path launcher(String name) {
        return home.resolve("bin").resolve(name);
    }

    /**
     * Runs a launcher to its end and returns what it printed (stdout and stderr together). An exit status other than
     * 0, or a run longer than {@code limit} (the launcher is then killed), is an IllegalStateException that quotes the
     * output.
     */
    public String run(Duration limit, String launcher, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(launcher(launcher).toString());
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile(launcher + "-", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(output.toFile()).start();
                boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
                if (!ended) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (!ended || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + (ended ? " exited with "
                            + process.exitValue() : " did not end within " + limit) + ": " + text.strip());
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /** The pids in the worker pid files of a worker manager's run directory, running or not. */
    public static List<Long> workerPids(Path runDir) {
        List<Long> pids = new ArrayList<>();
        if (!Files.isDirectory(runDir)) {
            return pids;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runDir, "flapjack-worker-*.pid")) {
            for (Path file : files) {
                readPid(file).ifPresent(pids::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the worker pid files in " + runDir, e);
        }
        pids.sort(null);
        return pids;
    }

    /** The pid in the notifier's pid file in its run directory, if there is one. */
    public static Optional<Long> notifierPid(Path runDir) {
        return readPid(runDir.resolve("flapjack-notifier.pid"));
    }

    /**
     * Kills with SIGKILL each of these processes that is still alive and is a Flapjack application (so that a pid
     * reused by something else is left alone): the last resort after the managers' own stop.
     */
    public static void killLeftovers(List<Long> pids) {
        for (long pid : pids) {
            ProcessHandle.of(pid).filter(ServerProduct::isFlapjack).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static boolean isFlapjack(ProcessHandle process) {
        return process.info().arguments().map(List::of).orElse(List.of()).stream()
                .anyMatch(argument -> argument.startsWith("org.flapjack."));
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
