package org.flapjack.worker;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

import org.flapjack.core.model.Result;
import org.flapjack.core.transport.JobDocument;
import org.flapjack.core.transport.JobOutcome;
import org.flapjack.core.transport.NewJob;
import org.flapjack.core.transport.ReservedJob;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.core.transport.TransportUnavailableException;
import org.flapjack.core.transport.UnreadableDocumentException;

/**
 * One of the worker's slots: with a session of its own it reserves a job only while it is free, runs it, puts the
 * result and hands the job back to run again after the check's interval.
 */
final class WorkerSlot implements Runnable {

    private static final System.Logger LOG = System.getLogger(WorkerSlot.class.getName());

    /** How long one reserve waits, which bounds how long a stop waits for an idle slot. */
    private static final Duration RESERVE_WAIT = Duration.ofSeconds(1);

    private final WorkerEngine engine;

    private final TransportSession session;

    /** Set while a check runs: only then may a stop interrupt this slot's thread. */
    private volatile boolean runningCheck;

    WorkerSlot(WorkerEngine engine, TransportSession session) {
        this.engine = engine;
        this.session = session;
    }

    boolean runningCheck() {
        return runningCheck;
    }

    @Override
    public void run() {
        try (session) {
            while (!engine.stopping()) {
                Optional<ReservedJob> job = reserve();
                if (job.isPresent()) {
                    handleAlone(job.get());
                }
            }
        } catch (TransportUnavailableException e) {
            if (!engine.stopping()) {
                LOG.log(Level.ERROR, () -> "a worker slot stopped: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            LOG.log(Level.DEBUG, "a worker slot was stopped while a check ran");
        }
    }

    private Optional<ReservedJob> reserve() {
        try {
            return session.reserveJob(RESERVE_WAIT);
        } catch (UnreadableDocumentException e) {
            JobOutcome outcome = session.bury(e.jobId());
            LOG.log(Level.WARNING, () -> "buried job " + e.jobId() + ", its body cannot be read: " + e.reason()
                + (outcome == JobOutcome.DONE ? "" : " (bury: " + outcome + ")"));
            return Optional.empty();
        }
    }

    /** Handles one job so that its failure, whatever it is, fails that job alone and the slot carries on. */
    private void handleAlone(ReservedJob reserved) throws InterruptedException {
        try {
            handle(reserved);
        } catch (TransportUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            JobDocument job = reserved.job();
            LOG.log(Level.ERROR, () -> "job " + reserved.id() + " of check " + job.check() + " failed: "
                + LogText.escaped(String.valueOf(e.getMessage())) + "; it runs again in " + job.interval() + " s");
            releaseAfterFailure(reserved);
        }
    }

    private void releaseAfterFailure(ReservedJob reserved) {
        try {
            session.release(reserved.id(), NewJob.DEFAULT_PRIORITY, Duration.ofSeconds(reserved.job().interval()));
        } catch (TransportUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "release of job " + reserved.id() + " after its failure failed too: " + e);
        }
    }

    private void handle(ReservedJob reserved) throws InterruptedException {
        JobDocument job = reserved.job();
        if (engine.stopping()) {
            session.release(reserved.id(), NewJob.DEFAULT_PRIORITY, Duration.ZERO);
            LOG.log(Level.DEBUG, () -> "released job " + reserved.id() + " of check " + job.check()
                + " unrun: the worker is stopping");
            return;
        }
        if (!engine.batches().admits(job.batch(), session)) {
            session.delete(reserved.id());
            LOG.log(Level.INFO, () -> "dropped job " + reserved.id() + " of check " + job.check() + ": its batch "
                + job.batch() + " is not the current batch " + engine.batches().lastRead());
            return;
        }
        runAndRelease(reserved);
    }

    private void runAndRelease(ReservedJob reserved) throws InterruptedException {
        JobDocument job = reserved.job();
        CheckRun run;
        runningCheck = true;
        try {
            run = engine.runner().run(job.command(), Duration.ofSeconds(job.timeout()));
        } catch (InterruptedException e) {
            // The worker stops and did not wait for this check any longer: let another worker run it now.
            session.release(reserved.id(), NewJob.DEFAULT_PRIORITY, Duration.ZERO);
            throw e;
        } catch (IllegalStateException e) {
            // The check's status must say so, or the last one it had would stand.
            LOG.log(Level.ERROR, () -> "check " + job.check() + " could not start: " + e.getMessage());
            run = CheckRun.unstarted(e.getMessage(), Duration.ofSeconds(job.timeout()));
        } finally {
            runningCheck = false;
            // An interruption that came just after the check ended must not break the session's next call.
            Thread.interrupted();
        }

        Result result = run.toResult(job, engine.name());
        session.putResult(result);
        engine.counted(result);
        LOG.log(Level.INFO, () -> "check " + job.check() + " " + result.status() + ": "
            + LogText.escaped(result.output()));

        JobOutcome released = session.release(reserved.id(), NewJob.DEFAULT_PRIORITY,
            Duration.ofSeconds(job.interval()));
        if (released != JobOutcome.DONE) {
            LOG.log(Level.DEBUG, () -> "release of job " + reserved.id() + " of check " + job.check() + ": "
                + released);
            return;
        }
        // A deploy may have drained the tube while this job was reserved: the job just released should not stay.
        if (engine.batches().supersedes(job.batch(), session)) {
            session.delete(reserved.id());
            LOG.log(Level.INFO, () -> "deleted job " + reserved.id() + " of check " + job.check() + " after its run:"
                + " batch " + engine.batches().lastRead() + " replaced its batch " + job.batch());
        }
    }
}
