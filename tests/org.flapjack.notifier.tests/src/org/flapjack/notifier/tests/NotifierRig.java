package org.flapjack.notifier.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.flapjack.core.config.NotifierConfig;
import org.flapjack.core.config.RecipientsFile;
import org.flapjack.core.model.Check;
import org.flapjack.core.model.Recipient;
import org.flapjack.core.model.Result;
import org.flapjack.core.model.Status;
import org.flapjack.core.notify.NotificationRules;
import org.flapjack.core.notify.Notifier;
import org.flapjack.core.notify.NotifierFactory;
import org.flapjack.core.notify.NotifierPlugins;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.notifier.EngineOptions;
import org.flapjack.notifier.LogNotifierFactory;
import org.flapjack.notifier.NotifierEngine;
import org.flapjack.notifier.Notifiers;
import org.flapjack.notifiers.mailer.MailerFactory;
import org.flapjack.notifiers.xmpp.XmppFactory;
import org.flapjack.persistence.sql.SqlPersistenceProvider;
import org.flapjack.testing.Beanstalkd;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;

/**
 * A notifier wired as the daemon wires it, on a real beanstalkd and a SQLite store in a temporary folder, sending
 * through the notifiers the config text names. Tests put results and watch what arrives.
 */
final class NotifierRig implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final Path folder;
    private final String configText;
    private final List<Recipient> recipients;
    private final Beanstalkd beanstalkd;
    private final Transport transport;
    private final TransportSession session;
    private final Persistence persistence;
    private NotifierPlugins plugins;
    private List<Notifier> notifiers = List.of();
    private NotifierEngine engine;

    NotifierRig(Path folder, String configText) throws Exception {
        this.folder = folder;
        this.configText = configText;
        Path recipientsFile = folder.resolve("recipients.ini");
        Files.writeString(recipientsFile, """
                [alice]
                email = alice@example.com
                jid = alice@localhost

                [bob]
                email = bob@example.com
                jid = bob@localhost
                """);
        this.recipients = RecipientsFile.read(recipientsFile).recipients();
        this.beanstalkd = Beanstalkd.start();
        this.transport = new BeanstalkdProvider().open(beanstalkd.settings());
        this.session = transport.openSession();
        this.persistence = new SqlPersistenceProvider().open(Map.of("backend", "sql", "uri",
                "sqlite3://" + folder.resolve("flapjack.db")));
        try {
            start();
        } catch (Exception | Error e) {
            // A refused config is an expected outcome of some tests: the servers started above must not outlive it.
            close();
            throw e;
        }
    }

    Path stateDir() {
        return folder.resolve("state");
    }

    Path folder() {
        return folder;
    }

    /** The store the notifier writes statuses and events to. */
    Persistence persistence() {
        return persistence;
    }

    /** Starts the engine on the state directory, as a (re)started notifier does. */
    void start() throws Exception {
        NotifierConfig config = NotifierConfig.parse(folder.resolve("notifier.conf"), configText);
        plugins = NotifierPlugins.load(config.notifierDirectories());
        List<NotifierFactory> builtIns = List.of(new LogNotifierFactory(), new MailerFactory(), new XmppFactory());
        notifiers = Notifiers.create(config, builtIns, plugins, stateDir());
        EngineOptions options = EngineOptions.of(config).withRetries(Duration.ofMillis(200), Duration.ofSeconds(1));
        engine = NotifierEngine.start(transport, persistence, recipients, notifiers, NotificationRules.of(config),
                options, stateDir());
    }

    /** Stops the engine, leaving what it did not deliver in the spool. */
    void stop() {
        engine.close();
        notifiers.forEach(Notifier::close);
        plugins.close();
        engine = null;
    }

    void saveCheck(String name, List<String> parents, List<String> recipients) {
        persistence.saveCheck(new Check(name, "web1.example.com", null, "/bin/true", Map.of(), 60, 10, true, parents,
                recipients));
    }

    void putResult(String check, Status status, String output) {
        session.putResult(new Result(check, "batch-1", status.exitStatus(), output, "", List.of(), Instant.now(),
                Duration.ofMillis(5), "worker-1"));
    }

    /** Waits until the notifier took every result and its spool is empty. */
    void awaitIdle() {
        await("the results tube and the spool to empty", () -> session.stats(transport.tubes().results()).total() == 0
                && spooled() == 0);
    }

    long spooled() {
        Path spool = stateDir().resolve("spool");
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(spool)) {
            return files.filter(file -> file.getFileName().toString().matches("\\d.*\\.json")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The lines the log notifier wrote, in order. */
    List<String> logLines() throws IOException {
        Path log = stateDir().resolve("notifications.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** The log lines, each cut to {@code KIND CHECK STATUS to RECIPIENT}. */
    List<String> logged() throws IOException {
        return logLines().stream().map(line -> line.substring(line.indexOf(' ') + 1, line.indexOf(':',
                line.indexOf(" to ")))).collect(Collectors.toCollection(ArrayList::new));
    }

    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    @Override
    public void close() {
        if (engine != null) {
            stop();
        }
        session.close();
        transport.close();
        persistence.close();
        beanstalkd.close();
    }
}
