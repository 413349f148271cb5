package org.flapjack.console.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.transport.Transport;
import org.flapjack.populator.BatchContent;
import org.flapjack.populator.BatchFile;
import org.flapjack.populator.BatchRefusedException;
import org.flapjack.populator.DeployFailedException;
import org.flapjack.populator.DeployPlan;
import org.flapjack.populator.DeploySummary;
import org.flapjack.populator.Populator;

/**
 * Deploys the console's checks as a new batch: first a preview that checks the batch and lists what changes since the
 * last deploy (kept as a batch file snapshot), then the populator in an Eclipse Job that reports progress and can be
 * cancelled. The snapshot is replaced only when every job of the batch is on the tube.
 */
public final class BatchDeploy {

    private static final System.Logger LOG = System.getLogger(BatchDeploy.class.getName());

    private final Transport transport;
    private final Persistence persistence;
    private final Path snapshot;

    /** A deploy onto TRANSPORT, recorded in PERSISTENCE (may be null), comparing with the SNAPSHOT file. */
    public BatchDeploy(Transport transport, Persistence persistence, Path snapshot) {
        this.transport = transport;
        this.persistence = persistence;
        this.snapshot = snapshot;
    }

    /** What deploying CONTENT would do: its plan and the changes since the last deploy; touches nothing. */
    public Preview preview(BatchContent content) throws BatchRefusedException {
        DeployPlan plan = Populator.plan(content);
        return new Preview(content, plan, BatchChanges.between(lastDeployed(), content));
    }

    /** The content of the last complete deploy from this console, or null when there was none or it is unreadable. */
    public BatchContent lastDeployed() {
        if (!Files.isRegularFile(snapshot)) {
            return null;
        }
        try {
            return BatchFile.read(snapshot);
        } catch (IOException | BatchRefusedException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "the last deploy's snapshot " + snapshot
                    + " cannot be read, so every check counts as added: " + e.getMessage());
            return null;
        }
    }

    /**
     * Schedules the deploy of the previewed batch as a Job. PROGRESS hears (done, total) from the Job's thread; DONE
     * gets the outcome once, also from that thread. Cancelling the Job stops the deploy between jobs.
     */
    public Job start(Preview preview, ProgressListener progress, Consumer<Outcome> done) {
        Job job = new Job("Deploying batch " + preview.plan().batch()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                int total = preview.plan().jobs().size();
                monitor.beginTask("Putting " + total + " jobs on the jobs tube", Math.max(total, 1));
                int[] reported = { 0 };
                Outcome outcome;
                try {
                    DeploySummary summary = new Populator(transport, persistence, System.getProperty("user.name"))
                            .deploy(preview.plan(), (put, all) -> {
                                monitor.worked(put - reported[0]);
                                reported[0] = put;
                                progress.progress(put, all);
                            }, monitor::isCanceled);
                    if (!summary.cancelled()) {
                        writeSnapshot(preview.content());
                    }
                    outcome = new Outcome(summary, null);
                } catch (DeployFailedException e) {
                    outcome = new Outcome(e.summary(), e.getMessage());
                } catch (RuntimeException e) {
                    outcome = new Outcome(null, "deploy failed: " + e.getMessage());
                } finally {
                    monitor.done();
                }
                done.accept(outcome);
                return outcome.failure() == null ? Status.OK_STATUS : Status.info(outcome.failure());
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }

    private void writeSnapshot(BatchContent content) {
        try {
            Files.createDirectories(snapshot.getParent());
            Path temporary = snapshot.resolveSibling(snapshot.getFileName() + ".new");
            BatchFile.write(temporary, content);
            Files.move(temporary, snapshot, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "the deployed batch was not kept as " + snapshot
                    + ", so the next deploy compares with an older one: " + e.getMessage());
        }
    }

    /** A batch checked and planned, and what it changes. */
    public record Preview(BatchContent content, DeployPlan plan, BatchChanges changes) {
    }

    /** How a deploy ended: its summary (null when it never started) and the failure, null when there was none. */
    public record Outcome(DeploySummary summary, String failure) {

        /** One or two lines for a person: the summary, the state it left, and the failure. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            if (summary != null) {
                text.append(summary.describe());
                summary.failed().forEach((check, reason) -> text.append("\nnot deployed: ").append(check)
                        .append(": ").append(reason));
            }
            if (failure != null) {
                text.append(text.isEmpty() ? "" : "\n").append(failure);
            }
            return text.toString();
        }
    }

    /** Hears how many jobs are on the tube so far. */
    @FunctionalInterface
    public interface ProgressListener {

        void progress(int done, int total);
    }
}
