package org.flapjack.persistence.sql.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A few open connections shared by many threads: a thread borrows one for a unit of work and gives it back. A
 * connection that failed, or that sat idle long enough for a server to drop it, is replaced by a new one.
 */
final class ConnectionPool implements AutoCloseable {

    private static final long CHECK_IDLE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long BORROW_TIMEOUT_SECONDS = 60;

    private record Idle(Connection connection, long since) {
    }

    private final SqlAddress address;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /** For an in-memory database: a connection that stays open, so the database outlives the ones that are replaced. */
    private Connection keeper;

    ConnectionPool(SqlAddress address, int size) {
        this.address = address;
        this.permits = new Semaphore(size, true);
    }

    /** A connection for the caller alone until {@link #giveBack}; waits while all are in use. */
    Connection borrow() throws SQLException {
        acquirePermit();
        try {
            return openOrReuse();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Returns a connection; a broken one is closed instead of kept. */
    void giveBack(Connection connection, boolean broken) {
        try {
            if (broken || closed) {
                closeQuietly(connection);
            } else {
                idle.addFirst(new Idle(connection, System.nanoTime()));
            }
        } finally {
            permits.release();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Idle entry = idle.pollFirst(); entry != null; entry = idle.pollFirst()) {
            closeQuietly(entry.connection());
        }
        synchronized (this) {
            if (keeper != null) {
                closeQuietly(keeper);
                keeper = null;
            }
        }
    }

    private void acquirePermit() throws SQLException {
        try {
            if (!permits.tryAcquire(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLException("no database connection became free within " + BORROW_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        if (closed) {
            permits.release();
            throw new SQLException("the persistence was closed");
        }
    }

    private Connection openOrReuse() throws SQLException {
        for (Idle entry = idle.pollFirst(); entry != null; entry = idle.pollFirst()) {
            boolean fresh = System.nanoTime() - entry.since() < CHECK_IDLE_AFTER_NANOS;
            if (fresh || entry.connection().isValid(5)) {
                return entry.connection();
            }
            closeQuietly(entry.connection());
        }
        keepInMemoryDatabase();
        return address.connect();
    }

    private synchronized void keepInMemoryDatabase() throws SQLException {
        if (keeper == null && address.inMemory() && !closed) {
            keeper = address.connect();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Already unusable; nothing more to release.
        }
    }
}
