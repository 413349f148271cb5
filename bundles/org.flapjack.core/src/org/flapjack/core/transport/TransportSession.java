package org.flapjack.core.transport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flapjack.core.model.Result;

/**
 * One connection to the queue server. A job reserved through a session must be released, touched, buried or deleted
 * through the same session. Calls may come from several threads but run one at a time. During an outage every call
 * waits and retries (backoff capped at 5 s) and carries on when the server is back, unless the transport was set to
 * give up earlier, in which case it throws {@link TransportUnavailableException}.
 */
public interface TransportSession extends AutoCloseable {

    /** Puts a job on the jobs tube and returns its id once the server has acknowledged it. */
    long putJob(NewJob job);

    /**
     * Puts many jobs on the jobs tube, pipelined, in list order, and reports progress as jobs are acknowledged. Returns
     * the number put, which is the list size unless the thread was interrupted (checked between jobs).
     */
    int putJobs(List<NewJob> jobs, PutProgress progress);

    /**
     * Reserves the next ready job from the jobs tube, waiting up to {@code timeout}; empty when none came.
     *
     * @throws UnreadableDocumentException when the job's body is not a job document; the job stays reserved by this
     *     session, and the caller buries it by the exception's job id
     */
    Optional<ReservedJob> reserveJob(Duration timeout) throws UnreadableDocumentException;

    /** Hands a reserved job back to run again after {@code delay}, with the given priority (lower is more urgent). */
    JobOutcome release(long jobId, long priority, Duration delay);

    /** Asks for more time to run a reserved job: its time-to-run starts again now. */
    JobOutcome touch(long jobId);

    /** Puts a reserved job aside, out of the ready queue, for an operator to look at. */
    JobOutcome bury(long jobId);

    /** Deletes a job: one this session reserved, or one that is ready, delayed or buried in any tube. */
    JobOutcome delete(long jobId);

    /** Puts a result on the results tube and returns its id once acknowledged. */
    long putResult(Result result);

    /**
     * Reserves the next result from the results tube, waiting up to {@code timeout}; empty when none came. Delete it
     * with {@link #delete(long)} once it is stored.
     *
     * @throws UnreadableDocumentException when the body is not a result document; bury it by the exception's job id
     */
    Optional<ReservedResult> reserveResult(Duration timeout) throws UnreadableDocumentException;

    /** The counts of every tube on the server, by tube name, in the server's order. */
    Map<String, TubeStats> stats();

    /** The counts of one tube; all zero when the tube does not exist (beanstalkd drops empty, unused tubes). */
    TubeStats stats(String tube);

    /**
     * Makes {@code batch} the current batch, seen by {@link #currentBatch()} from any session. Publish before putting
     * the batch's jobs: a job whose batch differs from the current one is then known to belong to an earlier batch.
     */
    void publishBatch(String batch);

    /** The batch published last, or empty when none was published since the server started without a binlog. */
    Optional<String> currentBatch();

    /**
     * Removes every job waiting on the jobs tube (ready, delayed or buried) and returns how many it deleted. Jobs that
     * other sessions hold reserved are left to them.
     */
    long drainJobs();

    /** Closes the connection; jobs it held reserved go back to the ready queue. Safe to call from any thread. */
    @Override
    void close();

    /** Receives the progress of {@link #putJobs}: how many jobs were acknowledged so far, out of how many. */
    @FunctionalInterface
    interface PutProgress {

        /** Called from the putting thread, at least once per pipelined chunk and once at the end. */
        void progress(int done, int total);

        /** A listener that ignores progress. */
        PutProgress NONE = (done, total) -> { };
    }
}
