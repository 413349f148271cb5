package org.flapjack.processes;

/**
 * Where the processes of one host find their services and files. Paths are on that host; an empty path means the
 * managers' own default (for the run directory: {@code /var/run/flapjack} as root, else the user's state folder).
 *
 * @param beanstalkHost the beanstalkd the workers and the notifier use
 * @param beanstalkPort its port; also the port a beanstalkd started on this host listens on
 * @param beanstalkdDir the folder of a beanstalkd started here: its binlog, pid file and log
 * @param runDir the managers' run directory (pid, status and log files), empty for their default
 * @param checksDirectory the folder the workers run checks in, empty for the worker's default
 * @param recipientsFile the notifier's recipients file
 * @param notifierConfig the notifier's config file, empty for {@code /etc/flapjack/flapjack-notifier.conf}
 */
public record HostSettings(String beanstalkHost, int beanstalkPort, String beanstalkdDir, String runDir,
        String checksDirectory, String recipientsFile, String notifierConfig) {

    /** beanstalkd's own default port. */
    public static final int DEFAULT_BEANSTALK_PORT = 11300;

    /** Replaces missing values by empty strings and the default beanstalkd address. */
    public HostSettings {
        beanstalkHost = beanstalkHost == null || beanstalkHost.isBlank() ? "127.0.0.1" : beanstalkHost.strip();
        beanstalkPort = beanstalkPort <= 0 ? DEFAULT_BEANSTALK_PORT : beanstalkPort;
        beanstalkdDir = clean(beanstalkdDir);
        runDir = clean(runDir);
        checksDirectory = clean(checksDirectory);
        recipientsFile = clean(recipientsFile);
        notifierConfig = clean(notifierConfig);
    }

    /** Every default: beanstalkd on 127.0.0.1:11300, the managers' default folders and files. */
    public static HostSettings defaults() {
        return new HostSettings(null, 0, null, null, null, null, null);
    }

    /** These settings with a beanstalkd folder (binlog, pid file and log). */
    public HostSettings withBeanstalkdDir(String dir) {
        return new HostSettings(beanstalkHost, beanstalkPort, dir, runDir, checksDirectory, recipientsFile,
            notifierConfig);
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }
}
