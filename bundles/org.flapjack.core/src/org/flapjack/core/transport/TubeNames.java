package org.flapjack.core.transport;

import java.util.Map;

/**
 * The tubes a transport uses: jobs for the workers, results for the notifier, and a small control tube next to the
 * jobs tube that holds the id of the batch currently deployed.
 *
 * @param jobs the tube the populator fills and the workers reserve from
 * @param results the tube the workers put results on and the notifier reserves from
 */
public record TubeNames(String jobs, String results) {

    /** Settings key of the jobs tube's name in the {@code [transport]} section. */
    public static final String JOBS_KEY = "jobs-tube";

    /** Settings key of the results tube's name in the {@code [transport]} section. */
    public static final String RESULTS_KEY = "results-tube";

    /** The names Flapjack uses when the configuration names none. */
    public static final TubeNames DEFAULT = new TubeNames("jobs", "results");

    public TubeNames {
        requireValid(jobs, JOBS_KEY);
        requireValid(results, RESULTS_KEY);
        if (jobs.equals(results)) {
            throw new IllegalArgumentException("jobs and results must be different tubes, both are '" + jobs + "'");
        }
    }

    /** Reads the tube names from the {@code [transport]} settings, with the defaults for keys that are absent. */
    public static TubeNames fromSettings(Map<String, String> settings) {
        return new TubeNames(settings.getOrDefault(JOBS_KEY, DEFAULT.jobs),
            settings.getOrDefault(RESULTS_KEY, DEFAULT.results));
    }

    /** The control tube holding the current batch id: the jobs tube's name followed by {@code -batch}. */
    public String batch() {
        return jobs + "-batch";
    }

    private static void requireValid(String name, String key) {
        // beanstalkd allows letters, digits and - + / ; . $ _ ( ) up to 200 bytes, and no leading '-'.
        if (name == null || name.isEmpty() || name.length() > 190 || name.startsWith("-")
            || !name.matches("[A-Za-z0-9+/;.$_()-]+")) {
            throw new IllegalArgumentException(key + ": '" + name
                + "' is not a tube name (letters, digits and - + / ; . $ _ ( ), not starting with -)");
        }
    }
}
