package org.flapjack.cli;

import java.time.LocalTime;
import java.util.Map;

import org.flapjack.core.transport.TubeStats;

/** Writes a sample of tube statistics as a table for people or as one line of JSON for programs. */
final class StatsFormat {

    private static final String ROW = "%-24s %9s %9s %9s %9s %9s";

    private StatsFormat() {
    }

    /** A table with a header line naming the time, then one row per tube. */
    static String table(LocalTime time, Map<String, TubeStats> stats) {
        StringBuilder table = new StringBuilder(String.format(ROW, "tube (" + time + ")", "total", "ready",
                "delayed", "reserved", "buried"));
        for (TubeStats tube : stats.values()) {
            table.append(System.lineSeparator()).append(String.format(ROW, tube.tube(), tube.total(), tube.ready(),
                    tube.delayed(), tube.reserved(), tube.buried()));
        }
        return table.toString();
    }

    /**
     * {@code {"tubes":{"jobs":{"ready":1,...},...}}}. Tube names need no escaping: beanstalkd allows only letters,
     * digits and {@code - + / ; . $ _ ( )} in them.
     */
    static String json(Map<String, TubeStats> stats) {
        StringBuilder json = new StringBuilder("{\"tubes\":{");
        String separator = "";
        for (TubeStats tube : stats.values()) {
            json.append(separator).append('"').append(tube.tube()).append("\":{\"ready\":").append(tube.ready())
                    .append(",\"delayed\":").append(tube.delayed()).append(",\"reserved\":").append(tube.reserved())
                    .append(",\"buried\":").append(tube.buried()).append(",\"total\":").append(tube.total())
                    .append('}');
            separator = ",";
        }
        return json.append("}}").toString();
    }
}
