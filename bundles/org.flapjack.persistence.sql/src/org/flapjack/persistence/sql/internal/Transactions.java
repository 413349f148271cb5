package org.flapjack.persistence.sql.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs units of work on pooled connections: reads as they come, writes as one transaction each. A write that the
 * database aborted to resolve a conflict with another writer (deadlock, serialization failure, busy file) is rolled
 * back and run again a few times before it counts as failed.
 */
final class Transactions implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Transactions.class.getName());
    private static final int ATTEMPTS = 8;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    /** Work on one connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final SqlAddress address;
    private final ConnectionPool pool;

    Transactions(SqlAddress address, ConnectionPool pool) {
        this.address = address;
        this.pool = pool;
    }

    <T> T read(String what, Work<T> work) {
        Connection connection = borrow(what);
        boolean broken = false;
        try {
            return work.run(connection);
        } catch (SQLException e) {
            broken = isBroken(connection);
            throw address.failure(what, e);
        } finally {
            pool.giveBack(connection, broken);
        }
    }

    <T> T write(String what, Work<T> work) {
        for (int attempt = 1;; attempt++) {
            Connection connection = borrow(what);
            boolean broken = false;
            try {
                return inTransaction(connection, work);
            } catch (SQLException e) {
                broken = isBroken(connection);
                if (broken || attempt == ATTEMPTS || !isConflict(e)) {
                    throw address.failure(what, e);
                }
                int tries = attempt;
                LOG.log(Level.DEBUG, () -> what + ": conflict with another writer, try " + (tries + 1));
            } finally {
                pool.giveBack(connection, broken);
            }
            pause(attempt);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private Connection borrow(String what) {
        try {
            return pool.borrow();
        } catch (SQLException e) {
            throw address.failure(what, e);
        }
    }

    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T outcome = work.run(connection);
            connection.commit();
            return outcome;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static boolean isConflict(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // Class 40 is "transaction rollback": deadlock or serialization failure, safe to run again.
                if (state != null && state.startsWith("40")) {
                    return true;
                }
                int code = sql.getErrorCode() & 0xff;
                boolean sqlite = sql.getClass().getName().startsWith("org.sqlite");
                if (sqlite && (code == SQLITE_BUSY || code == SQLITE_LOCKED)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isBroken(Connection connection) {
        try {
            return !connection.isValid(2);
        } catch (SQLException e) {
            return true;
        }
    }

    private static void pause(int attempt) {
        long millis = ThreadLocalRandom.current().nextLong(5, 20L << Math.min(attempt, 6));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
