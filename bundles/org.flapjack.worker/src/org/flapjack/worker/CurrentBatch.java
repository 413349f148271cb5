package org.flapjack.worker;

import java.time.Duration;
import java.util.Optional;

import org.flapjack.core.transport.TransportSession;

/**
 * The batch currently deployed, as the worker's slots see it: read from the queue server at most about once a second
 * while jobs match it, and again at once when a job names another batch, so a newer deploy is seen without delay.
 * Each read costs a switch of tubes and back, so the worker does not read it for every check.
 */
final class CurrentBatch {

    private static final long MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

    private Optional<String> batch = Optional.empty();

    private long readAt;

    private boolean read;

    /** Whether a job of {@code jobBatch} belongs to the current batch; true when no batch was ever published. */
    boolean admits(String jobBatch, TransportSession session) {
        Optional<String> known = cached();
        if (known.isPresent() && known.get().equals(jobBatch)) {
            return true;
        }
        Optional<String> now = refresh(session);
        return now.isEmpty() || now.get().equals(jobBatch);
    }

    /**
     * Whether another batch than {@code jobBatch} is current, as read within the last second or now. A deploy in that
     * second goes unseen here; the job is then dropped unrun when it is next reserved, by {@link #admits}.
     */
    boolean supersedes(String jobBatch, TransportSession session) {
        Optional<String> known = cached();
        Optional<String> now = known.isPresent() ? known : refresh(session);
        return now.isPresent() && !now.get().equals(jobBatch);
    }

    /** The batch last read, if read within the last second. */
    private synchronized Optional<String> cached() {
        return read && System.nanoTime() - readAt < MAX_AGE_NANOS ? batch : Optional.empty();
    }

    private Optional<String> refresh(TransportSession session) {
        Optional<String> now = session.currentBatch();
        synchronized (this) {
            batch = now;
            readAt = System.nanoTime();
            read = true;
        }
        return now;
    }

    /** The batch last read, for log lines. */
    synchronized String lastRead() {
        return batch.orElse("(none)");
    }
}
