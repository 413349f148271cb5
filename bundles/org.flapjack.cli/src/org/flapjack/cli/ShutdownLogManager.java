package org.flapjack.cli;

import java.util.logging.LogManager;

/**
 * The log manager of the headless applications (set by {@code lib/flapjack-run}): it never removes the handlers.
 * java.util.logging's own shutdown hook would otherwise remove them while the applications' hooks still run, and the
 * lines that say a worker or the notifier stopped, and what it did with the checks still running, would be lost.
 * Every line is flushed as it is written, so nothing waits for a close.
 */
public final class ShutdownLogManager extends LogManager {

    /** Made by java.util.logging when {@code java.util.logging.manager} names this class. */
    public ShutdownLogManager() {
    }

    @Override
    public void reset() {
        // The handlers stay until the process ends; LogLineHandler.install replaces them at start.
    }
}
