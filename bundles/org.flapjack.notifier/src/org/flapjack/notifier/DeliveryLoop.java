package org.flapjack.notifier;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flapjack.core.notify.DeliveryFailure;
import org.flapjack.core.notify.Notifier;

/**
 * Sends one notifier's spooled deliveries on a thread of its own, oldest first. A delivery that fails for a reason a
 * retry can help is tried again with growing pauses, up to the configured cap, until it is delivered or expires; two
 * such failures in a row pause the whole notifier, since its server is then most likely down. A delivered entry is
 * removed from the spool at once.
 */
final class DeliveryLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(DeliveryLoop.class.getName());

    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

    private final Notifier notifier;
    private final Spool spool;
    private final EngineOptions options;
    private final Clock clock;
    private final Map<String, Retry> retries = new HashMap<>();
    private final Object signal = new Object();
    private volatile boolean running = true;
    private boolean woken;
    private Instant pausedUntil = Instant.MIN;
    private Duration pause = Duration.ZERO;
    private boolean failing;

    DeliveryLoop(Notifier notifier, Spool spool, EngineOptions options, Clock clock) {
        this.notifier = notifier;
        this.spool = spool;
        this.options = options;
        this.clock = clock;
    }

    /** Tells the loop that new deliveries are waiting. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Makes the loop end after the delivery it is making, if any. */
    void stop() {
        running = false;
        wake();
    }

    @Override
    public void run() {
        while (running) {
            Duration wait = IDLE_WAIT;
            try {
                wait = round();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, () -> "notifier " + notifier.name() + " cannot read its spool "
                        + spool.directory() + ": " + e.getMessage());
            }
            await(wait);
        }
    }

    /** Tries every delivery that is due; returns how long to wait before the next round. */
    private Duration round() throws IOException {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return Duration.between(now, pausedUntil);
        }
        List<SpooledDelivery> waiting = spool.waiting();
        retries.keySet().retainAll(waiting.stream().map(SpooledDelivery::id).toList());
        int failuresInRow = 0;
        for (SpooledDelivery delivery : waiting) {
            if (!running) {
                break;
            }
            Retry retry = retries.get(delivery.id());
            if (retry != null && clock.instant().isBefore(retry.next)) {
                continue;
            }
            if (expired(delivery)) {
                continue;
            }
            if (attempt(delivery)) {
                failuresInRow = 0;
            } else if (++failuresInRow >= 2) {
                pauseNotifier();
                break;
            }
        }
        return nextWait();
    }

    private boolean expired(SpooledDelivery delivery) throws IOException {
        if (clock.instant().isBefore(delivery.spooledAt().plus(options.deliveryExpiry()))) {
            return false;
        }
        LOG.log(System.Logger.Level.WARNING, () -> "giving up on notifying " + delivery.notification().recipient()
                .name() + " of check " + delivery.notification().check() + " by " + notifier.name() + ": not "
                + "delivered within " + options.deliveryExpiry() + "; kept in " + spool.directory() + ".undeliverable");
        spool.setAside(delivery);
        retries.remove(delivery.id());
        return true;
    }

    /** Sends one delivery; false when it failed and is to be tried again. */
    private boolean attempt(SpooledDelivery delivery) throws IOException {
        String what = delivery.notification().kind().name().toLowerCase(java.util.Locale.ROOT) + " of check "
                + delivery.notification().check() + " to " + delivery.notification().recipient().name() + " by "
                + notifier.name();
        try {
            notifier.send(delivery.notification());
        } catch (DeliveryFailure e) {
            return failed(delivery, what, e);
        } catch (RuntimeException e) {
            return failed(delivery, what, DeliveryFailure.retryable(e.toString(), e));
        }
        spool.remove(delivery);
        retries.remove(delivery.id());
        pause = Duration.ZERO;
        if (failing) {
            failing = false;
            LOG.log(System.Logger.Level.INFO, () -> "notifier " + notifier.name() + " delivers again");
        }
        LOG.log(System.Logger.Level.INFO, () -> "sent " + what);
        return true;
    }

    private boolean failed(SpooledDelivery delivery, String what, DeliveryFailure failure) throws IOException {
        if (!failure.retryable()) {
            LOG.log(System.Logger.Level.ERROR, () -> "cannot send " + what + ": " + failure.getMessage()
                    + "; kept in " + spool.directory() + ".undeliverable");
            spool.setAside(delivery);
            retries.remove(delivery.id());
            return true;
        }
        Retry retry = retries.computeIfAbsent(delivery.id(), id -> new Retry());
        retry.delay = retry.delay.isZero() ? options.firstRetry()
                : min(retry.delay.multipliedBy(2), options.retryCap());
        retry.next = clock.instant().plus(retry.delay);
        if (!failing) {
            failing = true;
            LOG.log(System.Logger.Level.WARNING, () -> "cannot send " + what + ": " + failure.getMessage()
                    + "; retrying until it is delivered or " + options.deliveryExpiry() + " have passed");
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> "cannot send " + what + " yet: " + failure.getMessage()
                    + "; next try in " + retry.delay);
        }
        return false;
    }

    private void pauseNotifier() {
        pause = pause.isZero() ? options.firstRetry() : min(pause.multipliedBy(2), options.retryCap());
        pausedUntil = clock.instant().plus(pause);
    }

    private Duration nextWait() {
        Instant now = clock.instant();
        Instant next = now.plus(IDLE_WAIT);
        for (Retry retry : retries.values()) {
            if (retry.next.isBefore(next)) {
                next = retry.next;
            }
        }
        if (pausedUntil.isAfter(now) && pausedUntil.isBefore(next)) {
            next = pausedUntil;
        }
        return Duration.between(now, next);
    }

    private void await(Duration wait) {
        long millis = Math.max(1, wait.toMillis());
        synchronized (signal) {
            long deadline = System.currentTimeMillis() + millis;
            while (running && !woken) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    signal.wait(left);
                } catch (InterruptedException e) {
                    running = false;
                    Thread.currentThread().interrupt();
                }
            }
            woken = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** When a delivery that failed is tried next, and the pause before that. */
    private static final class Retry {
        Duration delay = Duration.ZERO;
        Instant next = Instant.MIN;
    }
}
