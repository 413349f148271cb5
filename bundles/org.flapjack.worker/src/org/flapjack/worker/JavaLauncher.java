package org.flapjack.worker;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts checks with Java's {@link ProcessBuilder}, which cannot make a process group: {@code setsid} gives the check
 * a session and group of its own, coreutils' {@code timeout} kills it should the worker die before its timer, and
 * {@code /bin/sh -c} runs the command. Works on every Java; costs three programs besides the check's own.
 */
final class JavaLauncher implements CheckLauncher {

    /** Extra time after which coreutils' timeout kills the group, should the worker itself die before its timer. */
    private static final int SAFETY_MARGIN_SECONDS = 5;

    /** How long to wait for the output and exit of a group after it was killed. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(2);

    private static final File NO_INPUT = new File("/dev/null");

    private final String setsid;

    private final String timeout;

    JavaLauncher() {
        this.setsid = program("setsid", "apt-get install util-linux");
        this.timeout = program("timeout", "apt-get install coreutils");
    }

    @Override
    public String description() {
        return "checks start through setsid, timeout and /bin/sh";
    }

    @Override
    public Ending run(String command, Path directory, Map<String, String> environment, long deadline,
        BoundedOutput output) throws InterruptedException {
        Process process = start(command, directory, environment, deadline);
        Thread reader = Thread.ofVirtual().name("check-output-" + process.pid())
            .start(() -> output.readAll(process.getInputStream()));

        boolean ended = false;
        try {
            ended = awaitEnd(process, reader, deadline);
        } finally {
            if (!ended) {
                killAndDrain(process, reader);
            }
        }
        return ended ? new Ending(true, process.exitValue()) : Ending.timedOut();
    }

    private Process start(String command, Path directory, Map<String, String> environment, long deadline) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(Math.max(0, deadline - System.nanoTime()));
        long safetyLimit = Math.max(1, seconds) + SAFETY_MARGIN_SECONDS;
        // setsid execs in place (a child of the JVM leads no group), so the process's pid is its group's id.
        ProcessBuilder builder = new ProcessBuilder(List.of(setsid, timeout, "-s", "KILL", safetyLimit + "s",
            "/bin/sh", "-c", command))
            .directory(directory.toFile())
            .redirectInput(NO_INPUT)
            .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start /bin/sh for a check: " + e.getMessage(), e);
        }
    }

    /** Waits for the end of output (all writers gone) and the command's exit, both before the deadline. */
    private static boolean awaitEnd(Process process, Thread reader, long deadline) throws InterruptedException {
        if (!reader.join(remaining(deadline))) {
            return false;
        }
        return process.waitFor(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static void killAndDrain(Process process, Thread reader) {
        boolean interrupted = Thread.interrupted();
        try {
            ProcessGroup.kill(process.pid());
            process.waitFor(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
            if (!reader.join(AFTER_KILL)) {
                // A process that left the group still holds the pipe open: stop waiting for it.
                process.getInputStream().close();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (IOException e) {
            // closing the pipe failed: the reader ends with the JVM, the run is over either way
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String program(String name, String install) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " not found, checks cannot run in a process group: " + install);
    }
}
