package org.flapjack.populator;

import java.util.Map;

/**
 * What a deploy did, also when it was cancelled.
 *
 * @param batch the id of the new batch
 * @param put how many jobs were put on the jobs tube
 * @param planned how many jobs the batch has: one per enabled check that could be rendered
 * @param removed how many waiting jobs of earlier batches were deleted from the jobs tube
 * @param disabled how many checks were left out because they are disabled
 * @param failed the checks that could not be deployed, by name, with the reason
 * @param stage how far the deploy got
 */
public record DeploySummary(String batch, int put, int planned, long removed, int disabled,
        Map<String, String> failed, Stage stage) {

    /** How far a deploy got, in the order of its steps. */
    public enum Stage {
        /** Nothing was changed: the earlier batch runs on as it did. */
        NOTHING_CHANGED,
        /** The new batch is current, so workers drop the earlier batch's jobs after at most one more run each. */
        PUBLISHED,
        /** As published, and the earlier batch's waiting jobs are deleted; some of the new jobs may be put. */
        DRAINED,
        /** Every job of the new batch is on the jobs tube. */
        COMPLETE
    }

    public DeploySummary {
        failed = Map.copyOf(failed);
    }

    /** Whether the deploy stopped before every job of the batch was put. */
    public boolean cancelled() {
        return stage != Stage.COMPLETE;
    }

    /** One line for an operator: the counts and, when cancelled, the state the jobs tube was left in. */
    public String describe() {
        return counts() + (cancelled() ? "; cancelled: " + state() : "");
    }

    /**
     * The counts alone: {@code batch ID: put P of N enabled checks (F failed), removed R earlier jobs, D disabled},
     * where N counts the enabled checks that failed too.
     */
    public String counts() {
        return "batch " + batch + ": put " + put + " of " + (planned + failed.size()) + " enabled checks ("
            + failed.size() + " failed), removed " + removed + " earlier jobs, " + disabled + " disabled";
    }

    /** The state the deploy left the jobs tube in, in words. */
    public String state() {
        return switch (stage) {
            case NOTHING_CHANGED -> "nothing changed, the earlier batch runs on";
            case PUBLISHED -> "the new batch is published but none of its jobs is put, and the earlier batch's jobs"
                + " each run at most once more; deploy again";
            case DRAINED -> "the earlier batch is gone and " + (planned - put)
                + " checks of the new batch do not run; deploy again";
            case COMPLETE -> "every check of the batch is on the jobs tube";
        };
    }
}
