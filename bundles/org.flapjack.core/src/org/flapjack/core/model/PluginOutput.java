package org.flapjack.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A Nagios plugin's output taken apart: the first line's text is the summary and what follows its {@code |} is
 * performance data; later lines are long output, until a {@code |} there starts more performance data that runs
 * to the end.
 */
public record PluginOutput(String summary, String longOutput, List<PerformanceValue> performanceData) {

    public PluginOutput {
        summary = summary == null ? "" : summary;
        longOutput = longOutput == null ? "" : longOutput;
        performanceData = Copies.list(performanceData, "performance data");
    }

    /** Reads what a plugin printed; never fails: performance data it cannot read is left out. */
    public static PluginOutput parse(String rawOutput) {
        if (rawOutput == null || rawOutput.isEmpty()) {
            return new PluginOutput("", "", List.of());
        }
        String[] lines = rawOutput.split("\\R", -1);
        StringBuilder perfdata = new StringBuilder();

        String[] first = splitAtBar(lines[0]);
        perfdata.append(first[1]);

        List<String> longLines = new ArrayList<>();
        boolean inPerfdata = false;
        for (int i = 1; i < lines.length; i++) {
            if (inPerfdata) {
                perfdata.append(' ').append(lines[i]);
                continue;
            }
            String[] parts = splitAtBar(lines[i]);
            longLines.add(parts[0]);
            if (parts[1] != null) {
                perfdata.append(' ').append(parts[1]);
                inPerfdata = true;
            }
        }
        return new PluginOutput(first[0].strip(), joinLongOutput(longLines), PerfdataParser.parse(perfdata));
    }

    private static String[] splitAtBar(String line) {
        int bar = line.indexOf('|');
        if (bar < 0) {
            return new String[] { line, null };
        }
        return new String[] { line.substring(0, bar), line.substring(bar + 1) };
    }

    private static String joinLongOutput(List<String> lines) {
        return String.join("\n", lines).strip();
    }
}
