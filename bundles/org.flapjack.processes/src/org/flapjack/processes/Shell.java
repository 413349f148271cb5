package org.flapjack.processes;

import java.time.Duration;
import java.util.List;

/** Runs a command on one host and returns its exit status and output. */
interface Shell extends AutoCloseable {

    /** Most output a command may give; the rest is dropped and marked as cut. */
    int OUTPUT_LIMIT = 256 * 1024;

    /**
     * Runs {@code command} (a program and its arguments, no shell quoting needed) with stdin closed, stdout and
     * stderr merged, and gives up with a {@link HostException} after {@code timeout}.
     */
    CommandResult run(List<String> command, Duration timeout);

    @Override
    default void close() {
    }
}
