package org.flapjack.populator.tests;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flapjack.core.transport.NewJob;
import org.flapjack.core.transport.ReservedJob;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.core.transport.UnreadableDocumentException;

/**
 * Does what a worker does with the jobs tube, without running commands: reserves a job, "runs" it, releases it to run
 * again after its interval, and then deletes it when its batch is no longer the current one.
 */
final class SimulatedWorker implements AutoCloseable {

    /** One run of a job: its check, its batch, and when the reserve that got it was sent (System.nanoTime). */
    record Run(String check, String batch, long askedAt) {
    }

    private final TransportSession session;

    private final List<Run> runs = new CopyOnWriteArrayList<>();

    private volatile boolean stopped;

    private Thread thread;

    SimulatedWorker(Transport transport) {
        this.session = transport.openSession();
    }

    /** Reserves one job, waiting up to a second. */
    Optional<ReservedJob> reserve() throws UnreadableDocumentException {
        long askedAt = System.nanoTime();
        Optional<ReservedJob> job = session.reserveJob(Duration.ofSeconds(1));
        job.ifPresent(held -> runs.add(new Run(held.job().check(), held.job().batch(), askedAt)));
        return job;
    }

    /** Hands a job back after its run the way a worker does: release, then delete if its batch is not current. */
    void finish(ReservedJob job) {
        session.release(job.id(), NewJob.DEFAULT_PRIORITY, Duration.ofSeconds(job.job().interval()));
        if (!session.currentBatch().equals(Optional.of(job.job().batch()))) {
            session.delete(job.id());
        }
    }

    /** Runs jobs on a thread of its own until {@link #close()}. */
    SimulatedWorker start() {
        thread = new Thread(this::work, "simulated-worker");
        thread.start();
        return this;
    }

    List<Run> runs() {
        return runs;
    }

    private void work() {
        while (!stopped) {
            try {
                Optional<ReservedJob> job = reserve();
                if (job.isPresent()) {
                    Thread.sleep(2);
                    finish(job.get());
                }
            } catch (UnreadableDocumentException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops after the job in hand is finished, and closes the session. */
    @Override
    public void close() {
        stopped = true;
        try {
            if (thread != null) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
        }
    }
}
