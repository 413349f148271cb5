package org.flapjack.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one run of a check produced: its exit status, summary output, long output and performance data, when it
 * started, how long it took and which worker ran it. The batch is the deploy the job came from.
 */
public record Result(String check, String batch, int exitStatus, String output, String longOutput,
        List<PerformanceValue> performanceData, Instant startedAt, Duration duration, String worker) {

    public Result {
        Copies.name(check, "a result's check");
        output = output == null ? "" : output;
        longOutput = longOutput == null ? "" : longOutput;
        performanceData = Copies.list(performanceData, "performance data of check " + check);
    }

    /** A result whose output fields come from a plugin's parsed output. */
    public static Result of(String check, String batch, int exitStatus, PluginOutput output, Instant startedAt,
            Duration duration, String worker) {
        return new Result(check, batch, exitStatus, output.summary(), output.longOutput(),
                output.performanceData(), startedAt, duration, worker);
    }

    /** The state this result puts its check in. */
    public Status status() {
        return Status.ofExitStatus(exitStatus);
    }
}
