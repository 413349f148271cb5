package org.flapjack.worker;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Runs a rendered check command as a Nagios plugin: in the checks directory, in a process group of its own, with
 * stdin from /dev/null and only PATH (the checks directory, then /usr/lib/nagios/plugins, then the system's), LANG=C,
 * HOME and PWD in its environment; through {@code /bin/sh -c} when the command needs a shell. At the timeout the whole
 * group is killed; output beyond the cap is read and dropped. Safe to share between threads.
 */
public final class CheckRunner {

    private static final System.Logger LOG = System.getLogger(CheckRunner.class.getName());

    /** The most output of one run that is kept: 64 KiB. */
    public static final int OUTPUT_CAP = 64 * 1024;

    /** Set to {@code java} to start checks through ProcessBuilder even where the C library can be called directly. */
    public static final String LAUNCHER_PROPERTY = "flapjack.worker.launcher";

    private static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** Where Debian's monitoring-plugins put the standard Nagios plugins (check_ping, check_http, ...). */
    static final Path STANDARD_PLUGINS = Path.of("/usr/lib/nagios/plugins");

    /** The class in the fragment org.flapjack.worker.posix, compiled for Java 22, that calls posix_spawn. */
    private static final String POSIX_LAUNCHER = "org.flapjack.worker.PosixLauncher";

    private final Path checksDirectory;

    private final int outputCap;

    private final CheckLauncher launcher;

    private final Map<String, String> environment;

    /** A runner for checks in {@code checksDirectory}, keeping up to {@link #OUTPUT_CAP} bytes of output. */
    public CheckRunner(Path checksDirectory) {
        this(checksDirectory, OUTPUT_CAP, bestLauncher());
    }

    CheckRunner(Path checksDirectory, int outputCap, CheckLauncher launcher) {
        if (!Files.isDirectory(checksDirectory)) {
            throw new IllegalArgumentException("checks directory " + checksDirectory + " is not a directory");
        }
        this.checksDirectory = checksDirectory.toAbsolutePath().normalize();
        this.outputCap = outputCap;
        this.launcher = launcher;
        this.environment = Map.of("PATH", searchPath(), "LANG", "C", "HOME", this.checksDirectory.toString(), "PWD",
            this.checksDirectory.toString());
    }

    /**
     * The launcher that calls posix_spawn when this Java can call C (22 and newer) and the fragment is there, else
     * the one through ProcessBuilder.
     */
    static CheckLauncher bestLauncher() {
        if (Runtime.version().feature() >= 22 && !"java".equals(System.getProperty(LAUNCHER_PROPERTY))) {
            try {
                return (CheckLauncher) Class.forName(POSIX_LAUNCHER).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                LOG.log(Level.INFO, () -> "checks start through ProcessBuilder: posix_spawn cannot be called here ("
                    + e + ")");
            }
        }
        return new JavaLauncher();
    }

    /** The directory the checks run in. */
    public Path checksDirectory() {
        return checksDirectory;
    }

    /** How checks are started, for the worker's log. */
    public String launcherDescription() {
        return launcher.description();
    }

    /**
     * Runs {@code command} and waits until it ends or its timeout passes. When the thread is interrupted the
     * command's process group is killed and the interruption is passed on.
     */
    public CheckRun run(String command, Duration timeLimit) throws InterruptedException {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        BoundedOutput output = new BoundedOutput(outputCap);

        CheckLauncher.Ending ending = launcher.run(command, checksDirectory, environment, start + timeLimit.toNanos(),
            output);

        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        return new CheckRun(ending.exitStatus(), output.text(), !ending.ended(), timeLimit, output.cut(),
            output.total(), startedAt, duration);
    }

    /** The checks directory first, then the standard plugins (when installed), then the system's directories. */
    String searchPath() {
        boolean standardPlugins = Files.isDirectory(STANDARD_PLUGINS) && !checksDirectory.equals(STANDARD_PLUGINS);
        return checksDirectory + ":" + (standardPlugins ? STANDARD_PLUGINS + ":" : "") + SYSTEM_PATH;
    }
}
