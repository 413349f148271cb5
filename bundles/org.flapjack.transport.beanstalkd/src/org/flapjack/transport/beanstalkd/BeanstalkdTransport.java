package org.flapjack.transport.beanstalkd;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.core.transport.TubeNames;

/** A transport on one beanstalkd server: hands out sessions, each with its own connection. */
final class BeanstalkdTransport implements Transport {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    final Endpoint endpoint;

    final Duration ioTimeout;

    /** How long a call waits for an unreachable server before it fails; null waits forever. */
    final Duration outageWait;

    final Outage outage;

    /** The largest job body the server takes, which a result is cut to fit. */
    final int maxJobSize;

    private final TubeNames tubes;

    private final Set<BeanstalkdSession> sessions = ConcurrentHashMap.newKeySet();

    private volatile boolean closed;

    BeanstalkdTransport(Endpoint endpoint, TubeNames tubes, Duration ioTimeout, Duration outageWait,
        int maxJobSize) {
        this.endpoint = endpoint;
        this.maxJobSize = maxJobSize;
        this.tubes = tubes;
        this.ioTimeout = ioTimeout;
        this.outageWait = outageWait;
        this.outage = new Outage(endpoint);
    }

    @Override
    public TubeNames tubes() {
        return tubes;
    }

    @Override
    public TransportSession openSession() {
        if (closed) {
            throw new IllegalStateException("the transport to beanstalkd at " + endpoint + " is closed");
        }
        BeanstalkdSession session = new BeanstalkdSession(this);
        sessions.add(session);
        return session;
    }

    @Override
    public void close() {
        closed = true;
        for (BeanstalkdSession session : sessions) {
            session.close();
        }
    }

    void forget(BeanstalkdSession session) {
        sessions.remove(session);
    }

    @Override
    public String toString() {
        return "beanstalkd at " + endpoint + " (tubes " + tubes.jobs() + ", " + tubes.results() + ")";
    }
}
