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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flapjack-worker-manager}: starts workers in the background (each start adds to those running), stops them
 * all, restarts them, and reports which run. It knows its workers by the pid files in the run directory.
 */
@Command(name = "flapjack-worker-manager", version = "flapjack-worker-manager 0.1.0",
        description = {"Manages flapjack-worker processes on this host.",
            "  start    starts --workers more workers in the background (calls add up)",
            "  stop     stops every worker, by force after --timeout",
            "  restart  stops the workers and starts as many again",
            "  status   lists each worker's pid, uptime and checks run"})
public final class WorkerManager implements Callable<Integer> {

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(100);

    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop, restart or status.")
    String action;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "5",
            description = "Workers to start (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = {"-c", "--checks-directory"}, paramLabel = "DIR", defaultValue = Worker.DEFAULT_CHECKS_DIRECTORY,
            description = "Directory the workers run checks in (default: ${DEFAULT-VALUE}).")
    Path checksDirectory;

    @Option(names = {"-b", "--beanstalk"}, paramLabel = "HOST", defaultValue = "localhost",
            description = "beanstalkd host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "11300",
            description = "beanstalkd port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Checks each worker runs at once (default: the worker's own, 4 per processor).")
    Integer concurrency;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Directory of the workers' pid, status and log files (default: /var/run/flapjack as root, "
                    + "else $XDG_STATE_HOME/flapjack or ~/.local/state/flapjack).")
    Path runDir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "How long stop waits for a worker after SIGTERM before it sends SIGKILL "
                    + "(default: ${DEFAULT-VALUE}).")
    int stopTimeoutSeconds;

    @Option(names = "--json", description = "status: print the workers as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Manages workers as the command line asks. */
    public static void main(String[] args) {
        Launch.main(new WorkerManager(), args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Launch.checkPort(spec, port);
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1, not " + workers);
        }
        switch (action) {
            case "start" -> start(workers);
            case "stop" -> stop();
            case "restart" -> restart();
            case "status" -> status();
            default -> throw new ParameterException(spec.commandLine(), "unknown action '" + action
                    + "': expected start, stop, restart or status");
        }
        return 0;
    }

    private void start(int count) throws InterruptedException {
        Path launcher = launcher();
        if (!Files.isDirectory(checksDirectory)) {
            throw new BadConfig("checks directory " + checksDirectory + " does not exist or is not a directory");
        }
        Worker.probe(Map.of("host", host, "port", Integer.toString(port)));
        WorkerFiles files = files();
        files.clean(err());

        List<ManagedWorker> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(files.launch(workerCommand(launcher)));
        }
        awaitStatus(files, started);
        out().println("started " + workers(count) + "; " + files.running().size() + " running");
    }

    private List<String> workerCommand(Path launcher) {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "-b", host, "-p", Integer.toString(port),
            "-c", checksDirectory.toAbsolutePath().toString(), "--run-dir", runDir().toString()));
        if (concurrency != null) {
            command.addAll(List.of("--concurrency", concurrency.toString()));
        }
        return command;
    }

    /** Waits until each new worker has written its status file, so that start returns with the workers connected. */
    private void awaitStatus(WorkerFiles files, List<ManagedWorker> started) throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP_WAIT);
        List<ManagedWorker> waiting = new ArrayList<>(started);
        while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
            waiting.removeIf(worker -> files.status(worker.pid()).isPresent());
            for (ManagedWorker worker : List.copyOf(waiting)) {
                // Not alive(): while a worker execs from setsid to sh to java its command line can read empty.
                if (worker.exited()) {
                    files.forget(worker.pid());
                    throw new BadConfig("worker " + worker.pid() + " exited at once; see " + worker.log());
                }
            }
            Thread.sleep(POLL);
        }
        if (!waiting.isEmpty()) {
            err().println(workers(waiting.size()) + (waiting.size() == 1 ? " has" : " have")
                + " not reported yet; see their logs in " + runDir());
        }
    }

    private void stop() throws InterruptedException {
        WorkerFiles files = files();
        files.clean(err());
        List<ManagedWorker> running = files.running();
        running.forEach(ManagedWorker::terminate);
        int forced = awaitExit(running);
        running.forEach(worker -> files.forget(worker.pid()));
        out().println("stopped " + workers(running.size()) + (forced == 0 ? "" : ", " + forced + " by force"));
    }

    /** Waits for the workers to exit, kills those still there after the timeout, and returns how many it killed. */
    private int awaitExit(List<ManagedWorker> running) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(stopTimeoutSeconds);
        while (running.stream().anyMatch(ManagedWorker::alive) && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL);
        }
        List<ManagedWorker> late = running.stream().filter(ManagedWorker::alive).toList();
        late.forEach(ManagedWorker::kill);
        Instant killDeadline = Instant.now().plusSeconds(5);
        while (late.stream().anyMatch(ManagedWorker::alive) && Instant.now().isBefore(killDeadline)) {
            Thread.sleep(POLL);
        }
        return late.size();
    }

    private void restart() throws InterruptedException {
        WorkerFiles files = files();
        files.clean(err());
        int count = files.running().size();
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--workers");
        stop();
        start(count == 0 || given ? workers : count);
    }

    private void status() {
        WorkerFiles files = files();
        files.clean(json ? err() : out());
        List<ManagedWorker> running = files.running();
        Instant now = Instant.now();
        List<WorkerLine> lines = running.stream().map(worker -> line(files, worker, now)).toList();
        out().println(json ? WorkerLine.json(lines) : WorkerLine.table(lines));
    }

    private static WorkerLine line(WorkerFiles files, ManagedWorker worker, Instant now) {
        Optional<WorkerStatusFile> status = files.status(worker.pid());
        Instant started = status.map(WorkerStatusFile::started).or(worker::startInstant).orElse(now);
        return new WorkerLine(worker.pid(), Duration.between(started, now), status.map(WorkerStatusFile::checksRun)
            .orElse(0L));
    }

    private Path launcher() {
        String home = System.getProperty("flapjack.home", System.getenv("FLAPJACK_HOME"));
        if (home == null || home.isBlank()) {
            throw new BadConfig("FLAPJACK_HOME is not set: run flapjack-worker-manager from the server's bin/ folder");
        }
        Path launcher = Path.of(home, "bin", "flapjack-worker");
        if (!Files.isExecutable(launcher)) {
            throw new BadConfig("no executable " + launcher + ": FLAPJACK_HOME must be the server's folder");
        }
        return launcher;
    }

    private WorkerFiles files() {
        Path dir = runDir();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadConfig("cannot use " + dir + " as the run directory: it is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new BadConfig("cannot create run directory " + dir + ": permission denied", e);
        } catch (IOException e) {
            throw new BadConfig("cannot create run directory " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new BadConfig("cannot write the run directory " + dir + ": permission denied; give --run-dir a"
                    + " directory this user can write");
        }
        return new WorkerFiles(dir);
    }

    private Path runDir() {
        if (runDir == null) {
            runDir = defaultRunDir();
        }
        return runDir.toAbsolutePath();
    }

    static Path defaultRunDir() {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/run/flapjack");
        }
        String state = System.getenv("XDG_STATE_HOME");
        if (state != null && !state.isBlank()) {
            return Path.of(state, "flapjack");
        }
        return Path.of(System.getProperty("user.home"), ".local", "state", "flapjack");
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A worker as {@code status} shows it. */
    record WorkerLine(long pid, Duration uptime, long checksRun) {

        static String table(List<WorkerLine> lines) {
            StringBuilder text = new StringBuilder(String.format("%-10s %-12s %s%n", "PID", "UPTIME", "CHECKS RUN"));
            for (WorkerLine line : lines) {
                text.append(String.format("%-10d %-12s %d%n", line.pid, uptime(line.uptime), line.checksRun));
            }
            return text.append(lines.size()).append(lines.size() == 1 ? " worker running" : " workers running")
                .toString();
        }

        static String json(List<WorkerLine> lines) {
            StringBuilder text = new StringBuilder("{\"workers\":[");
            for (int i = 0; i < lines.size(); i++) {
                WorkerLine line = lines.get(i);
                text.append(i == 0 ? "" : ",").append("{\"pid\":").append(line.pid).append(",\"uptimeSeconds\":")
                    .append(line.uptime.toSeconds()).append(",\"checksRun\":").append(line.checksRun).append('}');
            }
            return text.append("],\"running\":").append(lines.size()).append('}').toString();
        }

        private static String uptime(Duration uptime) {
            return String.format("%d:%02d:%02d", uptime.toHours(), uptime.toMinutesPart(), uptime.toSecondsPart());
        }
    }

    /** The pid, status and log files of the workers in one run directory. */
    record WorkerFiles(Path dir) {

        private static final String PREFIX = "flapjack-worker-";

        ManagedWorker launch(List<String> command) {
            Path log = dir.resolve(PREFIX + "starting-" + System.nanoTime() + ".log");
            ProcessBuilder builder = new ProcessBuilder(withSetsid(command))
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            try {
                Process process = builder.start();
                Path named = dir.resolve(PREFIX + process.pid() + ".log");
                Files.move(log, named, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(pidFile(process.pid()), process.pid() + "\n");
                return new ManagedWorker(process.pid(), named);
            } catch (IOException e) {
                throw new BadConfig("cannot start " + command.get(0) + ": " + e.getMessage(), e);
            }
        }

        private static List<String> withSetsid(List<String> command) {
            List<String> detached = new ArrayList<>();
            detached.add(Files.isExecutable(Path.of("/usr/bin/setsid")) ? "/usr/bin/setsid" : "setsid");
            detached.addAll(command);
            return detached;
        }

        /** The workers whose pid files point at a running worker. */
        List<ManagedWorker> running() {
            return pids().stream().map(pid -> new ManagedWorker(pid, logFile(pid))).filter(ManagedWorker::alive)
                .toList();
        }

        /** Removes the files of workers that are no longer running, saying so for each. */
        void clean(PrintWriter report) {
            for (long pid : pids()) {
                if (!new ManagedWorker(pid, logFile(pid)).alive()) {
                    forget(pid);
                    report.println("removed the pid file of worker " + pid + ", which is not running");
                }
            }
            report.flush();
        }

        void forget(long pid) {
            try {
                Files.deleteIfExists(pidFile(pid));
                Files.deleteIfExists(WorkerStatusFile.path(dir, pid));
            } catch (IOException e) {
                throw new BadConfig("cannot remove the files of worker " + pid + " in " + dir + ": "
                    + e.getMessage(), e);
            }
        }

        Optional<WorkerStatusFile> status(long pid) {
            return WorkerStatusFile.read(dir, pid);
        }

        private List<Long> pids() {
            List<Long> pids = new ArrayList<>();
            try (var entries = Files.newDirectoryStream(dir, PREFIX + "*.pid")) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    String number = name.substring(PREFIX.length(), name.length() - ".pid".length());
                    if (number.matches("\\d{1,18}")) {
                        pids.add(Long.parseLong(number));
                    }
                }
            } catch (IOException e) {
                throw new BadConfig("cannot read run directory " + dir + ": " + e.getMessage(), e);
            }
            pids.sort(null);
            return pids;
        }

        private Path pidFile(long pid) {
            return dir.resolve(PREFIX + pid + ".pid");
        }

        private Path logFile(long pid) {
            return dir.resolve(PREFIX + pid + ".log");
        }
    }

    /** A worker process this manager started, known by its pid. */
    record ManagedWorker(long pid, Path log) {

        /**
         * Whether the process is gone, whatever it runs now: for a worker just started, whose command line may read
         * empty while it passes from one program to the next.
         */
        boolean exited() {
            return ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true);
        }

        /** Whether the pid is a running worker, and not a process that got the pid after the worker ended. */
        boolean alive() {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) {
                return false;
            }
            String commandLine = commandLine();
            return commandLine.contains("org.flapjack.cli.Worker ") || commandLine.contains("bin/flapjack-worker ");
        }

        Optional<Instant> startInstant() {
            return ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant());
        }

        void terminate() {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }

        void kill() {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }

        private String commandLine() {
            try {
                byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
                return new String(raw, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
            } catch (IOException e) {
                return ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine()).orElse("") + " ";
            }
        }
    }

    private static String workers(int count) {
        return count + (count == 1 ? " worker" : " workers");
    }
}
