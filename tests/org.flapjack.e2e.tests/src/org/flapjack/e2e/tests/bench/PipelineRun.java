package org.flapjack.e2e.tests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.Result;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.e2e.tests.ServerProduct;
import org.flapjack.persistence.sql.SqlPersistenceProvider;
import org.flapjack.testing.Beanstalkd;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;

/**
 * Flapjack started through the server product's launchers for the benchmark: a beanstalkd, workers from
 * {@code flapjack-worker-manager}, and a notifier from {@code flapjack-notifier-manager} on a SQLite store holding
 * the checks, with only the log notifier, which ok results never reach. Stops everything in {@link #close()}.
 */
final class PipelineRun implements AutoCloseable {

    private static final Duration LAUNCH_LIMIT = Duration.ofMinutes(2);
    /** Long enough that every check runs once during the benchmark: a worker hands each job back for a day. */
    private static final int INTERVAL_SECONDS = 86_400;

    /** What the pipeline did with the checks, and the CPU each part used for it. */
    record Figures(int checks, long results, double deploySeconds, double seconds, double secondsFromFirstResult,
            ProcessCpu workers, ProcessCpu notifier, ProcessCpu beanstalkd, double populatorCpu) {

        double rate() {
            return checks / seconds;
        }

        double cpuSeconds() {
            return workers.total() + notifier.own() + beanstalkd.own() + populatorCpu;
        }
    }

    /** How fast the notifier alone took results off the tube, and its own CPU for them. */
    record NotifierFigures(long results, double seconds, double cpuSeconds) {

        double rate() {
            return results / seconds;
        }
    }

    private final ServerProduct server;
    private final Path folder;
    private final int checks;
    private final int workers;
    private final int concurrency;
    private Beanstalkd beanstalkd;
    private final List<Long> started = new ArrayList<>();

    PipelineRun(ServerProduct server, Path folder, int checks, int workers, int concurrency) {
        this.server = server;
        this.folder = folder;
        this.checks = checks;
        this.workers = workers;
        this.concurrency = concurrency;
    }

    /** Stores the checks, starts beanstalkd, the workers and the notifier; returns how long storing took. */
    Duration start(String command) throws IOException {
        Instant storing = Instant.now();
        try (Persistence persistence = new SqlPersistenceProvider().open(Map.of("backend", "sql", "uri",
                "sqlite3://" + folder.resolve("flapjack.db")))) {
            for (int i = 0; i < checks; i++) {
                persistence.saveCheck(new Check(checkName(i), null, null, command, Map.of(), INTERVAL_SECONDS, 10,
                        true, List.of(), List.of()));
            }
        }
        Duration stored = Duration.between(storing, Instant.now());
        beanstalkd = Beanstalkd.start();
        writeFiles();
        server.run(LAUNCH_LIMIT, "flapjack-worker-manager", "start", "--workers=" + workers, "--concurrency",
                Integer.toString(concurrency), "-b", beanstalkd.host(), "-p", Integer.toString(beanstalkd.port()),
                "--run-dir", workerRunDir().toString());
        started.addAll(ServerProduct.workerPids(workerRunDir()));
        startNotifier();
        return stored;
    }

    /**
     * Deploys the checks with {@code flapjack-populator --config} while the jobs tube is paused, makes every job ready
     * at once (the populator spreads first runs over the interval), lets the workers go, and waits until the notifier
     * has taken the last result. May run again: each deploy replaces the jobs of the one before.
     */
    Figures runOnce() throws Exception {
        try (BeanstalkdWire wire = new BeanstalkdWire(beanstalkd.host(), beanstalkd.port())) {
            wire.pause("jobs", 3600);
            ProcessCpu workersBefore = ProcessCpu.of(workerPids());
            ProcessCpu notifierBefore = ProcessCpu.of(notifierPid());
            ProcessCpu beanstalkdBefore = ProcessCpu.of(beanstalkdPid());
            ProcessCpu selfBefore = ProcessCpu.self();

            long resultsBefore = wire.stats("results").getOrDefault("total-jobs", 0L);
            long begin = System.nanoTime();
            server.run(LAUNCH_LIMIT, "flapjack-populator", "--config", config().toString());
            double deploySeconds = (System.nanoTime() - begin) / 1e9;
            double populatorCpu = ProcessCpu.self().minus(selfBefore).children();
            wire.kickDelayed("jobs");
            // A pause that ends by itself wakes the waiting workers; lifting it with 0 would leave them asleep.
            wire.pause("jobs", 1);

            long firstResult = 0;
            while (true) {
                Map<String, Long> results = wire.stats("results");
                long now = System.nanoTime();
                long given = results.getOrDefault("total-jobs", 0L) - resultsBefore;
                if (firstResult == 0 && given > 0) {
                    firstResult = now;
                }
                if (given >= checks && results.get("current-jobs-ready") == 0
                        && results.get("current-jobs-reserved") == 0) {
                    return new Figures(checks, given, deploySeconds, (now - begin) / 1e9,
                            (now - firstResult) / 1e9, ProcessCpu.of(workerPids()).minus(workersBefore),
                            ProcessCpu.of(notifierPid()).minus(notifierBefore),
                            ProcessCpu.of(beanstalkdPid()).minus(beanstalkdBefore), populatorCpu);
                }
                Thread.sleep(10);
            }
        }
    }

    /** The resident size of the first worker. */
    String workerResidentSize() {
        return ProcessCpu.residentSize(workerPids().get(0));
    }

    /**
     * With the notifier stopped, puts an ok result for every check on the results tube, starts the notifier again and
     * times it from its first result taken to its last. Every check is ok already: nothing is to be notified.
     */
    NotifierFigures notifierAlone() throws Exception {
        server.run(LAUNCH_LIMIT, "flapjack-notifier-manager", "stop", "--run-dir", notifierRunDir().toString());
        try (Transport transport = new BeanstalkdProvider().open(beanstalkd.settings());
                TransportSession session = transport.openSession()) {
            for (int i = 0; i < checks; i++) {
                session.putResult(new Result(checkName(i), "bench", 0, "OK", "", List.of(), Instant.now(),
                        Duration.ofMillis(1), "bench"));
            }
        }
        startNotifier();
        ProcessCpu cpuBefore = ProcessCpu.of(notifierPid());
        try (BeanstalkdWire wire = new BeanstalkdWire(beanstalkd.host(), beanstalkd.port())) {
            long first = 0;
            long waiting = 0;
            while (true) {
                Map<String, Long> results = wire.stats("results");
                long left = results.get("current-jobs-ready") + results.get("current-jobs-reserved");
                long now = System.nanoTime();
                if (first == 0 && results.get("current-jobs-ready") < checks) {
                    first = now;
                    waiting = left;
                }
                if (left == 0) {
                    return new NotifierFigures(waiting, (now - first) / 1e9,
                            ProcessCpu.of(notifierPid()).minus(cpuBefore).own());
                }
                Thread.sleep(5);
            }
        }
    }

    @Override
    public void close() {
        try {
            server.run(LAUNCH_LIMIT, "flapjack-worker-manager", "stop", "--timeout", "5", "--run-dir",
                    workerRunDir().toString());
            server.run(LAUNCH_LIMIT, "flapjack-notifier-manager", "stop", "--timeout", "5", "--run-dir",
                    notifierRunDir().toString());
        } finally {
            ServerProduct.killLeftovers(started);
            if (beanstalkd != null) {
                beanstalkd.close();
            }
        }
    }

    private void startNotifier() throws IOException {
        server.run(LAUNCH_LIMIT, "flapjack-notifier-manager", "start", "--recipients", recipients().toString(),
                "--config", config().toString(), "--run-dir", notifierRunDir().toString(), "--state-dir",
                folder.resolve("notifier-state").toString());
        ServerProduct.notifierPid(notifierRunDir()).ifPresent(started::add);
    }

    private void writeFiles() throws IOException {
        Files.writeString(recipients(), "[nobody]\nemail = nobody@example.org\n");
        Files.writeString(config(), """
                [notifier]
                notifiers = log

                [persistence]
                backend = sql
                uri = sqlite3://%s

                [transport]
                backend = beanstalkd
                host = %s
                port = %d
                """.formatted(folder.resolve("flapjack.db"), beanstalkd.host(), beanstalkd.port()));
    }

    private static String checkName(int i) {
        return String.format("dummy-%05d", i);
    }

    private Path config() {
        return folder.resolve("flapjack-notifier.conf");
    }

    private Path recipients() {
        return folder.resolve("recipients.conf");
    }

    private Path workerRunDir() {
        return folder.resolve("worker-run");
    }

    private Path notifierRunDir() {
        return folder.resolve("notifier-run");
    }

    private List<Long> workerPids() {
        return ServerProduct.workerPids(workerRunDir());
    }

    private List<Long> notifierPid() {
        return ServerProduct.notifierPid(notifierRunDir()).stream().toList();
    }

    /** The beanstalkd this JVM started: its only child of that name. */
    private static List<Long> beanstalkdPid() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command().orElse("").endsWith("/beanstalkd"))
                .map(ProcessHandle::pid).toList();
    }
}
