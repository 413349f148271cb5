package org.flapjack.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.flapjack.core.config.ConfigException;
import org.flapjack.core.notify.NotificationRules;
import org.flapjack.notifier.EngineOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flapjack-notifier-manager}: starts the notifier as a daemon, stops it, restarts it and says whether it runs.
 * It knows the notifier by the lock and pid file in the run directory, so there is one notifier per run directory.
 */
@Command(name = "flapjack-notifier-manager", version = "flapjack-notifier-manager 0.1.0",
        description = {"Manages the flapjack-notifier daemon on this host.",
            "  start    checks the files and starts the notifier in the background",
            "  stop     stops the notifier, by force after --timeout",
            "  restart  stops the notifier and starts it again",
            "  status   says whether the notifier runs, and its pid"})
public final class NotifierManager implements Callable<Integer> {

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(100);

    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop, restart or status.")
    String action;

    @Option(names = {"-r", "--recipients"}, paramLabel = "FILE",
            description = "The recipients file (needed by start and restart).")
    Path recipientsFile;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The notifier config (default: /etc/flapjack/flapjack-notifier.conf).")
    Path config;

    @Option(names = {"-b", "--beanstalk"}, paramLabel = "HOST", description = "beanstalkd host, over [transport].")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "beanstalkd port, over [transport].")
    Integer port;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Directory of the notifier's pid, lock and log files (default: /var/run/flapjack as root, "
                    + "else $XDG_STATE_HOME/flapjack or ~/.local/state/flapjack).")
    Path runDir;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "The notifier's state directory (default: the notifier's own default).")
    Path stateDir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long stop waits after SIGTERM before it sends SIGKILL (default: ${DEFAULT-VALUE}).")
    int stopTimeoutSeconds;

    @Spec
    CommandSpec spec;

    /** Manages the notifier as the command line asks. */
    public static void main(String[] args) {
        Launch.main(new NotifierManager(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        switch (action) {
            case "start" -> start();
            case "stop" -> stop();
            case "restart" -> {
                checkFiles();
                stop();
                start();
            }
            case "status" -> status();
            default -> throw new ParameterException(spec.commandLine(), "unknown action '" + action
                    + "': expected start, stop, restart or status");
        }
        return 0;
    }

    private void start() throws InterruptedException {
        checkFiles();
        NotifierRunFiles files = files();
        if (files.running()) {
            throw new BadConfig(files.runningMessage());
        }
        Path launcher = launcher();
        Process process = launch(command(launcher), files);
        awaitRunning(process, files);
        out().println("started flapjack-notifier, pid " + process.pid() + "; log in " + files.log());
    }

    /** Refuses a config or recipients file the notifier would refuse, before anything starts. */
    private void checkFiles() {
        if (recipientsFile == null) {
            throw new ParameterException(spec.commandLine(), "--recipients FILE is needed to " + action
                    + " the notifier");
        }
        try {
            NotifierDaemon.readRecipients(recipientsFile);
            var notifierConfig = NotifierDaemon.readConfig(configFile(), config == null);
            NotificationRules.of(notifierConfig);
            EngineOptions.of(notifierConfig);
        } catch (ConfigException e) {
            throw new BadConfig(e.getMessage(), e);
        }
    }

    private List<String> command(Path launcher) {
        List<String> command = new ArrayList<>(List.of(launcher.toString(),
                "--recipients", recipientsFile.toAbsolutePath().toString(),
                "--config", configFile().toAbsolutePath().toString(),
                "--run-dir", files().dir().toString()));
        if (stateDir != null) {
            command.addAll(List.of("--state-dir", stateDir.toAbsolutePath().toString()));
        }
        if (host != null) {
            command.addAll(List.of("-b", host));
        }
        if (port != null) {
            command.addAll(List.of("-p", port.toString()));
        }
        return command;
    }

    private static Process launch(List<String> command, NotifierRunFiles files) {
        List<String> detached = new ArrayList<>();
        detached.add(Files.isExecutable(Path.of("/usr/bin/setsid")) ? "/usr/bin/setsid" : "setsid");
        detached.addAll(command);
        try {
            Files.createDirectories(files.dir());
        } catch (IOException e) {
            throw new BadConfig("cannot write the run directory " + files.dir() + ": " + e.getMessage(), e);
        }
        try {
            return new ProcessBuilder(detached).redirectInput(new File("/dev/null")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile())).start();
        } catch (IOException e) {
            throw new BadConfig("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the new notifier holds the run directory's lock, or fails when it exits first. */
    private void awaitRunning(Process process, NotifierRunFiles files) throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP_WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (files.running() && files.pid().isPresent()) {
                return;
            }
            if (!process.isAlive()) {
                throw new BadConfig("flapjack-notifier exited at once with status " + process.exitValue() + ": "
                        + lastLine(files.log()));
            }
            Thread.sleep(POLL.toMillis());
        }
        err().println("flapjack-notifier (pid " + process.pid() + ") has not claimed " + files.dir()
                + " yet; see " + files.log());
    }

    private void stop() throws InterruptedException {
        NotifierRunFiles files = files();
        Optional<ProcessHandle> notifier = files.running() ? files.pid().flatMap(ProcessHandle::of) : Optional.empty();
        if (notifier.isEmpty()) {
            out().println("flapjack-notifier is not running (run directory " + files.dir() + ")");
            return;
        }
        ProcessHandle handle = notifier.get();
        handle.destroy();
        Instant deadline = Instant.now().plusSeconds(stopTimeoutSeconds);
        while (handle.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL.toMillis());
        }
        boolean forced = handle.isAlive();
        if (forced) {
            handle.destroyForcibly();
            while (files.running()) {
                Thread.sleep(POLL.toMillis());
            }
        }
        out().println("stopped flapjack-notifier, pid " + handle.pid() + (forced ? ", by force" : ""));
    }

    private void status() {
        NotifierRunFiles files = files();
        if (!files.running()) {
            out().println("flapjack-notifier is not running (run directory " + files.dir() + ")");
            return;
        }
        String since = files.pid().flatMap(ProcessHandle::of).flatMap(handle -> handle.info().startInstant())
                .map(start -> ", up " + hoursMinutesSeconds(Duration.between(start, Instant.now()))).orElse("");
        out().println("flapjack-notifier is running, pid " + files.pid().map(String::valueOf).orElse("unknown")
                + since + " (run directory " + files.dir() + ")");
    }

    private Path configFile() {
        return config == null ? NotifierDaemon.DEFAULT_CONFIG : config;
    }

    private NotifierRunFiles files() {
        return new NotifierRunFiles(runDir == null ? WorkerManager.defaultRunDir() : runDir);
    }

    private static Path launcher() {
        String home = System.getProperty("flapjack.home", System.getenv("FLAPJACK_HOME"));
        if (home == null || home.isBlank()) {
            throw new BadConfig("FLAPJACK_HOME is not set: run flapjack-notifier-manager from the server's bin/ "
                    + "folder");
        }
        Path launcher = Path.of(home, "bin", "flapjack-notifier");
        if (!Files.isExecutable(launcher)) {
            throw new BadConfig("no executable " + launcher + ": FLAPJACK_HOME must be the server's folder");
        }
        return launcher;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "no output; see " + log : lines.getLast() + " (see " + log + ")";
        } catch (IOException e) {
            return "see " + log;
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private static String hoursMinutesSeconds(Duration uptime) {
        return String.format("%d:%02d:%02d", uptime.toHours(), uptime.toMinutesPart(), uptime.toSecondsPart());
    }
}
