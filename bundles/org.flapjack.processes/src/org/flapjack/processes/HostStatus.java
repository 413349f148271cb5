package org.flapjack.processes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What runs on one host at one moment.
 *
 * @param host the host
 * @param time when the status was taken
 * @param beanstalkd the beanstalkd started through this bundle, or null when none runs
 * @param workers the worker manager's running workers
 * @param notifier the running notifier, or null when none runs
 * @param checksPerSecond the checks all workers ran per second since the previous status (since they started, the
 *     first time)
 */
public record HostStatus(Host host, Instant time, ProcessState beanstalkd, List<ProcessState> workers,
        ProcessState notifier, double checksPerSecond) {

    /** Copies the worker list. */
    public HostStatus {
        workers = List.copyOf(workers);
    }

    /** The beanstalkd, when one runs. */
    public Optional<ProcessState> beanstalkdProcess() {
        return Optional.ofNullable(beanstalkd);
    }

    /** The notifier, when one runs. */
    public Optional<ProcessState> notifierProcess() {
        return Optional.ofNullable(notifier);
    }
}
