package org.flapjack.populator;

/** Receives the progress of a deploy, for a progress bar: how many jobs are on the tube so far, out of how many. */
@FunctionalInterface
public interface DeployProgress {

    /** Called from the deploying thread at the start, at least once per few thousand jobs, and at the end. */
    void progress(int done, int total);

    /** A listener that ignores progress. */
    DeployProgress NONE = (done, total) -> { };
}
