package org.flapjack.core.transport;

/** What became of a release, touch, bury or delete of a job. */
public enum JobOutcome {
    /** The server did what was asked. */
    DONE,
    /** The server knows no such job, or it is reserved by another session. */
    NOT_FOUND,
    /**
     * The connection that reserved the job was lost, so the server gave the job back to the ready queue (or the
     * answer was lost with the connection). Another worker may run it; the caller has nothing more to do.
     */
    RETURNED_TO_QUEUE
}
