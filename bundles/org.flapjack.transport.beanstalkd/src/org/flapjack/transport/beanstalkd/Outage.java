package org.flapjack.transport.beanstalkd;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * Notes when beanstalkd stops answering and when it answers again, shared by all sessions of a transport, so an
 * outage is logged once when it starts and once when it ends, however many sessions notice it.
 */
final class Outage {

    private static final System.Logger LOG = System.getLogger(Outage.class.getName());

    private final Endpoint endpoint;

    private Instant start;

    Outage(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** A call failed: logs the start of an outage unless one is already going on. */
    synchronized void failed(Exception cause) {
        if (start == null) {
            start = Instant.now();
            LOG.log(Level.WARNING, () -> "beanstalkd at " + endpoint + " is unreachable (" + describe(cause)
                + "); retrying with backoff up to 5 s");
        }
    }

    /** A call got through: logs the end of the outage, with its length, if one was going on. */
    synchronized void succeeded() {
        if (start != null) {
            Duration length = Duration.between(start, Instant.now());
            start = null;
            LOG.log(Level.INFO, () -> "beanstalkd at " + endpoint + " is reachable again after "
                + length.toMillis() / 1000.0 + " s");
        }
    }

    static String describe(Exception cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
