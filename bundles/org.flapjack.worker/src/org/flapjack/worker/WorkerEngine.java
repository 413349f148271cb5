package org.flapjack.worker;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.flapjack.core.model.Result;
import org.flapjack.core.transport.Transport;

/**
 * A worker: runs up to {@code concurrency} checks from the jobs tube at once, each slot a virtual thread with a
 * queue session of its own that reserves a job only while the slot is free. {@link #stop(Duration)} stops reserving,
 * lets running checks finish for a grace period, and gives back the jobs it holds.
 */
public final class WorkerEngine {

    private static final System.Logger LOG = System.getLogger(WorkerEngine.class.getName());

    /** How long a stop waits for the slots after it interrupted the checks still running at the end of the grace. */
    private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(10);

    private final Transport transport;

    private final CheckRunner runner;

    private final int concurrency;

    private final String name;

    private final CurrentBatch batches = new CurrentBatch();

    private final AtomicLong checksRun = new AtomicLong();

    private final Map<WorkerSlot, Thread> slots = new LinkedHashMap<>();

    private volatile Consumer<Result> resultListener = result -> { };

    private volatile boolean stopping;

    /**
     * A worker taking jobs from {@code transport} and running them with {@code runner}; {@code name} goes into each
     * result, see {@link #defaultName()}.
     */
    public WorkerEngine(Transport transport, CheckRunner runner, int concurrency, String name) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        this.transport = transport;
        this.runner = runner;
        this.concurrency = concurrency;
        this.name = name;
    }

    /** The name this host gives a worker process: {@code host:pid}. */
    public static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /** The default concurrency: four checks per processor, since checks mostly wait on the network. */
    public static int defaultConcurrency() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /** Calls {@code listener} with each result after it was put on the results tube, from the slot's thread. */
    public void onResult(Consumer<Result> listener) {
        this.resultListener = listener;
    }

    /** Starts the slots; they reserve jobs until {@link #stop(Duration)}. */
    public synchronized void start() {
        if (!slots.isEmpty() || stopping) {
            throw new IllegalStateException("worker " + name + " was started before");
        }
        for (int i = 0; i < concurrency; i++) {
            WorkerSlot slot = new WorkerSlot(this, transport.openSession());
            // Platform threads: a slot waits for its check inside C calls, which would pin a virtual thread's carrier.
            slots.put(slot, Thread.ofPlatform().daemon(true).name("worker-slot-" + i).start(slot));
        }
        LOG.log(Level.INFO, () -> "worker " + name + " started with " + concurrency + " slots, checks in "
            + runner.checksDirectory() + "; " + runner.launcherDescription());
    }

    /**
     * Stops reserving, waits up to {@code grace} for running checks to finish and their results to be put, then kills
     * the checks still running and releases their jobs at once. Returns when every slot has ended.
     */
    public void stop(Duration grace) throws InterruptedException {
        stopping = true;
        Map<WorkerSlot, Thread> running;
        synchronized (this) {
            running = Map.copyOf(slots);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread slot : running.values()) {
            slot.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        // Idle slots end within one reserve wait. Those running a check are interrupted, which kills it; so are
        // those still waiting for an unreachable beanstalkd, which hold no job.
        List<Thread> late = running.entrySet().stream().filter(slot -> slot.getKey().runningCheck())
            .map(Map.Entry::getValue).toList();
        if (!late.isEmpty()) {
            LOG.log(Level.INFO, () -> late.size() + " checks still ran after the grace of " + grace.toSeconds()
                + " s; killing them and releasing their jobs");
        }
        running.values().stream().filter(Thread::isAlive).forEach(Thread::interrupt);
        long lastDeadline = System.nanoTime() + AFTER_INTERRUPT.toNanos();
        for (Thread slot : running.values()) {
            slot.join(Duration.ofNanos(Math.max(0, lastDeadline - System.nanoTime())));
        }
        LOG.log(Level.INFO, () -> "worker " + name + " stopped after " + checksRun.get() + " checks");
    }

    /** How many checks this worker ran and reported. */
    public long checksRun() {
        return checksRun.get();
    }

    /** The name that goes into each result. */
    public String name() {
        return name;
    }

    boolean stopping() {
        return stopping;
    }

    CurrentBatch batches() {
        return batches;
    }

    CheckRunner runner() {
        return runner;
    }

    void counted(Result result) {
        checksRun.incrementAndGet();
        try {
            resultListener.accept(result);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "the result listener failed on check " + result.check() + ": " + e);
        }
    }
}
