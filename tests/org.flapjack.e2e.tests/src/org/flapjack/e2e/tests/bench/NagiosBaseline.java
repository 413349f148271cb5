package org.flapjack.e2e.tests.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Nagios 4 (Debian's nagios4-core) as the baseline: started in the foreground with a generated config in a folder of
 * its own (one host, {@code services} services running the same command every second, {@code interval_length=1},
 * notifications and host checks off, nothing retained), its rate read with {@code nagios4stats} from the count of
 * active service checks in the last minute, then stopped.
 */
final class NagiosBaseline {

    private static final Path NAGIOS = Path.of("/usr/sbin/nagios4");
    private static final Path NAGIOS_STATS = Path.of("/usr/sbin/nagios4stats");
    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

    /**
     * What one run measured: {@code checks} service checks in {@code seconds}, and the CPU Nagios, its workers and
     * their checks used in about that window (the status file's time and the CPU reading differ by up to a second).
     */
    record Outcome(String version, long checks, double seconds, double cpuSeconds) {

        double rate() {
            return checks / seconds;
        }
    }

    private final Path folder;
    private final Path config;

    NagiosBaseline(Path folder) {
        this.folder = folder;
        this.config = folder.resolve("nagios.cfg");
    }

    /** Why Nagios cannot run here, with the command that installs it; empty when it can. */
    static String unavailable() {
        return Files.isExecutable(NAGIOS) && Files.isExecutable(NAGIOS_STATS) ? ""
                : "nagios4 not found: apt-get install nagios4-core";
    }

    /**
     * Runs Nagios with {@code services} services of {@code command}; after {@code warmup} counts the checks of the
     * next {@code window}, which is at most a minute: a full minute is one reading of the last minute's count, a
     * shorter window the difference of two readings while Nagios has run less than a minute.
     */
    Outcome run(int services, String command, Duration warmup, Duration window) throws Exception {
        if (window.compareTo(ONE_MINUTE) > 0 || window.toSeconds() < 5) {
            throw new IllegalArgumentException("the Nagios window is 5 to 60 s, not " + window.toSeconds() + " s");
        }
        if (window.compareTo(ONE_MINUTE) < 0 && warmup.plus(window).compareTo(ONE_MINUTE) > 0) {
            throw new IllegalArgumentException("a Nagios window shorter than a minute must end within Nagios's "
                    + "first minute: warm-up " + warmup.toSeconds() + " s + window " + window.toSeconds() + " s");
        }
        writeConfig(services, command);
        verifyConfig();
        Process nagios = new ProcessBuilder(NAGIOS.toString(), config.toString()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(folder.resolve("nagios.out").toFile()).start();
        try {
            Instant started = Instant.now();
            if (window.equals(ONE_MINUTE)) {
                Thread.sleep(warmup.toMillis());
                double cpuBefore = cpu(nagios);
                Sample sample = sampleAfter(started.plus(warmup).plus(window), nagios);
                return new Outcome(version(), sample.checksLastMinute(), 60, cpu(nagios) - cpuBefore);
            }
            Sample first = sampleAfter(started.plus(warmup), nagios);
            double cpuBefore = cpu(nagios);
            Sample second = sampleAfter(first.time().plus(window), nagios);
            double seconds = Duration.between(first.time(), second.time()).toMillis() / 1000.0;
            return new Outcome(version(), second.checksLastMinute() - first.checksLastMinute(), seconds,
                    cpu(nagios) - cpuBefore);
        } finally {
            stop(nagios);
        }
    }

    /** One reading of the status file: when Nagios wrote it, and the active service checks of the last minute. */
    private record Sample(Instant time, long checksLastMinute) {
    }

    /** Waits for a status file written after {@code time} and reads it. */
    private Sample sampleAfter(Instant time, Process nagios) throws Exception {
        Path status = folder.resolve("status.dat");
        while (true) {
            if (!nagios.isAlive()) {
                throw new IllegalStateException("nagios4 exited with " + nagios.exitValue() + ": "
                        + Files.readString(folder.resolve("nagios.out")).strip());
            }
            if (Files.exists(status) && Files.getLastModifiedTime(status).toInstant().isAfter(time)) {
                Instant written = Files.getLastModifiedTime(status).toInstant();
                long checks = Long.parseLong(stats("NUMACTSVCCHECKS1M").strip());
                if (Files.getLastModifiedTime(status).toInstant().equals(written)) {
                    return new Sample(written, checks);
                }
            }
            Thread.sleep(100);
        }
    }

    private String stats(String variable) throws Exception {
        Process stats = new ProcessBuilder(NAGIOS_STATS.toString(), "-c", config.toString(), "-m", "-d", variable)
                .redirectErrorStream(true).start();
        String text = new String(stats.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (stats.waitFor() != 0) {
            throw new IllegalStateException("nagios4stats failed: " + text.strip());
        }
        return text;
    }

    /** The CPU time of Nagios, its check workers and the checks they ran, so far. */
    private static double cpu(Process nagios) {
        List<Long> pids = Stream.concat(Stream.of(nagios.toHandle()), nagios.toHandle().descendants())
                .map(ProcessHandle::pid).toList();
        return ProcessCpu.of(pids).total();
    }

    private static void stop(Process nagios) throws InterruptedException {
        nagios.destroy();
        if (!nagios.waitFor(20, TimeUnit.SECONDS)) {
            nagios.descendants().forEach(ProcessHandle::destroyForcibly);
            nagios.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String version() throws Exception {
        Process nagios = new ProcessBuilder(NAGIOS.toString(), "--version").redirectErrorStream(true).start();
        String text = new String(nagios.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        nagios.waitFor();
        return text.lines().filter(line -> line.startsWith("Nagios Core")).findFirst().orElse("Nagios 4").strip();
    }

    private void verifyConfig() throws Exception {
        Process verify = new ProcessBuilder(NAGIOS.toString(), "-v", config.toString()).redirectErrorStream(true)
                .start();
        String text = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (verify.waitFor() != 0) {
            throw new IllegalStateException("nagios4 refused the generated config " + config + ": "
                    + text.lines().filter(line -> line.contains("Error")).toList());
        }
    }

    private void writeConfig(int services, String command) throws IOException {
        Files.createDirectories(folder.resolve("checkresults"));
        String dir = folder.toString();
        // Runs as whoever starts the benchmark (root included), keeps nothing between runs, and does nothing but
        // schedule the services' checks: no notifications, host checks, event handlers or performance data.
        Files.writeString(config, String.join("\n",
                "log_file=" + dir + "/nagios.log",
                "cfg_file=" + dir + "/objects.cfg",
                "status_file=" + dir + "/status.dat",
                "status_update_interval=2",
                "temp_file=" + dir + "/nagios.tmp",
                "temp_path=" + dir,
                "lock_file=" + dir + "/nagios.lock",
                "query_socket=" + dir + "/nagios.qh",
                "check_result_path=" + dir + "/checkresults",
                "state_retention_file=" + dir + "/retention.dat",
                "retain_state_information=0",
                "use_retained_scheduling_info=0",
                "object_cache_file=" + dir + "/objects.cache",
                "precached_object_file=" + dir + "/objects.precache",
                "command_file=" + dir + "/nagios.cmd",
                "check_external_commands=0",
                "nagios_user=" + System.getProperty("user.name"),
                "nagios_group=" + group(),
                "interval_length=1",
                "service_inter_check_delay_method=n",
                "max_service_check_spread=1",
                "max_concurrent_checks=0",
                "check_result_reaper_frequency=1",
                "enable_notifications=0",
                "enable_event_handlers=0",
                "execute_host_checks=0",
                "process_performance_data=0",
                "log_initial_states=0",
                "enable_flap_detection=0",
                "use_syslog=0",
                ""));
        StringBuilder objects = new StringBuilder("""
                define command {
                  command_name bench
                  command_line %s
                }
                define timeperiod {
                  timeperiod_name always
                  alias always
                  sunday 00:00-24:00
                  monday 00:00-24:00
                  tuesday 00:00-24:00
                  wednesday 00:00-24:00
                  thursday 00:00-24:00
                  friday 00:00-24:00
                  saturday 00:00-24:00
                }
                define contact {
                  contact_name nobody
                  host_notifications_enabled 0
                  service_notifications_enabled 0
                  host_notification_period always
                  service_notification_period always
                  host_notification_options n
                  service_notification_options n
                  host_notification_commands bench
                  service_notification_commands bench
                }
                define host {
                  host_name bench
                  address 127.0.0.1
                  check_command bench
                  max_check_attempts 1
                  check_period always
                  active_checks_enabled 0
                  contacts nobody
                  notification_period always
                }
                """.formatted(command));
        for (int i = 0; i < services; i++) {
            objects.append("""
                    define service {
                      host_name bench
                      service_description bench-%d
                      check_command bench
                      check_interval 1
                      retry_interval 1
                      max_check_attempts 1
                      check_period always
                      notification_period always
                      contacts nobody
                    }
                    """.formatted(i));
        }
        Files.writeString(folder.resolve("objects.cfg"), objects);
    }

    private static String group() throws IOException {
        Process id = new ProcessBuilder("id", "-gn").redirectErrorStream(true).start();
        return new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
