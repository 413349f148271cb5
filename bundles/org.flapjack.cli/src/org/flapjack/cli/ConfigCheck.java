package org.flapjack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.flapjack.core.config.ConfigException;
import org.flapjack.core.config.NotifierConfig;
import org.flapjack.core.config.RecipientsFile;
import org.flapjack.core.notify.NotificationRules;
import org.flapjack.core.notify.Notifier;
import org.flapjack.core.notify.NotifierFactory;
import org.flapjack.core.notify.NotifierPlugins;
import org.flapjack.core.persistence.PersistenceException;
import org.flapjack.notifier.EngineOptions;
import org.flapjack.notifier.LogNotifierFactory;
import org.flapjack.notifier.Notifiers;
import org.flapjack.notifiers.mailer.MailerFactory;
import org.flapjack.notifiers.xmpp.XmppFactory;
import org.flapjack.persistence.sql.SqlPersistenceProvider;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flapjack-config-check}: reads a recipients file and a notifier config and says whether both are good. */
@Command(name = "flapjack-config-check", version = "flapjack-config-check 0.1.0",
        description = "Checks a recipients file and a notifier config. Prints ok and exits 0 when both are good; "
                + "otherwise prints one line per bad file, FILE:LINE: what was expected, and exits 2.")
public final class ConfigCheck implements Callable<Integer> {

    @Option(names = "--recipients", paramLabel = "FILE", required = true, description = "The recipients file.")
    Path recipients;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The notifier config.")
    Path config;

    @Spec
    CommandSpec spec;

    /** Checks the files named on the command line and exits. */
    public static void main(String[] args) {
        Launch.main(new ConfigCheck(), args);
    }

    @Override
    public Integer call() {
        requireFileName(recipients, "--recipients");
        requireFileName(config, "--config");
        List<String> errors = new ArrayList<>();
        check(errors, recipients, () -> RecipientsFile.read(recipients));
        check(errors, config, () -> {
            NotifierConfig notifierConfig = NotifierConfig.read(config);
            checkStore(notifierConfig);
            checkNotifier(notifierConfig);
        });

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (errors.isEmpty()) {
            out.println("ok");
            out.flush();
            return 0;
        }
        errors.forEach(err::println);
        err.flush();
        return Launch.FAILURE;
    }

    private void requireFileName(Path file, String option) {
        if (file.toString().isBlank()) {
            throw new ParameterException(spec.commandLine(), option + " needs a file name");
        }
    }

    /** The SQL uri is read by the same parser the backend opens it with, so what passes here also opens. */
    private static void checkStore(NotifierConfig notifierConfig) throws ConfigException {
        if (!notifierConfig.persistenceBackend().orElse("").equals("sql")) {
            return;
        }
        try {
            SqlPersistenceProvider.checkUri(notifierConfig.persistence().get("uri"));
        } catch (PersistenceException e) {
            int line = notifierConfig.ini().section("persistence").map(section -> section.lineOf("uri")).orElse(1);
            throw new ConfigException(notifierConfig.file(), line, "a uri the SQL backend can open: "
                    + e.getMessage());
        }
    }

    /** Held, so that the level set on it stays. */
    private static final Logger PLUGINS_LOG = Logger.getLogger(NotifierPlugins.class.getName());

    /**
     * Reads the settings the notifier reads at its start and makes each notifier the way the notifier does (none
     * connects before its first message), so a file that passes here is one the notifier accepts.
     */
    private static void checkNotifier(NotifierConfig notifierConfig) throws IOException, ConfigException {
        NotificationRules.of(notifierConfig);
        EngineOptions.of(notifierConfig);
        // A missing notifier directory is the notifier's warning at start; here it would only clutter "ok".
        PLUGINS_LOG.setLevel(Level.SEVERE);
        List<NotifierFactory> builtIns = List.of(new LogNotifierFactory(), new MailerFactory(), new XmppFactory());
        Path scratch = Files.createTempDirectory("flapjack-config-check");
        try (NotifierPlugins plugins = NotifierPlugins.load(notifierConfig.notifierDirectories())) {
            Notifiers.create(notifierConfig, builtIns, plugins, scratch).forEach(Notifier::close);
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private interface Reading {
        void read() throws IOException, ConfigException;
    }

    private static void check(List<String> errors, Path file, Reading reading) {
        try {
            reading.read();
        } catch (ConfigException e) {
            errors.add(e.getMessage());
        } catch (NoSuchFileException e) {
            errors.add(file + ": no such file");
        } catch (AccessDeniedException e) {
            errors.add(file + ": not readable (permission denied)");
        } catch (IOException e) {
            String reason = e instanceof FileSystemException failure ? failure.getReason() : e.getMessage();
            errors.add(file + ": cannot be read (" + reason + ")");
        }
    }
}
