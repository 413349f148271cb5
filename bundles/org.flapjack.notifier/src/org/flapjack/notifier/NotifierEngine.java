package org.flapjack.notifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flapjack.core.model.Recipient;
import org.flapjack.core.notify.NotificationRules;
import org.flapjack.core.notify.Notifier;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.persistence.PersistenceException;
import org.flapjack.core.transport.ReservedResult;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.core.transport.TransportUnavailableException;
import org.flapjack.core.transport.UnreadableDocumentException;

/**
 * The notifier: reserves results from the results tube, hands each to the result handler, and deletes it once what
 * it leads to is spooled; one delivery thread per notifier sends the spool. Everything it must not forget lives in
 * its state directory: the spool of each notifier ({@code spool/NAME}) and what people were last told about each
 * check ({@code notified/}). The caller owns the transport, the store and the notifiers, and closes them after
 * {@link #close()}.
 */
public final class NotifierEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NotifierEngine.class.getName());

    private static final Duration RETRY_AFTER_STORE_FAILURE = Duration.ofSeconds(5);

    /** The most results handled together: enough to spare most syncs to disk under load, few enough to stay brief. */
    static final int MOST_AT_ONCE = 200;

    private final Transport transport;
    private final ResultHandler handler;
    private final List<DeliveryLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final StateDirLock lock;
    private final EngineOptions options;
    private volatile boolean running;
    private volatile TransportSession session;

    private NotifierEngine(Transport transport, ResultHandler handler, List<DeliveryLoop> loops, StateDirLock lock,
            EngineOptions options) {
        this.transport = transport;
        this.handler = handler;
        this.loops.addAll(loops);
        this.lock = lock;
        this.options = options;
    }

    /**
     * Starts a notifier on the state directory: its delivery threads at once (sending what an earlier run left in the
     * spool) and the thread that reserves results.
     *
     * @throws IllegalStateException when another notifier uses the state directory
     */
    public static NotifierEngine start(Transport transport, Persistence persistence, List<Recipient> recipients,
            List<Notifier> notifiers, NotificationRules rules, EngineOptions options, Path stateDir) {
        Clock clock = Clock.systemUTC();
        StateDirLock lock = null;
        try {
            lock = StateDirLock.take(stateDir);
            Map<String, Spool> spools = new LinkedHashMap<>();
            List<DeliveryLoop> loops = new ArrayList<>();
            for (Notifier notifier : notifiers) {
                Spool spool = new Spool(notifier.name(), stateDir.resolve("spool").resolve(notifier.name()));
                spools.put(notifier.name(), spool);
                loops.add(new DeliveryLoop(notifier, spool, options, clock));
            }
            NotifiedStates states = new NotifiedStates(stateDir.resolve("notified"));
            ResultHandler handler = new ResultHandler(persistence, recipients, notifiers, spools, states, rules,
                    options, clock);
            NotifierEngine engine = new NotifierEngine(transport, handler, loops, lock, options);
            engine.startThreads(notifiers);
            return engine;
        } catch (IOException e) {
            closeQuietly(lock);
            throw new UncheckedIOException("cannot use the notifier state directory " + stateDir, e);
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    private void startThreads(List<Notifier> notifiers) {
        running = true;
        for (int i = 0; i < loops.size(); i++) {
            threads.add(Thread.ofPlatform().name("flapjack-deliver-" + notifiers.get(i).name()).start(loops.get(i)));
        }
        threads.add(Thread.ofPlatform().name("flapjack-notifier-results").start(this::reserveResults));
        LOG.log(System.Logger.Level.INFO, () -> "notifier started, sending through " + notifiers.stream()
                .map(Notifier::name).toList());
    }

    private void reserveResults() {
        try (TransportSession opened = transport.openSession()) {
            session = opened;
            while (running) {
                reserveSome(opened);
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.log(System.Logger.Level.ERROR, "the notifier stopped reserving results", e);
            }
        }
    }

    /**
     * Waits for a result, takes with it those that are ready already (up to {@link #MOST_AT_ONCE}), and handles them
     * together: one write to the store for them all.
     */
    private void reserveSome(TransportSession session) {
        List<ReservedResult> reserved = new ArrayList<>();
        Optional<ReservedResult> first = reserve(session, options.reserveTimeout());
        while (first.isPresent()) {
            reserved.add(first.get());
            first = reserved.size() < MOST_AT_ONCE ? reserve(session, Duration.ZERO) : Optional.empty();
        }
        if (!reserved.isEmpty()) {
            handle(session, reserved);
        }
    }

    /** One result, or none when none came within {@code timeout}; an unreadable one is buried on the way. */
    private Optional<ReservedResult> reserve(TransportSession session, Duration timeout) {
        while (true) {
            try {
                return session.reserveResult(timeout);
            } catch (UnreadableDocumentException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "burying result " + e.jobId() + ": " + e.reason());
                session.bury(e.jobId());
            } catch (TransportUnavailableException e) {
                if (running) {
                    throw e;
                }
                return Optional.empty();
            }
        }
    }

    /**
     * Handles the results together; when that fails, each alone, so that one result the store refuses holds back no
     * other. A result that cannot be handled even alone goes back to the tube for a while, or is buried when nothing
     * but the result itself is to blame.
     */
    private void handle(TransportSession session, List<ReservedResult> reserved) {
        if (reserved.size() > 1) {
            try {
                handleNow(session, reserved);
                return;
            } catch (TransportUnavailableException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> reserved.size() + " results could not be handled together ("
                        + e.getMessage() + "); handling each alone");
            }
        }
        reserved.forEach(result -> handleAlone(session, result));
    }

    private void handleAlone(TransportSession session, ReservedResult reserved) {
        String check = reserved.result().check();
        try {
            handleNow(session, List.of(reserved));
        } catch (TransportUnavailableException e) {
            throw e;
        } catch (PersistenceException | IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "cannot handle the result of check " + check + " ("
                    + e.getMessage() + "); it goes back to the results tube for " + RETRY_AFTER_STORE_FAILURE);
            session.release(reserved.id(), 0, RETRY_AFTER_STORE_FAILURE);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "burying result " + reserved.id() + " of check " + check
                    + ": it cannot be handled (" + e + ")");
            session.bury(reserved.id());
        }
    }

    private void handleNow(TransportSession session, List<ReservedResult> reserved) throws IOException {
        if (handler.handle(reserved.stream().map(ReservedResult::result).toList()) > 0) {
            loops.forEach(DeliveryLoop::wake);
        }
        reserved.forEach(result -> session.delete(result.id()));
    }

    /**
     * Stops reserving results and sending; a result being handled is finished first. Deliveries not made yet stay
     * in the spool for the next start.
     */
    @Override
    public void close() {
        running = false;
        loops.forEach(DeliveryLoop::stop);
        try {
            Thread results = threads.getLast();
            if (!results.join(options.reserveTimeout().plusSeconds(2)) && session != null) {
                // Blocked waiting out a queue server outage: closing the session ends the wait.
                session.close();
            }
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(lock);
        LOG.log(System.Logger.Level.INFO, "notifier stopped");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing failed", e);
        }
    }
}
