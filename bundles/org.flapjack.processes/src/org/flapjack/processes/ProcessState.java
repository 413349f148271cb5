package org.flapjack.processes;

import java.time.Duration;

/**
 * One running process as a status refresh saw it.
 *
 * @param kind what the process is
 * @param pid its process id on its host
 * @param uptime how long it has been running
 * @param cpuPercent its CPU use as {@code ps} reports it (averaged over its life)
 * @param memoryKiB its resident memory in KiB
 * @param checksRun the checks it ran so far (workers only, else 0)
 */
public record ProcessState(ProcessKind kind, long pid, Duration uptime, double cpuPercent, long memoryKiB,
        long checksRun) {
}
