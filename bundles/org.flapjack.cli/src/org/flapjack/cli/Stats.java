package org.flapjack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.flapjack.core.config.NotifierConfig;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.core.transport.TransportUnavailableException;
import org.flapjack.core.transport.TubeStats;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flapjack-stats}: prints how many jobs each beanstalkd tube holds, by state, once a second. */
@Command(name = "flapjack-stats", version = "flapjack-stats 0.1.0",
        description = "Prints each beanstalkd tube's total, ready, delayed, reserved and buried jobs once a second, "
                + "until interrupted. When beanstalkd cannot be reached it says so and retries, or exits 2 with "
                + "--once.")
public final class Stats implements Callable<Integer> {

    private static final String DEFAULT_HOST = "localhost";

    @Option(names = {"-b", "--beanstalk"}, paramLabel = "HOST",
            description = "beanstalkd host (default: the config's [transport] host, else localhost).")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "beanstalkd port (default: the config's [transport] port, else 11300).")
    Integer port;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A notifier config whose [transport] section names the server and tubes.")
    Path config;

    @Option(names = "--once", description = "Print one sample and exit.")
    boolean once;

    @Option(names = "--json", description = "Print each sample as one JSON object on one line.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Prints tube statistics as the command line asks. */
    public static void main(String[] args) {
        Launch.main(new Stats(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        Launch.checkPort(spec, port);
        Map<String, String> settings = settings();
        String address = settings.get("host") + ":" + settings.get("port");
        PrintWriter out = spec.commandLine().getOut();
        try (Transport transport = new BeanstalkdProvider().open(settings);
                TransportSession session = transport.openSession()) {
            sample(session, address, out);
        }
        return 0;
    }

    private void sample(TransportSession session, String address, PrintWriter out) throws InterruptedException {
        boolean unreachable = false;
        while (true) {
            try {
                Map<String, TubeStats> stats = session.stats();
                if (unreachable) {
                    spec.commandLine().getErr().println("reached beanstalkd at " + address + " again");
                    unreachable = false;
                }
                out.println(json ? StatsFormat.json(stats) : StatsFormat.table(LocalTime.now()
                        .truncatedTo(ChronoUnit.SECONDS), stats));
                out.flush();
            } catch (TransportUnavailableException e) {
                if (once) {
                    throw new BadConfig("cannot reach beanstalkd at " + address, e);
                }
                if (!unreachable) {
                    spec.commandLine().getErr().println("cannot reach beanstalkd at " + address
                            + "; retrying every second");
                    spec.commandLine().getErr().flush();
                    unreachable = true;
                }
            }
            if (once) {
                return;
            }
            Thread.sleep(1000);
        }
    }

    /** The [transport] settings of the config, if any, with the command line's host and port over them. */
    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        if (config != null) {
            settings.putAll(readTransportSection());
        }
        String backend = settings.getOrDefault("backend", BeanstalkdProvider.NAME);
        if (!backend.equals(BeanstalkdProvider.NAME)) {
            throw new BadConfig(config + ": [transport] backend is " + backend + "; flapjack-stats reads beanstalkd");
        }
        settings.putIfAbsent("host", DEFAULT_HOST);
        settings.putIfAbsent("port", Integer.toString(BeanstalkdProvider.DEFAULT_PORT));
        if (host != null) {
            settings.put("host", host);
        }
        if (port != null) {
            settings.put("port", port.toString());
        }
        // Fail at once instead of waiting out the outage in the transport: this command reports it itself.
        settings.put("outage-wait", "0");
        settings.put("io-timeout", "3");
        return settings;
    }

    private Map<String, String> readTransportSection() {
        try {
            return NotifierConfig.read(config).transport();
        } catch (NoSuchFileException e) {
            throw new BadConfig(config + ": no such file", e);
        } catch (IOException e) {
            throw new BadConfig("cannot read " + config + ": " + e.getMessage(), e);
        } catch (org.flapjack.core.config.ConfigException e) {
            throw new BadConfig(e.getMessage(), e);
        }
    }
}
