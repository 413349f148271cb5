package org.flapjack.processes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Starts, stops and watches beanstalkd, the workers and the notifier on one host, by running the host's own
 * {@code bin/flapjack-worker-manager} and {@code bin/flapjack-notifier-manager} (directly on this machine, over SSH
 * elsewhere). Every method blocks until the command is done: call it off the UI thread.
 */
public final class HostControl {

    private static final System.Logger LOG = System.getLogger(HostControl.class.getName());

    private static final String WORKER_MANAGER = "bin/flapjack-worker-manager";

    private static final String NOTIFIER_MANAGER = "bin/flapjack-notifier-manager";

    private static final Duration QUICK = Duration.ofSeconds(30);

    private static final Duration SLOW = Duration.ofSeconds(120);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Host host;

    private final Shell shell;

    private boolean installChecked;

    private Map<Long, Long> previousChecksRun = Map.of();

    private Instant previousTime;

    HostControl(Host host, Shell shell) {
        this.host = host;
        this.shell = shell;
    }

    /** The host this controls. */
    public Host host() {
        return host;
    }

    /** Starts beanstalkd from the host's PATH on the settings' port, with its binlog in the beanstalkd folder. */
    public String startBeanstalkd() {
        HostSettings settings = host.settings();
        return script(HostScripts.START_BEANSTALKD, QUICK, listenAddress(settings.beanstalkHost()),
            Integer.toString(settings.beanstalkPort()));
    }

    /** Stops the beanstalkd {@link #startBeanstalkd()} started, by its pid. */
    public String stopBeanstalkd() {
        return script(HostScripts.STOP_BEANSTALKD, QUICK);
    }

    /** Starts {@code count} more workers: calls add up. */
    public String startWorkers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("cannot start " + count + " workers");
        }
        return workerManager("start", "--workers=" + count);
    }

    /** Stops every worker the worker manager runs. */
    public String stopWorkers() {
        return workerManager("stop");
    }

    /** Stops the workers and starts as many again. */
    public String restartWorkers() {
        return workerManager("restart");
    }

    /** Starts the notifier with the settings' recipients and config files. */
    public String startNotifier() {
        return notifierManager("start");
    }

    /** Stops the notifier. */
    public String stopNotifier() {
        return notifierManager("stop");
    }

    /** Restarts the notifier, so that it reads its files again. */
    public String restartNotifier() {
        return notifierManager("restart");
    }

    /** What runs on the host now, with CPU, memory and the workers' checks per second. */
    public synchronized HostStatus status() {
        checkInstalled();
        List<WorkerEntry> entries = workerEntries();
        List<String> pids = entries.stream().map(entry -> Long.toString(entry.pid())).toList();
        Map<Long, PsLine> processes = new HashMap<>();
        long[] known = parseProcesses(script(HostScripts.PROCESSES, QUICK, pids.toArray(String[]::new)), processes);

        ProcessState beanstalkd = state(ProcessKind.BEANSTALKD, known[0], processes, "beanstalkd", 0);
        ProcessState notifier = state(ProcessKind.NOTIFIER, known[1], processes, null, 0);
        List<ProcessState> workers = new ArrayList<>();
        for (WorkerEntry entry : entries) {
            ProcessState worker = state(ProcessKind.WORKER, entry.pid(), processes, null, entry.checksRun());
            if (worker != null) {
                workers.add(worker);
            }
        }
        Instant now = Instant.now();
        return new HostStatus(host, now, beanstalkd, workers, notifier, checksPerSecond(workers, now));
    }

    /** The last {@code lines} lines of the log of a process: beanstalkd's, the notifier's or one worker's. */
    public String log(ProcessKind kind, long pid, int lines) {
        String count = Integer.toString(Math.max(1, lines));
        return switch (kind) {
            case BEANSTALKD -> script(HostScripts.TAIL, QUICK, "beanstalkd", "beanstalkd.log", count);
            case NOTIFIER -> script(HostScripts.TAIL, QUICK, "run", "flapjack-notifier.log", count);
            case WORKER -> script(HostScripts.TAIL, QUICK, "run", "flapjack-worker-" + pid + ".log", count);
        };
    }

    private String workerManager(String action, String... more) {
        HostSettings settings = host.settings();
        List<String> command = new ArrayList<>(List.of(installed(WORKER_MANAGER), action));
        command.addAll(List.of(more));
        if (!"status".equals(action)) {
            command.addAll(List.of("-b", settings.beanstalkHost(), "-p", Integer.toString(settings.beanstalkPort())));
            addIfSet(command, "-c", settings.checksDirectory());
        }
        addIfSet(command, "--run-dir", settings.runDir());
        return succeeded(command, SLOW);
    }

    private String notifierManager(String action) {
        HostSettings settings = host.settings();
        if (settings.recipientsFile().isEmpty()) {
            throw new HostException(host.name() + ": the notifier needs a recipients file; set one for this host");
        }
        List<String> command = new ArrayList<>(List.of(installed(NOTIFIER_MANAGER), action,
            "--recipients", settings.recipientsFile()));
        addIfSet(command, "--config", settings.notifierConfig());
        addIfSet(command, "--run-dir", settings.runDir());
        return succeeded(command, SLOW);
    }

    private static void addIfSet(List<String> command, String option, String value) {
        if (!value.isEmpty()) {
            command.addAll(List.of(option, value));
        }
    }

    private String script(String script, Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script, "flapjack-processes",
            host.settings().runDir(), host.settings().beanstalkdDir()));
        command.addAll(List.of(arguments));
        return succeeded(command, timeout);
    }

    private String succeeded(List<String> command, Duration timeout) {
        CommandResult result = shell.run(command, timeout);
        if (!result.succeeded()) {
            String program = Path.of(command.get(0)).getFileName().toString();
            String reason = result.output().isBlank() ? "exit status " + result.exitStatus() : result.lastLine();
            throw new HostException(host.name() + ": " + ("sh".equals(program) ? "" : program + ": ") + reason);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> host.name() + ": " + result.output().strip());
        return result.output().strip();
    }

    /** The path of a launcher of the install, after checking once that the install is there. */
    private String installed(String launcher) {
        checkInstalled();
        return host.installPath() + "/" + launcher;
    }

    private void checkInstalled() {
        if (installChecked) {
            return;
        }
        String launcher = host.installPath() + "/" + WORKER_MANAGER;
        boolean present = host.isLocal()
            ? Files.isExecutable(Path.of(launcher))
            : shell.run(List.of("test", "-x", launcher), QUICK).succeeded();
        if (!present) {
            throw new HostException(host.name() + ": Flapjack not installed at " + host.installPath() + " (no "
                + WORKER_MANAGER + ")");
        }
        installChecked = true;
    }

    private List<WorkerEntry> workerEntries() {
        String output = workerManager("status", "--json");
        String json = output.lines().filter(line -> line.startsWith("{")).reduce((first, last) -> last).orElse("");
        try {
            JsonNode tree = JSON.readTree(json);
            List<WorkerEntry> entries = new ArrayList<>();
            for (JsonNode worker : tree.path("workers")) {
                entries.add(new WorkerEntry(worker.path("pid").asLong(), worker.path("checksRun").asLong()));
            }
            return entries;
        } catch (JacksonException e) {
            throw new HostException(host.name() + ": unexpected worker status: " + output.lines().findFirst()
                .orElse(""), e);
        }
    }

    /** Reads the PROCESSES script's output into {@code processes}; returns the beanstalkd and notifier pids. */
    private static long[] parseProcesses(String output, Map<Long, PsLine> processes) {
        long[] known = new long[2];
        for (String line : output.lines().map(String::strip).toList()) {
            String[] words = line.split("\\s+");
            if (words.length == 2 && words[0].equals("beanstalkd")) {
                known[0] = number(words[1]);
            } else if (words.length == 2 && words[0].equals("notifier")) {
                known[1] = number(words[1]);
            } else if (words.length >= 6 && !words[1].startsWith("Z")) {
                processes.put(number(words[0]), new PsLine(number(words[2]), decimal(words[3]), number(words[4]),
                    words[5]));
            }
        }
        return known;
    }

    private static ProcessState state(ProcessKind kind, long pid, Map<Long, PsLine> processes, String command,
            long checksRun) {
        PsLine line = processes.get(pid);
        if (pid <= 0 || line == null || command != null && !command.equals(line.command())) {
            return null;
        }
        return new ProcessState(kind, pid, Duration.ofSeconds(line.elapsedSeconds()), line.cpuPercent(),
            line.rssKiB(), checksRun);
    }

    private double checksPerSecond(List<ProcessState> workers, Instant now) {
        double rate = 0;
        if (previousTime == null) {
            for (ProcessState worker : workers) {
                rate += (double) worker.checksRun() / Math.max(1, worker.uptime().toSeconds());
            }
        } else {
            double seconds = Math.max(0.001, Duration.between(previousTime, now).toMillis() / 1000.0);
            long done = 0;
            for (ProcessState worker : workers) {
                done += Math.max(0, worker.checksRun() - previousChecksRun.getOrDefault(worker.pid(), 0L));
            }
            rate = done / seconds;
        }
        Map<Long, Long> checksRun = new HashMap<>();
        workers.forEach(worker -> checksRun.put(worker.pid(), worker.checksRun()));
        previousChecksRun = checksRun;
        previousTime = now;
        return rate;
    }

    /** beanstalkd listens on loopback unless the workers reach it at another address of this host. */
    private static String listenAddress(String beanstalkHost) {
        return "localhost".equals(beanstalkHost) ? "127.0.0.1" : beanstalkHost;
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double decimal(String text) {
        try {
            return Double.parseDouble(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A worker as the worker manager's status lists it. */
    private record WorkerEntry(long pid, long checksRun) {
    }

    /** One line of {@code ps -o pid,stat,etimes,pcpu,rss,comm}, without the pid. */
    private record PsLine(long elapsedSeconds, double cpuPercent, long rssKiB, String command) {
    }
}
