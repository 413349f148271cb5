package org.flapjack.transport.beanstalkd;

import java.time.Duration;
import java.util.Map;

import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportProvider;
import org.flapjack.core.transport.TubeNames;

/**
 * Opens transports on a beanstalkd server. Settings of the {@code [transport]} section: {@code host} (default
 * localhost), {@code port} (default 11300), {@code jobs-tube} and {@code results-tube} (default jobs and results),
 * {@code outage-wait} (seconds a call waits for an unreachable server before it fails; default: forever) and
 * {@code io-timeout} (seconds to wait for an answer before the connection counts as lost; default 10) and
 * {@code max-job-size} (the server's {@code -z} limit in bytes, which results are cut to fit; default 65535).
 */
public final class BeanstalkdProvider implements TransportProvider {

    /** The backend name in the configuration. */
    public static final String NAME = "beanstalkd";

    /** The port beanstalkd listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 11300;

    /** beanstalkd's default limit on a job body, in bytes (its -z option). */
    public static final int DEFAULT_MAX_JOB_SIZE = 65_535;

    /** The smallest job size limit accepted: a result without output must fit. */
    private static final int MIN_JOB_SIZE = 4096;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport open(Map<String, String> settings) {
        Endpoint endpoint = new Endpoint(settings.getOrDefault("host", "localhost"),
            intSetting(settings, "port", DEFAULT_PORT, 1, 65535));
        Duration ioTimeout = Duration.ofSeconds(intSetting(settings, "io-timeout", 10, 1, 3600));
        Duration outageWait = settings.containsKey("outage-wait")
            ? Duration.ofSeconds(intSetting(settings, "outage-wait", 0, 0, Integer.MAX_VALUE))
            : null;
        int maxJobSize = intSetting(settings, "max-job-size", DEFAULT_MAX_JOB_SIZE, MIN_JOB_SIZE, Integer.MAX_VALUE);
        return new BeanstalkdTransport(endpoint, TubeNames.fromSettings(settings), ioTimeout, outageWait,
            maxJobSize);
    }

    private static int intSetting(Map<String, String> settings, String key, int fallback, int min, int max) {
        String text = settings.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException("[transport] " + key + ": expected a whole number from " + min + " to "
            + max + ", not '" + text + "'");
    }
}
