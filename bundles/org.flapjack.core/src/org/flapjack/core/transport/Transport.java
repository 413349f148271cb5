package org.flapjack.core.transport;

/**
 * A connection factory for one queue server, safe to share between threads. Each thread (or each worker slot) opens
 * its own {@link TransportSession}, because a reserved job belongs to the session that reserved it.
 */
public interface Transport extends AutoCloseable {

    /** The names of the tubes this transport puts jobs and results on. */
    TubeNames tubes();

    /**
     * Opens a session with its own connection to the queue server. The connection is made lazily by the first call, so
     * opening never blocks on an outage.
     */
    TransportSession openSession();

    /**
     * Closes every session this transport opened; calls blocked in them end with
     * {@link TransportUnavailableException}.
     */
    @Override
    void close();
}
