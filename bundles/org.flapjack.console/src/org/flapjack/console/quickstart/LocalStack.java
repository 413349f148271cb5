package org.flapjack.console.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.core.runtime.jobs.Job;
import org.flapjack.console.deploy.BatchDeploy;
import org.flapjack.console.model.ChecksDocument;
import org.flapjack.console.model.ConsoleSession;
import org.flapjack.console.model.ConsoleSettings;
import org.flapjack.core.model.Node;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.populator.BatchContent;
import org.flapjack.populator.BatchFile;
import org.flapjack.populator.BatchRefusedException;
import org.flapjack.processes.Host;
import org.flapjack.processes.HostControl;
import org.flapjack.processes.HostSettings;
import org.flapjack.processes.HostStatus;
import org.flapjack.processes.Processes;

/**
 * Flapjack running on this machine for a first look: a beanstalkd of its own (on 11300, or a free port when that is
 * taken), a sample batch of real checks stored once and deployed, five workers and a notifier that writes its
 * messages to a log file. Everything lives in one state folder. {@link #stop()} stops only what {@link #start} started,
 * so processes found running from an earlier start are reused and left running. Both block: call them off the UI
 * thread.
 */
public final class LocalStack {

    /** The system property that turns the local stack off when set to {@code off} or {@code false} (for tests). */
    public static final String SWITCH_PROPERTY = "flapjack.quickstart";

    /** The environment variable that does the same as {@link #SWITCH_PROPERTY}. */
    public static final String SWITCH_VARIABLE = "FLAPJACK_QUICKSTART";

    /** What installs the programs the local stack runs, on Debian and Ubuntu. */
    public static final String INSTALL_COMMAND = "sudo apt-get install beanstalkd monitoring-plugins-basic";

    static final int WORKERS = 5;

    static final Path PLUGINS = Path.of("/usr/lib/nagios/plugins");

    static final String SAMPLE = "/quickstart/sample-checks.yaml";

    static final String SAMPLE_NODE = "localhost";

    static final String PORT_PARAM = "BEANSTALKD_PORT";

    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());

    private final Path stateDir;
    private final ConsoleSettings settings;
    private final Host host;
    private final HostControl control;
    private final int preferredPort;
    private final boolean reused;

    private boolean startedBeanstalkd;
    private boolean startedWorkers;
    private boolean startedNotifier;

    /**
     * A stack for the console SETTINGS, run by the server install at INSTALL through PROCESSES, with its files in
     * STATE_DIR. Picks the port at once: the one of our beanstalkd still running from an earlier start, else
     * PREFERRED_PORT when it is free, else any free loopback port.
     */
    public LocalStack(Path install, Path stateDir, ConsoleSettings settings, int preferredPort,
            Processes processes) {
        this.stateDir = stateDir;
        this.settings = settings;
        this.preferredPort = preferredPort;
        OptionalInt running = runningPort(stateDir.resolve("beanstalkd"));
        this.reused = running.isPresent();
        int port = running.orElseGet(() -> isFree(preferredPort) ? preferredPort : freePort());
        this.host = Host.local(install, new HostSettings("127.0.0.1", port, stateDir.resolve("beanstalkd").toString(),
                stateDir.resolve("run").toString(), PLUGINS.toString(), recipientsFile().toString(),
                notifierConfig().toString()));
        this.control = processes.control(host);
    }

    /** Whether the stack is switched off for this process by {@link #SWITCH_PROPERTY} or {@link #SWITCH_VARIABLE}. */
    public static boolean switchedOff() {
        return isOff(System.getProperty(SWITCH_PROPERTY)) || isOff(System.getenv(SWITCH_VARIABLE));
    }

    /** What is missing to run the stack and how to install it, or empty when beanstalkd and the plugins are here. */
    public static Optional<String> missingPrograms() {
        boolean beanstalkd = onPath("beanstalkd");
        boolean plugins = Files.isExecutable(PLUGINS.resolve("check_dummy"));
        if (beanstalkd && plugins) {
            return Optional.empty();
        }
        String missing = !beanstalkd && !plugins ? "beanstalkd and the Nagios plugins are"
                : beanstalkd ? "the Nagios plugins (" + PLUGINS + ") are" : "beanstalkd is";
        return Optional.of(missing + " not installed, so no local checks run: " + INSTALL_COMMAND);
    }

    /** This machine as the Processes part shows it, with the stack's port, folders and files. */
    public Host host() {
        return host;
    }

    /** The port the stack's beanstalkd listens on (or will) at 127.0.0.1. */
    public int port() {
        return host.settings().beanstalkPort();
    }

    /** The file the notifier's {@code log} notifier appends its messages to. */
    public Path notificationsLog() {
        return stateDir.resolve("notifications.log");
    }

    /** SETTINGS pointed at the stack's beanstalkd when they name localhost on the default port, else unchanged. */
    public ConsoleSettings adjust(ConsoleSettings other) {
        if (!other.namesLocalDefaultBeanstalkd()) {
            return other;
        }
        return new ConsoleSettings(other.persistenceUri(), other.persistencePassword(), "127.0.0.1", port(),
                other.recipientsFile(), other.notifierConfig());
    }

    /**
     * Starts what is not running yet, telling PROGRESS each step, and returns one line saying what runs. SESSION must
     * be on {@link #adjust adjusted} settings; it stores the sample checks and deploys the batch.
     */
    public synchronized String start(ConsoleSession session, Consumer<String> progress) {
        missingPrograms().ifPresent(missing -> {
            throw new IllegalStateException(missing);
        });
        startBeanstalkd(progress);
        HostStatus found = control.status();
        boolean seeded = seed(session.persistence(), progress);
        int deployed = deploy(session, progress);
        // Each manager is a JVM of its own that takes seconds to start: run the two side by side.
        CompletableFuture<Void> workers = CompletableFuture.runAsync(() -> startWorkers(found, progress));
        try {
            startNotifier(found, progress);
        } finally {
            await(workers);
        }
        return "Local stack: beanstalkd on 127.0.0.1:" + port() + (reused ? " (running already)" : "")
                + (port() != preferredPort && !reused ? " (" + preferredPort + " is taken)" : "") + ", " + deployed
                + " checks deployed" + (seeded ? " (sample stored)" : "") + ", " + WORKERS + " workers, notifier;"
                + " notifications in " + notificationsLog();
    }

    /** Stops the notifier, the workers and beanstalkd, each only when {@link #start} started it; says what it did. */
    public synchronized String stop() {
        StringBuilder done = new StringBuilder();
        if (startedNotifier) {
            done.append(attempt("stopping the notifier", control::stopNotifier));
            startedNotifier = false;
        }
        if (startedWorkers) {
            done.append(attempt("stopping the workers", control::stopWorkers));
            startedWorkers = false;
        }
        if (startedBeanstalkd) {
            done.append(attempt("stopping beanstalkd", control::stopBeanstalkd));
            startedBeanstalkd = false;
        }
        return done.toString().strip();
    }

    /** What runs in the stack's folders now. */
    public HostStatus status() {
        return control.status();
    }

    private void startBeanstalkd(Consumer<String> progress) {
        if (reused && canConnect(port())) {
            progress.accept("Using the local beanstalkd on 127.0.0.1:" + port() + ", running from an earlier start");
            return;
        }
        progress.accept("Starting beanstalkd on 127.0.0.1:" + port());
        LOG.log(System.Logger.Level.INFO, control.startBeanstalkd());
        startedBeanstalkd = true;
        write(stateDir.resolve("beanstalkd").resolve("port"), Integer.toString(port()));
        for (int i = 0; i < 50 && !canConnect(port()); i++) {
            sleep(100);
        }
        if (!canConnect(port())) {
            throw new IllegalStateException("beanstalkd started but does not answer on 127.0.0.1:" + port()
                    + "; see " + stateDir.resolve("beanstalkd").resolve("beanstalkd.log"));
        }
    }

    private static void await(CompletableFuture<Void> step) {
        try {
            step.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Stores the sample batch when the store has no checks; keeps the sample node's port param current. */
    private boolean seed(Persistence persistence, Consumer<String> progress) {
        if (!persistence.checks().isEmpty()) {
            persistence.node(SAMPLE_NODE).filter(node -> node.params().containsKey(PORT_PARAM))
                    .filter(node -> !node.params().get(PORT_PARAM).equals(Integer.toString(port())))
                    .ifPresent(node -> persistence.saveNode(withPort(node)));
            return false;
        }
        progress.accept("Storing the sample checks");
        BatchContent sample = sample();
        sample.nodes().forEach(node -> persistence.saveNode(withPort(node)));
        sample.templates().forEach(persistence::saveTemplate);
        sample.checks().forEach(persistence::saveCheck);
        return true;
    }

    private int deploy(ConsoleSession session, Consumer<String> progress) {
        BatchContent content = ChecksDocument.read(session.persistence());
        progress.accept("Deploying " + content.checks().size() + " checks");
        BatchDeploy deploy = new BatchDeploy(session.transport(), session.persistence(),
                stateDir.resolve("last-deployed-batch.json"));
        BatchDeploy.Outcome[] outcome = new BatchDeploy.Outcome[1];
        try {
            Job job = deploy.start(deploy.preview(content), (done, total) -> { }, result -> outcome[0] = result);
            job.join();
        } catch (BatchRefusedException e) {
            throw new IllegalStateException("the stored checks cannot be deployed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deploying the checks", e);
        }
        if (outcome[0] == null || outcome[0].failure() != null) {
            throw new IllegalStateException(outcome[0] == null ? "the deploy did not finish" : outcome[0].describe());
        }
        return outcome[0].summary().put();
    }

    /** Starts the workers unless ours run against this beanstalkd already; stale ones (another port) are replaced. */
    private void startWorkers(HostStatus found, Consumer<String> progress) {
        int running = found.workers().size();
        if (running > 0 && !startedBeanstalkd) {
            progress.accept("Using the " + running + " local workers running from an earlier start");
            return;
        }
        if (running > 0) {
            control.stopWorkers();
        }
        progress.accept("Starting " + WORKERS + " workers");
        LOG.log(System.Logger.Level.INFO, control.startWorkers(WORKERS));
        startedWorkers = true;
    }

    private void startNotifier(HostStatus found, Consumer<String> progress) {
        writeNotifierFiles();
        boolean running = found.notifierProcess().isPresent();
        if (running && !startedBeanstalkd) {
            progress.accept("Using the local notifier running from an earlier start");
            return;
        }
        progress.accept("Starting the notifier");
        LOG.log(System.Logger.Level.INFO, running ? control.restartNotifier() : control.startNotifier());
        startedNotifier = true;
    }

    /**
     * The notifier config, written anew at each start (the port may change), and the console's recipients file with
     * a sample person when it does not exist yet.
     */
    private void writeNotifierFiles() {
        String uri = settings.persistenceUri().isBlank()
                ? "sqlite3://" + Path.of(System.getProperty("user.home"), ".flapjack", "flapjack.db")
                : settings.persistenceUri();
        write(notifierConfig(), """
                # Written by the Flapjack console at each start of its local stack: changes here are lost.
                [notifier]
                notifiers = log
                state-dir = %s

                [log-notifier]
                file = %s

                [persistence]
                backend = sql
                uri = %s

                [transport]
                backend = beanstalkd
                host = 127.0.0.1
                port = %d
                """.formatted(stateDir.resolve("notifier"), notificationsLog(), uri, port()));
        if (!Files.exists(recipientsFile())) {
            write(recipientsFile(), """
                    # Whom Flapjack tells, one section per person. Written by the console's local stack, whose
                    # notifier writes every message to %s.
                    [Sample Operator]
                    email = operator@example.org
                    jid = operator@example.org
                    """.formatted(notificationsLog()));
        }
    }

    private Path notifierConfig() {
        return stateDir.resolve("notifier.conf");
    }

    /** The console's recipients file, so that the Recipients part edits whom the local notifier tells. */
    Path recipientsFile() {
        return settings.recipientsFile();
    }

    private Node withPort(Node node) {
        if (!node.params().containsKey(PORT_PARAM)) {
            return node;
        }
        Map<String, String> params = new HashMap<>(node.params());
        params.put(PORT_PARAM, Integer.toString(port()));
        return new Node(node.name(), params);
    }

    /** The sample batch shipped in this bundle. */
    static BatchContent sample() {
        try (InputStream in = LocalStack.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("the sample batch " + SAMPLE + " is missing from the console");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return BatchFile.parse(Path.of("sample-checks.yaml"), text, BatchFile.Format.YAML);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BatchRefusedException e) {
            throw new IllegalStateException("the sample batch is refused: " + e.getMessage(), e);
        }
    }

    /** The port of our beanstalkd from an earlier start, when its pid file names a live beanstalkd. */
    private static OptionalInt runningPort(Path beanstalkdDir) {
        try {
            long pid = Long.parseLong(Files.readString(beanstalkdDir.resolve("beanstalkd.pid")).strip());
            int port = Integer.parseInt(Files.readString(beanstalkdDir.resolve("port")).strip());
            boolean alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .flatMap(process -> process.info().command()).filter(command -> command.endsWith("beanstalkd"))
                    .isPresent();
            return alive && canConnect(port) ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1 for beanstalkd", e);
        }
    }

    private static boolean canConnect(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/usr/local/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOff(String value) {
        return value != null && ("off".equalsIgnoreCase(value.strip()) || "false".equalsIgnoreCase(value.strip())
                || "no".equalsIgnoreCase(value.strip()) || "0".equals(value.strip()));
    }

    private static String attempt(String what, Supplier<String> action) {
        try {
            return action.get() + "\n";
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> what + " failed: " + e.getMessage());
            return what + " failed: " + e.getMessage() + "\n";
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for beanstalkd", e);
        }
    }
}
