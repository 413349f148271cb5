package org.flapjack.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.flapjack.core.config.ConfigException;
import org.flapjack.core.config.NotifierConfig;
import org.flapjack.core.config.RecipientsFile;
import org.flapjack.core.model.Recipient;
import org.flapjack.core.notify.NotificationRules;
import org.flapjack.core.notify.Notifier;
import org.flapjack.core.notify.NotifierFactory;
import org.flapjack.core.notify.NotifierPlugins;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.persistence.PersistenceException;
import org.flapjack.core.transport.Transport;
import org.flapjack.notifier.EngineOptions;
import org.flapjack.notifier.LogNotifierFactory;
import org.flapjack.notifier.NotifierEngine;
import org.flapjack.notifier.Notifiers;
import org.flapjack.notifiers.mailer.MailerFactory;
import org.flapjack.notifiers.xmpp.XmppFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flapjack-notifier}: runs the notifier in the foreground until interrupted. It boots in steps: read the
 * recipients and the config, claim the run directory, open the store and the queue, load the notifiers, start.
 */
@Command(name = "flapjack-notifier", version = "flapjack-notifier 0.1.0",
        description = "Reads results from the results tube, records each check's status and failures, and tells the "
                + "check's recipients when it fails, recovers or keeps failing. Runs until interrupted.")
public final class NotifierDaemon implements Callable<Integer> {

    /** Where the notifier and its manager look for the config unless told otherwise. */
    static final Path DEFAULT_CONFIG = Path.of("/etc/flapjack/flapjack-notifier.conf");

    private static final System.Logger LOG = System.getLogger(NotifierDaemon.class.getName());

    @Option(names = {"-r", "--recipients"}, paramLabel = "FILE", required = true,
            description = "The recipients file: one section per person with email, phone, pager and jid.")
    Path recipientsFile;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The notifier config (default: " + "/etc/flapjack/flapjack-notifier.conf).")
    Path config;

    @Option(names = {"-b", "--beanstalk"}, paramLabel = "HOST",
            description = "beanstalkd host (default: the config's [transport] host, else localhost).")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "beanstalkd port (default: the config's [transport] port, else 11300).")
    Integer port;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Directory of the notifier's pid and lock files; one notifier runs per run directory "
                    + "(default: /var/run/flapjack as root, else $XDG_STATE_HOME/flapjack or "
                    + "~/.local/state/flapjack).")
    Path runDir;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Directory of the delivery spool and what was notified (default: [notifier] state-dir, "
                    + "else /var/lib/flapjack/notifier as root, else notifier/ in the default run directory).")
    Path stateDir;

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Runs the notifier as the command line asks. */
    public static void main(String[] args) {
        Launch.main(new NotifierDaemon(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        Setup setup = setup();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            open.add(new NotifierRunFiles(runDir == null ? WorkerManager.defaultRunDir() : runDir).claim());
            NotifierEngine engine = start(setup, open);
            open.add(engine);
        } catch (RuntimeException e) {
            closeAll(open);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(open);
            stopped.countDown();
        }, "flapjack-notifier-stop"));
        stopped.await();
        return 0;
    }

    /** What the files say, checked before anything is opened. */
    private record Setup(NotifierConfig config, List<Recipient> recipients, NotificationRules rules,
            EngineOptions options, Path stateDir) {
    }

    private Setup setup() {
        Path configFile = config == null ? DEFAULT_CONFIG : config;
        try {
            List<Recipient> recipients = readRecipients(recipientsFile);
            NotifierConfig notifierConfig = readConfig(configFile, config == null);
            return new Setup(notifierConfig, recipients, NotificationRules.of(notifierConfig),
                    EngineOptions.of(notifierConfig), stateDir(notifierConfig));
        } catch (ConfigException e) {
            throw new BadConfig(e.getMessage(), e);
        }
    }

    static List<Recipient> readRecipients(Path file) throws ConfigException {
        try {
            return RecipientsFile.read(file).recipients();
        } catch (NoSuchFileException e) {
            throw new BadConfig("recipients file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new BadConfig("cannot read recipients file " + file + ": " + e.getMessage(), e);
        }
    }

    static NotifierConfig readConfig(Path file, boolean defaulted) throws ConfigException {
        try {
            return NotifierConfig.read(file);
        } catch (NoSuchFileException e) {
            throw new BadConfig(defaulted ? "no notifier config at " + file + ", the default; give one with "
                    + "--config FILE" : "config file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new BadConfig("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private Path stateDir(NotifierConfig notifierConfig) {
        if (stateDir != null) {
            return stateDir.toAbsolutePath();
        }
        return notifierConfig.ini().section("notifier").flatMap(section -> section.get("state-dir"))
                .map(Path::of).orElseGet(NotifierDaemon::defaultStateDir).toAbsolutePath();
    }

    static Path defaultStateDir() {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/lib/flapjack/notifier");
        }
        return WorkerManager.defaultRunDir().resolve("notifier");
    }

    private NotifierEngine start(Setup setup, List<AutoCloseable> open) {
        try {
            Files.createDirectories(setup.stateDir());
        } catch (IOException e) {
            throw new BadConfig("cannot create state directory " + setup.stateDir() + ": " + e.getMessage(), e);
        }
        Persistence persistence = openPersistence(setup.config());
        open.add(persistence);
        Transport transport = Backends.transport(transportSettings(setup.config()));
        open.add(transport);
        NotifierPlugins plugins = NotifierPlugins.load(setup.config().notifierDirectories());
        List<Notifier> notifiers = createNotifiers(setup, plugins);
        open.addAll(notifiers);
        open.add(plugins);
        LOG.log(System.Logger.Level.INFO, () -> "notifying " + setup.recipients().size() + " recipients through "
                + setup.config().notifiers() + "; state in " + setup.stateDir());
        try {
            return NotifierEngine.start(transport, persistence, setup.recipients(), notifiers, setup.rules(),
                    setup.options(), setup.stateDir());
        } catch (IllegalStateException e) {
            throw new BadConfig(e.getMessage(), e);
        }
    }

    private static Persistence openPersistence(NotifierConfig notifierConfig) {
        try {
            return Backends.persistence(notifierConfig.persistence());
        } catch (PersistenceException e) {
            throw new BadConfig(e.getMessage(), e);
        }
    }

    private static List<Notifier> createNotifiers(Setup setup, NotifierPlugins plugins) {
        List<NotifierFactory> builtIns = List.of(new LogNotifierFactory(), new MailerFactory(), new XmppFactory());
        try {
            return Notifiers.create(setup.config(), builtIns, plugins, setup.stateDir());
        } catch (ConfigException e) {
            plugins.close();
            throw new BadConfig(e.getMessage(), e);
        }
    }

    private Map<String, String> transportSettings(NotifierConfig notifierConfig) {
        Map<String, String> settings = new HashMap<>(notifierConfig.transport());
        if (host != null) {
            settings.put("host", host);
        }
        if (port != null) {
            settings.put("port", port.toString());
        }
        return settings;
    }

    /** Closes in reverse order of opening: the engine first, the run directory's lock last. */
    private static void closeAll(List<AutoCloseable> open) {
        for (int i = open.size() - 1; i >= 0; i--) {
            AutoCloseable closeable = open.get(i);
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, () -> "closing " + closeable + " failed: " + e.getMessage());
            }
        }
        open.clear();
    }
}
