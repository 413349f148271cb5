package org.flapjack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.flapjack.core.config.ConfigException;
import org.flapjack.core.config.NotifierConfig;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.persistence.PersistenceException;
import org.flapjack.core.transport.NewJob;
import org.flapjack.core.transport.Transport;
import org.flapjack.populator.BatchContent;
import org.flapjack.populator.BatchFile;
import org.flapjack.populator.BatchRefusedException;
import org.flapjack.populator.DeployFailedException;
import org.flapjack.populator.DeployPlan;
import org.flapjack.populator.DeploySummary;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flapjack-populator}: deploys the enabled checks as a new batch onto the jobs tube, in place, from persistence
 * ({@code --config}) or from a batch file ({@code --batch}).
 */
@Command(name = "flapjack-populator", version = "flapjack-populator 0.1.0",
        description = {"Deploys the enabled checks as a new batch: the jobs of the earlier batch are removed (a job a "
                + "worker holds runs at most once more) and one job per enabled check is put on the jobs tube, first "
                + "runs spread over each check's interval. No beanstalkd restart is needed.",
            "Exits 0 when every enabled check was deployed, 1 on a usage error, 2 on a bad config or batch file, an "
                + "unreachable service, or when any check could not be deployed (the others are)."})
public final class Populator implements Callable<Integer> {

    private static final long CANCEL_WAIT_SECONDS = 10;

    /** Held, so that the level set on it stays: the engine's summary log line repeats what this command prints. */
    private static final Logger ENGINE_LOG = Logger.getLogger(org.flapjack.populator.Populator.class.getName());

    @Option(names = "--config", paramLabel = "FILE",
            description = "A notifier config: the checks come from its [persistence], the server from [transport].")
    Path config;

    @Option(names = "--batch", paramLabel = "FILE",
            description = "A batch file (JSON, or YAML when named .yaml/.yml) to deploy instead of persistence. With "
                    + "--config whose [persistence] is set, the file's nodes, templates and checks (with their "
                    + "parents and recipients) are stored there first, so the notifier knows them; checks stored "
                    + "earlier that the file lacks stay stored.")
    Path batch;

    @Option(names = {"-b", "--beanstalk"}, paramLabel = "HOST",
            description = "beanstalkd host (default: the config's [transport] host, else localhost).")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "beanstalkd port (default: the config's [transport] port, else 11300).")
    Integer port;

    @Option(names = "--dry-run", description = "Print what would be deployed, and change nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Deploys a batch as the command line asks. */
    public static void main(String[] args) {
        Launch.main(new Populator(), args);
    }

    @Override
    public Integer call() {
        if (config == null && batch == null) {
            throw new ParameterException(spec.commandLine(), "Give --config FILE (deploy from persistence) or "
                    + "--batch FILE (deploy a batch file)");
        }
        Launch.checkPort(spec, port);
        NotifierConfig notifierConfig = config == null ? null : readConfig();
        BatchContent content = content(notifierConfig);
        DeployPlan plan = plan(content);
        if (batch == null && plan.jobs().isEmpty() && plan.failed().isEmpty() && !dryRun) {
            throw new BadConfig(config + ": [persistence] holds no enabled check, so nothing was deployed and the "
                    + "earlier batch runs on; store checks with --batch FILE --config " + config
                    + " or from the console");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            printPlan(plan, out);
            return exitStatus(plan.failed().size());
        }
        if (!Logger.getLogger("").isLoggable(Level.FINE)) {
            ENGINE_LOG.setLevel(Level.WARNING);
        }
        DeploySummary summary = deploy(content, plan, notifierConfig, out);
        printFailures(plan, spec.commandLine().getErr());
        out.println(summary.describe());
        out.flush();
        return summary.cancelled() ? Launch.FAILURE : exitStatus(summary.failed().size());
    }

    private static int exitStatus(int failed) {
        return failed == 0 ? 0 : Launch.FAILURE;
    }

    private static DeployPlan plan(BatchContent content) {
        try {
            return org.flapjack.populator.Populator.plan(content);
        } catch (BatchRefusedException e) {
            throw new BadConfig(e.getMessage(), e);
        }
    }

    private BatchContent content(NotifierConfig notifierConfig) {
        if (batch != null) {
            try {
                return BatchFile.read(batch);
            } catch (NoSuchFileException e) {
                throw new BadConfig(batch + ": no such file", e);
            } catch (IOException e) {
                throw new BadConfig("cannot read " + batch + ": " + e.getMessage(), e);
            } catch (BatchRefusedException e) {
                throw new BadConfig(e.getMessage(), e);
            }
        }
        try (Persistence persistence = openPersistence(notifierConfig)) {
            return org.flapjack.populator.Populator.contentOf(persistence);
        } catch (PersistenceException e) {
            throw new BadConfig(e.getMessage(), e);
        }
    }

    private DeploySummary deploy(BatchContent content, DeployPlan plan, NotifierConfig notifierConfig,
            PrintWriter out) {
        ProgressBar progress = new ProgressBar(out, ProgressBar.onTerminal());
        CountDownLatch finished = new CountDownLatch(1);
        Thread cancelOnInterrupt = new Thread(() -> cancelAndWait(finished), "flapjack-populator-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        try (Transport transport = new BeanstalkdProvider().open(transportSettings(notifierConfig));
                Persistence persistence = storesChecks(notifierConfig) ? openPersistence(notifierConfig) : null) {
            if (batch != null && persistence != null) {
                store(content, persistence);
            }
            String deployedBy = System.getProperty("user.name", "") + " (flapjack-populator)";
            return new org.flapjack.populator.Populator(transport, persistence, deployedBy)
                    .deploy(plan, progress, cancelled::get);
        } catch (DeployFailedException | PersistenceException e) {
            throw new BadConfig(e.getMessage(), e);
        } finally {
            progress.finish();
            finished.countDown();
            removeHook(cancelOnInterrupt);
        }
    }

    /** On Ctrl-C: ask the deploy to stop between jobs and give it time to print what state it left. */
    private void cancelAndWait(CountDownLatch finished) {
        cancelled.set(true);
        try {
            finished.await(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already, and the hook is what let this deploy finish
        }
    }

    private boolean storesChecks(NotifierConfig notifierConfig) {
        return batch == null || (notifierConfig != null && !notifierConfig.persistence().isEmpty());
    }

    /** Stores a batch file's nodes, templates and checks, so the notifier knows their parents and recipients. */
    private static void store(BatchContent content, Persistence persistence) {
        content.nodes().forEach(persistence::saveNode);
        content.templates().forEach(persistence::saveTemplate);
        content.checks().forEach(persistence::saveCheck);
    }

    private Persistence openPersistence(NotifierConfig notifierConfig) {
        Map<String, String> settings = notifierConfig.persistence();
        if (settings.isEmpty()) {
            throw new BadConfig(config + ": no [persistence] section to read the checks from; give --batch FILE to "
                    + "deploy a batch file instead");
        }
        return Backends.persistence(settings);
    }

    private Map<String, String> transportSettings(NotifierConfig notifierConfig) {
        Map<String, String> settings = new HashMap<>();
        if (notifierConfig != null) {
            settings.putAll(notifierConfig.transport());
        }
        String backend = settings.getOrDefault("backend", BeanstalkdProvider.NAME);
        if (!backend.equals(BeanstalkdProvider.NAME)) {
            throw new BadConfig(config + ": [transport] backend is " + backend + "; flapjack-populator deploys onto "
                    + "beanstalkd");
        }
        settings.putIfAbsent("host", "localhost");
        settings.putIfAbsent("port", Integer.toString(BeanstalkdProvider.DEFAULT_PORT));
        if (host != null) {
            settings.put("host", host);
        }
        if (port != null) {
            settings.put("port", port.toString());
        }
        // A deploy run by hand should say that beanstalkd is down rather than wait for it.
        settings.putIfAbsent("outage-wait", "5");
        return settings;
    }

    private NotifierConfig readConfig() {
        try {
            return NotifierConfig.read(config);
        } catch (NoSuchFileException e) {
            throw new BadConfig(config + ": no such file", e);
        } catch (IOException e) {
            throw new BadConfig("cannot read " + config + ": " + e.getMessage(), e);
        } catch (ConfigException e) {
            throw new BadConfig(e.getMessage(), e);
        }
    }

    private static void printPlan(DeployPlan plan, PrintWriter out) {
        for (NewJob job : plan.jobs()) {
            out.println(job.job().check() + ": first run in " + job.delay().toSeconds() + " s, every "
                    + job.job().interval() + " s, timeout " + job.job().timeout() + " s: " + job.job().command());
        }
        for (String check : plan.disabled()) {
            out.println(check + ": disabled, not deployed");
        }
        plan.failed().forEach((check, reason) -> out.println(check + ": cannot be deployed: " + reason));
        out.println("dry run of batch " + plan.batch() + ": would put " + plan.jobs().size() + " of "
                + (plan.jobs().size() + plan.failed().size()) + " enabled checks (" + plan.failed().size()
                + " failed), " + plan.disabled().size() + " disabled; nothing deployed");
        out.flush();
    }

    private static void printFailures(DeployPlan plan, PrintWriter err) {
        plan.failed().forEach((check, reason) -> err.println("check " + check + " not deployed: " + reason));
        err.flush();
    }
}
