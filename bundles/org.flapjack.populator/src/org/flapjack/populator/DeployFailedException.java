package org.flapjack.populator;

/**
 * A deploy stopped by a failure of the queue server or the store; {@link #summary()} says how far it got, and so what
 * state the jobs tube was left in.
 */
public final class DeployFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient DeploySummary summary;

    /** A failure after the deploy reached the summary's stage. */
    public DeployFailedException(DeploySummary summary, RuntimeException cause) {
        super("deploy failed (" + summary.counts() + "; " + summary.state() + "): " + cause.getMessage(), cause);
        this.summary = summary;
    }

    /** How far the deploy got before it failed. */
    public DeploySummary summary() {
        return summary;
    }
}
