package org.flapjack.worker;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a rendered check command as a Nagios plugin: through {@code /bin/sh -c} in the checks directory, in a session
 * and process group of its own, with stdin from /dev/null and only PATH (the checks directory, then
 * /usr/lib/nagios/plugins, then the system's), LANG=C and HOME in its environment. At the
 * timeout the whole group is killed; output beyond the cap is read and dropped. Safe to share between threads.
 */
public final class CheckRunner {

    /** The most output of one run that is kept: 64 KiB. */
    public static final int OUTPUT_CAP = 64 * 1024;

    private static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** Where Debian's monitoring-plugins put the standard Nagios plugins (check_ping, check_http, ...). */
    static final Path STANDARD_PLUGINS = Path.of("/usr/lib/nagios/plugins");

    /** Extra time after which coreutils' timeout kills the group, should the worker itself die before its timer. */
    private static final int SAFETY_MARGIN_SECONDS = 5;

    /** How long to wait for the output and exit of a group after it was killed. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(2);

    private static final File NO_INPUT = new File("/dev/null");

    private final Path checksDirectory;

    private final int outputCap;

    private final String setsid;

    private final String timeout;

    /** A runner for checks in {@code checksDirectory}, keeping up to {@link #OUTPUT_CAP} bytes of output. */
    public CheckRunner(Path checksDirectory) {
        this(checksDirectory, OUTPUT_CAP);
    }

    CheckRunner(Path checksDirectory, int outputCap) {
        if (!Files.isDirectory(checksDirectory)) {
            throw new IllegalArgumentException("checks directory " + checksDirectory + " is not a directory");
        }
        this.checksDirectory = checksDirectory.toAbsolutePath().normalize();
        this.outputCap = outputCap;
        this.setsid = program("setsid", "apt-get install util-linux");
        this.timeout = program("timeout", "apt-get install coreutils");
    }

    /** The directory the checks run in. */
    public Path checksDirectory() {
        return checksDirectory;
    }

    /**
     * Runs {@code command} and waits until it ends or its timeout passes. When the thread is interrupted the
     * command's process group is killed and the interruption is passed on.
     */
    public CheckRun run(String command, Duration timeLimit) throws InterruptedException {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        long deadline = start + timeLimit.toNanos();
        Process process = start(command, timeLimit);
        BoundedOutput output = new BoundedOutput(outputCap);
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

        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        int exitStatus = ended ? process.exitValue() : 3;
        return new CheckRun(exitStatus, output.text(), !ended, timeLimit, output.cut(), output.total(), startedAt,
            duration);
    }

    private Process start(String command, Duration timeLimit) {
        long safetyLimit = Math.max(1, timeLimit.toSeconds()) + SAFETY_MARGIN_SECONDS;
        // setsid execs in place (a child of the JVM leads no group), so the process's pid is its group's id.
        ProcessBuilder builder = new ProcessBuilder(List.of(setsid, timeout, "-s", "KILL", safetyLimit + "s",
            "/bin/sh", "-c", command))
            .directory(checksDirectory.toFile())
            .redirectInput(NO_INPUT)
            .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", searchPath());
        environment.put("LANG", "C");
        environment.put("HOME", checksDirectory.toString());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start /bin/sh for a check: " + e.getMessage(), e);
        }
    }

    /** The checks directory first, then the standard plugins (when installed), then the system's directories. */
    String searchPath() {
        boolean standardPlugins = Files.isDirectory(STANDARD_PLUGINS) && !checksDirectory.equals(STANDARD_PLUGINS);
        return checksDirectory + ":" + (standardPlugins ? STANDARD_PLUGINS + ":" : "") + SYSTEM_PATH;
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
