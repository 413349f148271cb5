package org.flapjack.cli;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.core.transport.TransportUnavailableException;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;
import org.flapjack.worker.CheckRunner;
import org.flapjack.worker.WorkerEngine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flapjack-worker}: runs checks from beanstalkd's jobs tube and puts their results, until stopped. */
@Command(name = "flapjack-worker", version = "flapjack-worker 0.1.0",
        description = {"Runs checks from beanstalkd's jobs tube as Nagios plugins, many at once, and puts their "
                + "results on the results tube. Logs to the terminal until ^C or SIGTERM, then lets running checks "
                + "finish for the grace period and exits 0."})
public final class Worker implements Callable<Integer> {

    static final String DEFAULT_CHECKS_DIRECTORY = "/usr/lib/nagios/plugins";

    private static final System.Logger LOG = System.getLogger(Worker.class.getName());

    private static final Duration STATUS_EVERY = Duration.ofSeconds(2);

    @Option(names = {"-b", "--beanstalk"}, paramLabel = "HOST", defaultValue = "localhost",
            description = "beanstalkd host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "11300",
            description = "beanstalkd port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-c", "--checks-directory"}, paramLabel = "DIR", defaultValue = DEFAULT_CHECKS_DIRECTORY,
            description = "Directory the checks run in; it comes first on their PATH (default: ${DEFAULT-VALUE}).")
    Path checksDirectory;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Checks run at the same time (default: 4 per processor, here ${DEFAULT-VALUE}).")
    int concurrency = WorkerEngine.defaultConcurrency();

    @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "10",
            description = "On ^C or SIGTERM, how long running checks may finish before they are killed "
                    + "(default: ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Directory to keep a status file in (pid, start time, checks run), as the worker manager "
                    + "does; none by default.")
    Path runDir;

    @Spec
    CommandSpec spec;

    /** Runs a worker as the command line asks. */
    public static void main(String[] args) {
        Launch.main(new Worker(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        Launch.checkPort(spec, port);
        checkArguments();
        Map<String, String> settings = settings();
        probe(settings);

        Transport transport = new BeanstalkdProvider().open(settings);
        LOG.log(Level.INFO, () -> "connected to beanstalkd at " + host + ":" + port);
        WorkerEngine engine = new WorkerEngine(transport, new CheckRunner(checksDirectory), concurrency,
            WorkerEngine.defaultName());
        Instant started = Instant.now();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(engine, transport, stopped), "worker-stop"));
        engine.start();
        if (runDir != null) {
            keepStatusFile(engine, started, stopped);
        }
        stopped.await();
        return 0;
    }

    private void checkArguments() {
        if (concurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be at least 1, not " + concurrency);
        }
        if (graceSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--grace must not be negative, not " + graceSeconds);
        }
        if (!Files.isDirectory(checksDirectory)) {
            throw new BadConfig("checks directory " + checksDirectory + " does not exist or is not a directory");
        }
        if (runDir != null) {
            try {
                Files.createDirectories(runDir);
            } catch (IOException e) {
                throw new BadConfig("cannot create run directory " + runDir + ": " + e.getMessage(), e);
            }
        }
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("host", host);
        settings.put("port", Integer.toString(port));
        return settings;
    }

    /** Fails at once with one line when beanstalkd cannot be reached now; later outages are waited out. */
    static void probe(Map<String, String> settings) {
        Map<String, String> probing = new HashMap<>(settings);
        probing.put("outage-wait", "0");
        probing.put("io-timeout", "3");
        try (Transport transport = new BeanstalkdProvider().open(probing);
                TransportSession session = transport.openSession()) {
            session.stats(transport.tubes().jobs());
        } catch (TransportUnavailableException e) {
            throw new BadConfig("cannot reach beanstalkd at " + settings.get("host") + ":" + settings.get("port"), e);
        }
    }

    private void stop(WorkerEngine engine, Transport transport, CountDownLatch stopped) {
        try {
            engine.stop(Duration.ofSeconds(graceSeconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            transport.close();
            if (runDir != null) {
                deleteStatusFile();
            }
            stopped.countDown();
            System.err.flush();
            // A stop asked for by SIGTERM or ^C is a clean exit, not the JVM's 143.
            Runtime.getRuntime().halt(0);
        }
    }

    private void keepStatusFile(WorkerEngine engine, Instant started, CountDownLatch stopped) {
        long pid = ProcessHandle.current().pid();
        Thread.ofPlatform().daemon().name("worker-status").start(() -> {
            try {
                do {
                    writeStatus(new WorkerStatusFile(pid, started, engine.checksRun()));
                } while (!stopped.await(STATUS_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void writeStatus(WorkerStatusFile status) {
        try {
            status.write(runDir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, () -> "cannot write the status file in " + runDir + ": " + e.getMessage());
        }
    }

    private void deleteStatusFile() {
        try {
            Files.deleteIfExists(WorkerStatusFile.path(runDir, ProcessHandle.current().pid()));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "cannot delete the status file: " + e.getMessage());
        }
    }
}
