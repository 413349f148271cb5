package org.flapjack.populator;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.flapjack.core.persistence.Batch;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.transport.NewJob;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.populator.DeploySummary.Stage;

/**
 * Deploys checks as a new batch, in place, while workers run: records the batch in persistence (when there is one),
 * publishes it as the current batch, deletes the jobs of earlier batches that wait on the jobs tube, and puts one job
 * per enabled check, pipelined. A worker holding a job of an earlier batch runs it, releases it, sees that its batch
 * is no longer current and deletes it, so no earlier job runs more than once more; the new jobs are put after the
 * drain, so none of them is lost. A deploy can be cancelled between jobs; its summary says what state it left.
 */
public final class Populator {

    private static final System.Logger LOG = System.getLogger(Populator.class.getName());

    /** Jobs put per call, so that a cancel is seen within a few milliseconds of pipelined puts. */
    private static final int PUT_CHUNK = 2048;

    private final Transport transport;

    private final Persistence persistence;

    private final String deployedBy;

    private final Clock clock;

    /** A populator that deploys onto the transport and records nothing. */
    public Populator(Transport transport) {
        this(transport, null, "");
    }

    /** A populator that deploys onto the transport and records each batch in persistence (null: nowhere). */
    public Populator(Transport transport, Persistence persistence, String deployedBy) {
        this(transport, persistence, deployedBy, Clock.systemUTC());
    }

    Populator(Transport transport, Persistence persistence, String deployedBy, Clock clock) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.persistence = persistence;
        this.deployedBy = deployedBy == null ? "" : deployedBy;
        this.clock = clock;
    }

    /** Every node, template and check stored in persistence, disabled checks included, as a batch to deploy. */
    public static BatchContent contentOf(Persistence persistence) {
        return new BatchContent(persistence.nodes(), persistence.templates(), persistence.checks());
    }

    /**
     * Checks the batch against {@link BatchRules} and works out its jobs, touching nothing: what a dry run shows.
     *
     * @throws BatchRefusedException when the batch breaks a rule, such as an unknown parent or a cycle
     */
    public static DeployPlan plan(BatchContent content) throws BatchRefusedException {
        BatchRules.require(content, null);
        return DeployPlanner.plan(BatchIds.next(), content);
    }

    /** Plans and deploys the batch; see {@link #deploy(DeployPlan, DeployProgress, BooleanSupplier)}. */
    public DeploySummary deploy(BatchContent content, DeployProgress progress, BooleanSupplier cancelled)
        throws BatchRefusedException {
        return deploy(plan(content), progress, cancelled);
    }

    /**
     * Deploys the plan. Stops between steps and between jobs when {@code cancelled} answers true or the thread is
     * interrupted (the interrupt stays set), and returns the summary either way.
     *
     * @throws DeployFailedException when the queue server or the store fails; its summary says how far it got
     */
    public DeploySummary deploy(DeployPlan plan, DeployProgress progress, BooleanSupplier cancelled) {
        Deploy deploy = new Deploy(plan, progress, cancelled);
        try (TransportSession session = transport.openSession()) {
            deploy.run(session);
        } catch (RuntimeException e) {
            DeploySummary summary = deploy.summary();
            LOG.log(Level.DEBUG, () -> "deploy failed: " + summary.describe() + ": " + e.getMessage());
            throw new DeployFailedException(summary, e);
        }
        DeploySummary summary = deploy.summary();
        LOG.log(Level.INFO, summary::describe);
        return summary;
    }

    /** One deploy's steps and how far they got. */
    private final class Deploy {

        private final DeployPlan plan;

        private final DeployProgress progress;

        private final BooleanSupplier cancelled;

        private Stage stage = Stage.NOTHING_CHANGED;

        private long removed;

        private int put;

        Deploy(DeployPlan plan, DeployProgress progress, BooleanSupplier cancelled) {
            this.plan = plan;
            this.progress = progress;
            this.cancelled = cancelled;
        }

        void run(TransportSession session) {
            int total = plan.jobs().size();
            progress.progress(0, total);
            if (stop()) {
                return;
            }
            record();
            session.publishBatch(plan.batch());
            stage = Stage.PUBLISHED;
            if (stop()) {
                return;
            }
            removed = session.drainJobs();
            stage = Stage.DRAINED;
            LOG.log(Level.DEBUG, () -> "batch " + plan.batch() + " published; removed " + removed
                + " waiting jobs of earlier batches");
            putJobs(session, total);
        }

        private void record() {
            if (persistence != null) {
                persistence.recordBatch(new Batch(plan.batch(), clock.instant(), plan.jobs().size(), deployedBy));
            }
        }

        private void putJobs(TransportSession session, int total) {
            List<NewJob> jobs = plan.jobs();
            while (put < total) {
                if (stop()) {
                    return;
                }
                List<NewJob> chunk = jobs.subList(put, Math.min(put + PUT_CHUNK, total));
                int offset = put;
                int acknowledged = session.putJobs(chunk, (done, chunkTotal) -> progress.progress(offset + done,
                    total));
                put += acknowledged;
                if (acknowledged < chunk.size()) {
                    return;
                }
            }
            progress.progress(put, total);
            stage = Stage.COMPLETE;
        }

        private boolean stop() {
            return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
        }

        DeploySummary summary() {
            return new DeploySummary(plan.batch(), put, plan.jobs().size(), removed, plan.disabled().size(),
                plan.failed(), stage);
        }
    }
}
