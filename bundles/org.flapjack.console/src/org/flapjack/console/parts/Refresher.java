package org.flapjack.console.parts;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Does a part's reading again and again off the UI thread, as a system Job that reschedules itself every
 * {@code everyMillis} until {@link #stop()}: the live refresh of the Status, Tube Statistics and Checks parts.
 */
final class Refresher {

    private final Job job;

    private volatile boolean stopped;

    Refresher(String name, long everyMillis, Runnable read) {
        job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                read.run();
                if (!stopped && !monitor.isCanceled()) {
                    schedule(everyMillis);
                }
                return Status.OK_STATUS;
            }
        };
        job.setSystem(true);
    }

    /** Reads the first time after {@code delayMillis}. */
    Refresher start(long delayMillis) {
        job.schedule(delayMillis);
        return this;
    }

    /** Whether the part stopped it: what a reading has found must then not be shown. */
    boolean stopped() {
        return stopped;
    }

    /** Reads no more; one reading under way ends on its own. */
    void stop() {
        stopped = true;
        job.cancel();
    }
}
