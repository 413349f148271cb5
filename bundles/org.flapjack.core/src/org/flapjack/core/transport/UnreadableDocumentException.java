package org.flapjack.core.transport;

/**
 * A job or result body that is not a document this version can read. The consumer buries the job by {@link #jobId()},
 * logs the reason once, and carries on with the next job.
 */
public class UnreadableDocumentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long jobId;

    private final String reason;

    /** An unreadable body of the job {@code jobId} (0 when not known yet), and why it cannot be read. */
    public UnreadableDocumentException(long jobId, String reason) {
        super(jobId == 0 ? reason : "job " + jobId + ": " + reason);
        this.jobId = jobId;
        this.reason = reason;
    }

    /** The same failure, for the job with the given id. */
    public UnreadableDocumentException forJob(long id) {
        return new UnreadableDocumentException(id, reason);
    }

    /** The id of the job whose body could not be read, or 0 when not known. */
    public long jobId() {
        return jobId;
    }

    /** Why the body could not be read, without the job id. */
    public String reason() {
        return reason;
    }
}
