package org.flapjack.console.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.flapjack.core.persistence.Persistence;

/**
 * Saves the unsaved changes of the checks document in an Eclipse Job, so that the UI thread never waits for the
 * store. One save runs at a time; the Checks, Nodes and Templates parts share the document, so whichever part is asked
 * to save saves for all, and each part that listens hears the progress and the end.
 */
public final class ChecksSave {

    private static final System.Logger LOG = System.getLogger(ChecksSave.class.getName());

    /** Hears a save on the UI thread. */
    public interface Listener {

        /** DONE of TOTAL changes are written; STEP says what is being written. */
        void progress(int done, int total, String step);

        /** The save ended: FAILURE is null when every change is stored, or else the reason, one line. */
        void ended(ChangeSet changes, String failure);
    }

    private final ChecksDocument document;
    private final Supplier<Persistence> store;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Job running;

    ChecksSave(ChecksDocument document, Supplier<Persistence> store) {
        this.document = document;
        this.store = store;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Begins a save of the document's changes, from the UI thread; UI runs the listeners' calls there. Returns the
     * Job, or null when nothing changed or a save runs already (its end covers what changed before it began).
     */
    public Job start(Executor ui) {
        ChangeSet changes = document.beginSave().orElse(null);
        if (changes == null) {
            return null;
        }
        if (changes.isEmpty()) {
            document.endSave(changes, true);
            return null;
        }
        Job job = Job.create("Saving checks: " + changes.describe(),
                (IProgressMonitor monitor) -> write(changes, ui, monitor));
        job.setUser(true);
        running = job;
        job.schedule();
        return job;
    }

    /** Waits until a running save has ended, so that closing the console or the store loses none of it. */
    public void awaitEnd() {
        Job job = running;
        if (job == null) {
            return;
        }
        try {
            job.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private IStatus write(ChangeSet changes, Executor ui, IProgressMonitor monitor) {
        monitor.beginTask("Saving " + changes.describe(), changes.size());
        int[] reported = { 0 };
        String failure = "the save stopped before it ended";
        try {
            changes.writeTo(store.get(), (done, total, step) -> {
                monitor.subTask(step);
                monitor.worked(done - reported[0]);
                reported[0] = done;
                ui.execute(() -> listeners.forEach(listener -> listener.progress(done, total, step)));
            });
            failure = null;
            LOG.log(System.Logger.Level.INFO, () -> "store written: " + changes.describe());
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String reason = failure;
            LOG.log(System.Logger.Level.WARNING, () -> "checks not saved, the changes stay unsaved: " + reason);
        } finally {
            monitor.done();
            end(changes, failure, ui);
        }
        return failure == null ? Status.OK_STATUS : Status.info("checks not saved: " + failure);
    }

    private void end(ChangeSet changes, String failure, Executor ui) {
        ui.execute(() -> {
            running = null;
            document.endSave(changes, failure == null);
            listeners.forEach(listener -> listener.ended(changes, failure));
        });
    }
}
