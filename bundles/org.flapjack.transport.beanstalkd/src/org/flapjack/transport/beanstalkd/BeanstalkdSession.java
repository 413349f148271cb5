package org.flapjack.transport.beanstalkd;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.flapjack.core.model.Result;
import org.flapjack.core.transport.CallRefusedException;
import org.flapjack.core.transport.JobDocument;
import org.flapjack.core.transport.JobOutcome;
import org.flapjack.core.transport.NewJob;
import org.flapjack.core.transport.ReservedJob;
import org.flapjack.core.transport.ReservedResult;
import org.flapjack.core.transport.ResultDocument;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.core.transport.TransportUnavailableException;
import org.flapjack.core.transport.TubeStats;
import org.flapjack.core.transport.UnreadableDocumentException;

/**
 * A session on beanstalkd over a protocol client of its own. The com.surftools BeanstalkClient from Maven Central
 * was not used because it cannot pipeline commands (the batch deploy puts and drains 100,000 jobs in a few seconds),
 * sets no socket timeouts (a hung server would block a worker forever) and does not reconnect. Every call runs under
 * the session's lock; when the connection fails the call reconnects with backoff capped at 5 s, chooses its tubes
 * again, and carries on. A blocked reserve holds the lock, so threads sharing one session reserve with short timeouts.
 */
final class BeanstalkdSession implements TransportSession {

    private static final System.Logger LOG = System.getLogger(BeanstalkdSession.class.getName());

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private static final long RESULT_PRIORITY = 1024;

    private static final int RESULT_TIME_TO_RUN = 120;

    private final BeanstalkdTransport transport;

    private final ReentrantLock lock = new ReentrantLock();

    /** The connection number each job this session holds was reserved on. */
    private final Map<Long, Long> reservations = new HashMap<>();

    private final TubeChoice tubes = new TubeChoice();

    private volatile Connection connection;

    private long generation;

    private volatile boolean closed;

    BeanstalkdSession(BeanstalkdTransport transport) {
        this.transport = transport;
    }

    @Override
    public long putJob(NewJob job) {
        byte[] body = job.job().toJson();
        return retrying(connection -> {
            tubes.use(connection, transport.tubes().jobs());
            return put(connection, body, job.priority(), job.delay().toSeconds(), job.timeToRun().toSeconds());
        });
    }

    @Override
    public int putJobs(List<NewJob> jobs, PutProgress progress) {
        PipelinedPut put = new PipelinedPut(jobs, progress);
        return retrying(connection -> {
            tubes.use(connection, transport.tubes().jobs());
            return put.resume(connection);
        });
    }

    @Override
    public Optional<ReservedJob> reserveJob(Duration timeout) throws UnreadableDocumentException {
        Optional<Answer> answer = reserve(transport.tubes().jobs(), timeout);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        long id = answer.get().id();
        try {
            return Optional.of(new ReservedJob(id, JobDocument.fromJson(answer.get().body())));
        } catch (UnreadableDocumentException e) {
            throw e.forJob(id);
        }
    }

    @Override
    public Optional<ReservedResult> reserveResult(Duration timeout) throws UnreadableDocumentException {
        Optional<Answer> answer = reserve(transport.tubes().results(), timeout);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        long id = answer.get().id();
        try {
            return Optional.of(new ReservedResult(id, ResultDocument.fromJson(answer.get().body())));
        } catch (UnreadableDocumentException e) {
            throw e.forJob(id);
        }
    }

    @Override
    public JobOutcome release(long jobId, long priority, Duration delay) {
        return onReserved(jobId, Command.RELEASE, jobId, priority, delay.toSeconds());
    }

    @Override
    public JobOutcome touch(long jobId) {
        return onReserved(jobId, Command.TOUCH, jobId);
    }

    @Override
    public JobOutcome bury(long jobId) {
        return onReserved(jobId, Command.BURY, jobId, NewJob.DEFAULT_PRIORITY);
    }

    @Override
    public JobOutcome delete(long jobId) {
        lock.lock();
        try {
            Long reservedOn = reservations.remove(jobId);
            boolean lostReservation = reservedOn != null && reservedOn != generation;
            Answer answer = retrying(connection -> connection.call(Command.DELETE, jobId));
            if (answer.reply() == Reply.DELETED) {
                return JobOutcome.DONE;
            }
            return lostReservation ? JobOutcome.RETURNED_TO_QUEUE : JobOutcome.NOT_FOUND;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long putResult(Result result) {
        byte[] body = ResultDocument.toJson(result, transport.maxJobSize);
        return retrying(connection -> {
            tubes.use(connection, transport.tubes().results());
            return put(connection, body, RESULT_PRIORITY, 0, RESULT_TIME_TO_RUN);
        });
    }

    @Override
    public Map<String, TubeStats> stats() {
        return retrying(connection -> {
            Map<String, TubeStats> stats = new LinkedHashMap<>();
            for (String tube : YamlReply.list(connection.call(Command.LIST_TUBES).body())) {
                stats.put(tube, tubeStats(connection, tube));
            }
            return stats;
        });
    }

    @Override
    public TubeStats stats(String tube) {
        return retrying(connection -> tubeStats(connection, tube));
    }

    @Override
    public void publishBatch(String batch) {
        byte[] body = BatchMark.toJson(batch);
        retrying(connection -> {
            tubes.use(connection, transport.tubes().batch());
            long id = put(connection, body, 0, 0, 1);
            BatchMark.deleteOlderThan(connection, id);
            return id;
        });
        LOG.log(Level.DEBUG, () -> "published batch " + batch + " on " + transport.tubes().batch());
    }

    @Override
    public Optional<String> currentBatch() {
        return retrying(connection -> {
            tubes.use(connection, transport.tubes().batch());
            return BatchMark.read(connection.call(Command.PEEK_READY));
        });
    }

    @Override
    public long drainJobs() {
        Drain drain = new Drain();
        return retrying(connection -> {
            tubes.use(connection, transport.tubes().jobs());
            tubes.watchOnly(connection, transport.tubes().jobs());
            return drain.resume(connection);
        });
    }

    @Override
    public void close() {
        closed = true;
        transport.forget(this);
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, () -> "closing the connection to beanstalkd failed: " + e);
            }
        }
    }

    private Optional<Answer> reserve(String tube, Duration timeout) {
        lock.lock();
        try {
            Answer answer = retrying(connection -> {
                tubes.watchOnly(connection, tube);
                connection.expectDelay(timeout);
                return connection.call(Command.RESERVE_WITH_TIMEOUT, Math.max(0, timeout.toSeconds()));
            });
            if (answer.reply() != Reply.RESERVED) {
                // TIMED_OUT, or DEADLINE_SOON: a job this session holds is about to exceed its time-to-run.
                return Optional.empty();
            }
            reservations.put(answer.id(), generation);
            return Optional.of(answer);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Release, touch or bury: they only work on the connection that reserved the job, so when that connection is
     * gone, the job went back to the queue and there is nothing left to do.
     */
    private JobOutcome onReserved(long jobId, Command command, Object... args) {
        lock.lock();
        try {
            Long reservedOn = command == Command.TOUCH ? reservations.get(jobId) : reservations.remove(jobId);
            Connection current = connection;
            if (reservedOn != null && (reservedOn != generation || current == null)) {
                reservations.remove(jobId);
                return JobOutcome.RETURNED_TO_QUEUE;
            }
            if (current == null) {
                return JobOutcome.NOT_FOUND;
            }
            return onceOnCurrent(current, jobId, command, args);
        } finally {
            lock.unlock();
        }
    }

    private JobOutcome onceOnCurrent(Connection current, long jobId, Command command, Object[] args) {
        ensureOpen();
        try {
            Answer answer = current.call(command, args);
            transport.outage.succeeded();
            return answer.reply() == Reply.NOT_FOUND ? JobOutcome.NOT_FOUND : JobOutcome.DONE;
        } catch (IOException e) {
            drop(e);
            reservations.remove(jobId);
            return JobOutcome.RETURNED_TO_QUEUE;
        } catch (CallRefusedException e) {
            refused(e);
            throw e;
        } catch (RuntimeException e) {
            drop(e);
            throw e;
        }
    }

    private static long put(Connection connection, byte[] body, long priority, long delay, long timeToRun)
        throws IOException {
        Answer answer = connection.callWithBody(Command.PUT, body, priority, delay, timeToRun);
        if (answer.reply() == Reply.BURIED) {
            LOG.log(Level.WARNING, () -> "beanstalkd buried job " + answer.id() + " at once: it is out of memory");
        }
        return answer.id();
    }

    private static TubeStats tubeStats(Connection connection, String tube) throws IOException {
        Answer answer = connection.call(Command.STATS_TUBE, tube);
        if (answer.reply() == Reply.NOT_FOUND) {
            return new TubeStats(tube, 0, 0, 0, 0);
        }
        Map<String, String> stats = YamlReply.map(answer.body());
        return new TubeStats(tube, count(stats, "current-jobs-ready"), count(stats, "current-jobs-delayed"),
            count(stats, "current-jobs-reserved"), count(stats, "current-jobs-buried"));
    }

    private static long count(Map<String, String> stats, String key) {
        return Long.parseLong(stats.getOrDefault(key, "0"));
    }

    /** Runs a call, reconnecting and retrying it with backoff until it gets through or the outage lasts too long. */
    private <T> T retrying(Call<T> call) {
        lock.lock();
        try {
            Instant firstFailure = null;
            Duration backoff = FIRST_BACKOFF;
            while (true) {
                ensureOpen();
                try {
                    T value = call.run(connected());
                    transport.outage.succeeded();
                    return value;
                } catch (IOException e) {
                    drop(e);
                    firstFailure = firstFailure == null ? Instant.now() : firstFailure;
                    giveUpIfTooLong(firstFailure, e);
                    pause(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
                        : backoff.multipliedBy(2);
                } catch (CallRefusedException e) {
                    refused(e);
                    throw e;
                } catch (RuntimeException e) {
                    drop(e);
                    throw e;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A refusal fails the call alone: the server is there, so it is no outage; the connection goes if out of step. */
    private void refused(CallRefusedException refusal) {
        transport.outage.succeeded();
        Connection current = connection;
        if (current != null && !current.inStep()) {
            connection = null;
            generation++;
            try {
                current.close();
            } catch (IOException e) {
                refusal.addSuppressed(e);
            }
        }
    }

    private Connection connected() throws IOException {
        Connection current = connection;
        if (current == null) {
            current = new Connection(transport.endpoint, BeanstalkdTransport.CONNECT_TIMEOUT, transport.ioTimeout);
            generation++;
            tubes.reset();
            connection = current;
            if (closed) {
                current.close();
            }
        }
        return current;
    }

    private void drop(Exception cause) {
        Connection current = connection;
        connection = null;
        if (current == null) {
            return;
        }
        generation++;
        try {
            current.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        if (!closed && !callerReportsOutages()) {
            transport.outage.failed(cause);
        }
    }

    /** A transport told not to wait out an outage leaves telling the operator to its caller, which gets the failure. */
    private boolean callerReportsOutages() {
        return Duration.ZERO.equals(transport.outageWait);
    }

    private void ensureOpen() {
        if (closed) {
            throw new TransportUnavailableException("the session to beanstalkd at " + transport.endpoint
                + " is closed", null);
        }
    }

    private void giveUpIfTooLong(Instant firstFailure, IOException cause) {
        ensureOpen();
        Duration limit = transport.outageWait;
        if (limit != null && Duration.between(firstFailure, Instant.now()).compareTo(limit) >= 0) {
            throw new TransportUnavailableException("cannot reach beanstalkd at " + transport.endpoint + ": "
                + Outage.describe(cause), cause);
        }
    }

    private void pause(Duration backoff) {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportUnavailableException("interrupted while waiting for beanstalkd at "
                + transport.endpoint, e);
        }
    }

    /** One attempt of a call on a live connection. */
    @FunctionalInterface
    private interface Call<T> {
        T run(Connection connection) throws IOException;
    }

    /** The tubes the current connection uses and watches, so a call only changes them when it must. */
    private static final class TubeChoice {

        private String used;

        private Set<String> watched;

        void reset() {
            used = "default";
            watched = Set.of("default");
        }

        void use(Connection connection, String tube) throws IOException {
            if (!tube.equals(used)) {
                connection.call(Command.USE, tube);
                used = tube;
            }
        }

        void watchOnly(Connection connection, String tube) throws IOException {
            if (watched.size() == 1 && watched.contains(tube)) {
                return;
            }
            connection.send(Command.WATCH, tube);
            for (String other : watched) {
                if (!other.equals(tube)) {
                    connection.send(Command.IGNORE, other);
                }
            }
            connection.flush();
            connection.receive(Command.WATCH);
            for (String other : watched) {
                if (!other.equals(tube)) {
                    connection.receive(Command.IGNORE);
                }
            }
            watched = Set.of(tube);
        }
    }
}
