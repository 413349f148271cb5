package org.flapjack.worker;

import java.time.Duration;
import java.time.Instant;

import org.flapjack.core.model.PluginOutput;
import org.flapjack.core.model.Result;
import org.flapjack.core.model.Status;
import org.flapjack.core.transport.JobDocument;

/**
 * How one run of a check command ended.
 *
 * @param exitStatus the command's exit status, or 3 (unknown) when it timed out
 * @param output what it printed on stdout and stderr, up to the cap
 * @param timedOut whether it was killed at its timeout
 * @param timeout the timeout it ran under
 * @param cut whether it printed more than the cap
 * @param outputBytes how many bytes it printed in all
 * @param startedAt when it started
 * @param duration how long it ran
 */
public record CheckRun(int exitStatus, String output, boolean timedOut, Duration timeout, boolean cut,
        long outputBytes, Instant startedAt, Duration duration) {

    /** A run that never began because the command could not be started; unknown, with the reason as output. */
    static CheckRun unstarted(String reason, Duration timeout) {
        return new CheckRun(Status.UNKNOWN.exitStatus(), "UNKNOWN: " + reason, false, timeout, false, 0, Instant.now(),
            Duration.ZERO);
    }

    /**
     * The result of this run for the job it ran: the plugin's output taken apart, with a note in the long output
     * when it was cut, or {@code timed out after Ns} with status unknown when it timed out.
     */
    public Result toResult(JobDocument job, String worker) {
        if (timedOut) {
            PluginOutput timeoutOutput = new PluginOutput("timed out after " + timeout.toSeconds() + "s", "", null);
            return Result.of(job.check(), job.batch(), Status.UNKNOWN.exitStatus(), timeoutOutput, startedAt,
                duration, worker);
        }
        PluginOutput parsed = PluginOutput.parse(output);
        if (cut) {
            String note = "(output cut at " + output.length() + " characters; the check printed " + outputBytes
                + " bytes)";
            String longOutput = parsed.longOutput().isEmpty() ? note : parsed.longOutput() + "\n" + note;
            parsed = new PluginOutput(parsed.summary(), longOutput, parsed.performanceData());
        }
        return Result.of(job.check(), job.batch(), exitStatus, parsed, startedAt, duration, worker);
    }
}
