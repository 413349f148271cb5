package org.flapjack.e2e.tests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.flapjack.e2e.tests.ServerProduct;

/**
 * Runs trivial checks ({@code check_dummy 0}, 20,000 unless told otherwise) once each through the whole pipeline,
 * populator, workers and notifier, all started through the server product's launchers, and in the same run two
 * baselines on this machine: the spawn floor (the same command as often, at the same parallelism, from
 * {@code xargs -P}) and Nagios 4 running the command as 2,000 services every second. As Nagios is measured after a
 * warm-up, the pipeline runs the checks twice and the second run counts. Prints the rates, their ratios and the CPU
 * each used. Not a test:
 * {@code java ... PipelineBench [CHECKS] [--nagios-window SECONDS] [--nagios-warmup SECONDS] [--no-nagios]}.
 */
public final class PipelineBench {

    private static final String PLUGIN = "/usr/lib/nagios/plugins/check_dummy";
    private static final String COMMAND = PLUGIN + " 0";
    private static final int WORKERS = 5;
    private static final int NAGIOS_SERVICES = 2000;

    private PipelineBench() {
    }

    /** Runs the pipeline and both baselines and prints their figures. */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (!Files.isExecutable(Path.of(PLUGIN))) {
            throw new IllegalStateException(PLUGIN + " not found: apt-get install monitoring-plugins-basic");
        }
        ServerProduct server = ServerProduct.fromSystemProperty();
        int concurrency = 4 * Runtime.getRuntime().availableProcessors();
        int parallelism = WORKERS * concurrency;
        Path folder = Files.createTempDirectory("flapjack-pipeline-bench-");
        try {
            System.out.printf("%d checks of '%s', %d workers x %d slots = %d at once, on %d processors%n",
                    options.checks, COMMAND, WORKERS, concurrency, parallelism,
                    Runtime.getRuntime().availableProcessors());
            PipelineRun.Figures pipeline;
            PipelineRun.NotifierFigures notifier;
            String workerSize;
            try (PipelineRun run = new PipelineRun(server, Files.createDirectory(folder.resolve("flapjack")),
                    options.checks, WORKERS, concurrency)) {
                Duration stored = run.start(COMMAND);
                System.out.printf("stored the checks in SQLite in %.1f s; workers and notifier started%n",
                        stored.toMillis() / 1000.0);
                // Nagios is measured after a warm-up; so is the pipeline: one unmeasured run first, while the JVMs
                // compile their code.
                PipelineRun.Figures warmUp = run.runOnce();
                System.out.printf("warm-up run (not counted): %.0f checks/s%n", warmUp.rate());
                pipeline = run.runOnce();
                workerSize = run.workerResidentSize();
                notifier = run.notifierAlone();
            }
            printPipeline(pipeline, workerSize, notifier);

            Floor floor = spawnFloor(options.checks, parallelism, folder);
            System.out.printf("spawn floor: xargs -P %d %s: %d runs in %.1f s = %.0f checks/s; CPU %.1f s%n",
                    parallelism, COMMAND, options.checks, floor.seconds, floor.rate(), floor.cpuSeconds);

            Optional<NagiosBaseline.Outcome> nagios = nagios(options, folder);
            printRatios(pipeline, floor, nagios);
        } finally {
            deleteTree(folder);
        }
    }

    private static void printPipeline(PipelineRun.Figures run, String workerSize, PipelineRun.NotifierFigures alone) {
        System.out.printf("pipeline: %d checks gave %d results%n", run.checks(), run.results());
        System.out.printf("  deploy (flapjack-populator --config, checks read from SQLite): %.1f s%n",
                run.deploySeconds());
        System.out.printf("  populator -> workers -> notifier: %.1f s = %.0f checks/s (%.0f checks/s from the first "
                + "result to the notifier's last)%n", run.seconds(), run.rate(), run.checks()
                / run.secondsFromFirstResult());
        System.out.printf("  CPU seconds: worker JVMs %.1f, their check processes %.1f, notifier %.1f, beanstalkd "
                + "%.1f, populator %.1f; total %.1f = %.2f ms per check%n", run.workers().own(),
                run.workers().children(), run.notifier().own(), run.beanstalkd().own(), run.populatorCpu(),
                run.cpuSeconds(), 1000 * run.cpuSeconds() / run.checks());
        System.out.println("  RSS of one worker: " + workerSize);
        System.out.printf("notifier alone (SQLite, nothing to notify): %d results in %.1f s = %.0f results/s; "
                + "CPU %.1f s%n", alone.results(), alone.seconds(), alone.rate(), alone.cpuSeconds());
    }

    private static void printRatios(PipelineRun.Figures pipeline, Floor floor,
            Optional<NagiosBaseline.Outcome> nagios) {
        System.out.printf("rates: pipeline %.0f, spawn floor %.0f%s checks/s%n", pipeline.rate(), floor.rate(),
                nagios.map(outcome -> String.format(", Nagios %.0f", outcome.rate())).orElse(""));
        System.out.printf("pipeline / spawn floor = %.2f%n", pipeline.rate() / floor.rate());
        nagios.ifPresent(outcome -> System.out.printf("pipeline / Nagios = %.2f; CPU ms per check: pipeline %.2f, "
                + "Nagios %.2f, spawn floor %.2f%n", pipeline.rate() / outcome.rate(),
                1000 * pipeline.cpuSeconds() / pipeline.checks(), 1000 * outcome.cpuSeconds() / outcome.checks(),
                1000 * floor.cpuSeconds / pipeline.checks()));
    }

    /** The spawn floor's figures: {@code runs} of the command in {@code seconds}, using {@code cpuSeconds}. */
    private record Floor(int runs, double seconds, double cpuSeconds) {

        double rate() {
            return runs / seconds;
        }
    }

    private static Floor spawnFloor(int runs, int parallelism, Path folder) throws Exception {
        Path input = folder.resolve("xargs-input");
        Files.writeString(input, "0\n".repeat(runs));
        ProcessCpu before = ProcessCpu.self();
        long begin = System.nanoTime();
        Process xargs = new ProcessBuilder("xargs", "-P", Integer.toString(parallelism), "-L", "1", PLUGIN)
                .redirectInput(input.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!xargs.waitFor(10, TimeUnit.MINUTES) || xargs.exitValue() != 0) {
            xargs.destroyForcibly();
            throw new IllegalStateException("xargs -P " + parallelism + " " + COMMAND + " failed");
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        return new Floor(runs, seconds, ProcessCpu.self().minus(before).children());
    }

    private static Optional<NagiosBaseline.Outcome> nagios(Options options, Path folder) throws Exception {
        if (options.skipNagios) {
            System.out.println("Nagios: skipped (--no-nagios)");
            return Optional.empty();
        }
        String unavailable = NagiosBaseline.unavailable();
        if (!unavailable.isEmpty()) {
            System.out.println("Nagios: not run: " + unavailable);
            return Optional.empty();
        }
        NagiosBaseline.Outcome outcome = new NagiosBaseline(Files.createDirectory(folder.resolve("nagios")))
                .run(NAGIOS_SERVICES, COMMAND, options.nagiosWarmup, options.nagiosWindow);
        System.out.printf("%s: %d services every 1 s: %d checks in %.0f s (nagios4stats, after %d s warm-up) = %.0f "
                + "checks/s; CPU %.1f s%n", outcome.version(), NAGIOS_SERVICES, outcome.checks(), outcome.seconds(),
                options.nagiosWarmup.toSeconds(), outcome.rate(), outcome.cpuSeconds());
        return Optional.of(outcome);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The command line: a number of checks, and how Nagios is measured. */
    private record Options(int checks, Duration nagiosWarmup, Duration nagiosWindow, boolean skipNagios) {

        static Options parse(String[] args) {
            int checks = 20_000;
            Duration warmup = Duration.ofSeconds(10);
            Duration window = Duration.ofSeconds(60);
            boolean skipNagios = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--no-nagios" -> skipNagios = true;
                    case "--nagios-warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
                    case "--nagios-window" -> window = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
                    default -> checks = Integer.parseInt(args[i]);
                }
            }
            return new Options(checks, warmup, window, skipNagios);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a number of seconds");
            }
            return args[i];
        }
    }
}
