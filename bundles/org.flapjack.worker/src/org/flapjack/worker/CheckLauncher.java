package org.flapjack.worker;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts one check command in a process group of its own and waits for its end: its output goes into a
 * {@link BoundedOutput}, and at the deadline the whole group is killed. Two ways exist: {@link JavaLauncher}, on any
 * Java, and one that calls the C library's {@code posix_spawn} directly (in the fragment
 * {@code org.flapjack.worker.posix}, on Java 22 and newer), which spares three programs per check.
 */
interface CheckLauncher {

    /**
     * How a run ended.
     *
     * @param ended false when the group was killed at the deadline
     * @param exitStatus the command's exit status (128 plus the signal when a signal ended it); 3 when not ended
     */
    record Ending(boolean ended, int exitStatus) {

        static Ending timedOut() {
            return new Ending(false, 3);
        }
    }

    /**
     * Runs {@code command} in {@code directory} with only {@code environment}, stdin from /dev/null and stdout and
     * stderr into {@code output}, until it ends or {@code deadline} (a {@link System#nanoTime()} value) passes.
     *
     * @throws InterruptedException when the thread was interrupted; the group was killed first
     * @throws IllegalStateException when the command cannot be started at all
     */
    Ending run(String command, Path directory, Map<String, String> environment, long deadline, BoundedOutput output)
        throws InterruptedException;

    /** What the worker's log says about how checks start. */
    String description();
}
