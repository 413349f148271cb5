package org.flapjack.core.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * A job to put on the jobs tube with its queue settings.
 *
 * @param job the document the worker reads
 * @param priority 0 is most urgent, 4294967295 least
 * @param delay how long the job waits before it becomes ready
 * @param timeToRun how long a worker may hold the job reserved before it goes back to the queue; at least 1 s
 */
public record NewJob(JobDocument job, long priority, Duration delay, Duration timeToRun) {

    /** The priority Flapjack gives check jobs unless told otherwise. */
    public static final long DEFAULT_PRIORITY = 65536;

    public NewJob {
        Objects.requireNonNull(job, "job");
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("priority must be 0 to 4294967295, not " + priority);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, not " + delay);
        }
        if (timeToRun.toSeconds() < 1) {
            throw new IllegalArgumentException("time-to-run must be at least 1 s, not " + timeToRun);
        }
    }

    /**
     * A check job with the default priority, no delay, and a time-to-run of the check's timeout plus a margin, so that
     * a worker's own timeout always fires first.
     */
    public static NewJob of(JobDocument job) {
        return new NewJob(job, DEFAULT_PRIORITY, Duration.ZERO, Duration.ofSeconds(job.timeout() + 30L));
    }

    /** This job with another delay, for spreading first runs over the interval. */
    public NewJob withDelay(Duration newDelay) {
        return new NewJob(job, priority, newDelay, timeToRun);
    }
}
