package org.flapjack.console.parts;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.widgets.Display;

/**
 * Measures how long the UI thread keeps its events waiting: a thread posts a ping with {@link Display#asyncExec}
 * every 10 ms and records how late each one runs. The worst delay is the longest the UI was frozen.
 */
final class UiLatency implements AutoCloseable {

    private final Display display;
    private final AtomicLong worstNanos = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final Thread pinger;
    private volatile boolean closed;

    private UiLatency(Display display) {
        this.display = display;
        this.pinger = Thread.ofPlatform().daemon().name("ui-latency-ping").unstarted(this::ping);
    }

    /** Starts pinging the UI thread of DISPLAY; the UI thread must run its event loop meanwhile. */
    static UiLatency start(Display display) {
        UiLatency latency = new UiLatency(display);
        latency.pinger.start();
        return latency;
    }

    /** The longest a ping waited so far, in milliseconds. */
    long worstMillis() {
        return TimeUnit.NANOSECONDS.toMillis(worstNanos.get());
    }

    /** How many pings ran. */
    long pings() {
        return pings.get();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        pinger.join();
    }

    private void ping() {
        while (!closed && !display.isDisposed()) {
            long posted = System.nanoTime();
            display.asyncExec(() -> {
                worstNanos.accumulateAndGet(System.nanoTime() - posted, Math::max);
                pings.incrementAndGet();
            });
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
