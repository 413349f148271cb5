package org.flapjack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {

    private static final String RECIPIENTS = """
            # on call
            [Alice Smith]
              email = alice@example.com
              jid = alice@jabber.example.com
            """;

    private static final String CONFIG = """
            [notifier]
            notifier-directories = /usr/lib/flapjack/notifiers
            notifiers = mailer, xmpp

            [persistence]
            backend = data_mapper
            uri = sqlite3:///var/lib/flapjack/flapjack.db

            [transport]
            backend = beanstalkd
            host = localhost
            port = 11300

            [mailer-notifier]
            from_address = flapjack@example.com

            [xmpp-notifier]
            jid = flapjack@jabber.example.com
            password = hunter2
            """;

    @TempDir
    Path directory;

    private Path recipients;
    private Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeGoodFiles() throws IOException {
        recipients = Files.writeString(directory.resolve("recipients.ini"), RECIPIENTS);
        config = Files.writeString(directory.resolve("notifier.conf"), CONFIG);
    }

    private int check(String... args) {
        return Launch.run(new ConfigCheck(), args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private int checkBoth() {
        return check("--recipients", recipients.toString(), "--config", config.toString());
    }

    @Test
    void goodFilesPrintOkAndExitZero() {
        assertEquals(0, checkBoth());

        assertEquals("ok\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void settingsTheNotifierRefusesAtStartAreRefusedHereWithTheirLine() throws IOException {
        Files.writeString(config, CONFIG.replace("notifiers = mailer, xmpp",
                "notifiers = mailer, xmpp\nrenotify_interval = soon"));
        assertEquals(2, checkBoth());
        assertTrue(err.toString().startsWith(config + ":4: "), err.toString());

        Files.writeString(config, CONFIG.replace("from_address = flapjack@example.com",
                "from_address = flapjack@example.com\nstarttls = maybe"));
        assertEquals(2, check("--recipients", recipients.toString(), "--config", config.toString()));
        assertTrue(err.toString().contains("starttls"), err.toString());

        Files.writeString(config, CONFIG.replace("notifiers = mailer, xmpp", "notifiers = mailer, pagerduty"));
        assertEquals(2, check("--recipients", recipients.toString(), "--config", config.toString()));
        assertTrue(err.toString().contains("a notifier named pagerduty"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void badRecipientsPrintsItsLineAndExitsTwo() throws IOException {
        Files.writeString(recipients, RECIPIENTS + "\n[Alice Smith]\nemail = a2@example.com\n");

        assertEquals(2, checkBoth());

        assertEquals(recipients + ":6: one section per person, but [Alice Smith] is at line 2 already\n",
                err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void badConfigPrintsItsLineAndExitsTwo() throws IOException {
        Files.writeString(config, CONFIG.replace("from_address = flapjack@example.com", ""));

        assertEquals(2, checkBoth());

        assertEquals(config + ":14: from_address in [mailer-notifier]\n", err.toString());
    }

    @Test
    void bothBadFilesPrintOneLineEach() throws IOException {
        Files.writeString(recipients, "email = a@example.com\n");
        Files.writeString(config, "[notifier\n");

        assertEquals(2, checkBoth());

        assertEquals(recipients + ":1: a [section] header before the first key\n"
                + config + ":1: a ']' to close the section header\n", err.toString());
    }

    @Test
    void missingFileIsOneLine() {
        Path missing = directory.resolve("nope.ini");

        assertEquals(2, check("--recipients", missing.toString(), "--config", config.toString()));

        assertEquals(missing + ": no such file\n", err.toString());
    }

    @Test
    void passwordNeverShows() throws IOException {
        Files.writeString(config, CONFIG.replace("backend = beanstalkd", "backend = nope"));

        assertEquals(2, checkBoth());

        assertTrue(!err.toString().contains("hunter2") && !out.toString().contains("hunter2"), err.toString());
    }

    @Test
    void missingOptionIsUsageErrorWithUsage() {
        assertEquals(1, check("--recipients", recipients.toString()));

        assertTrue(err.toString().startsWith("Missing required option: '--config=FILE'\nUsage: flapjack-config-check"),
                err.toString());
    }

    @Test
    void unknownOptionIsUsageError() {
        assertEquals(1, check("--recipients", recipients.toString(), "--config", config.toString(), "--fast"));

        assertTrue(err.toString().contains("Unknown option: '--fast'"), err.toString());
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertEquals(0, check("--help"));

        assertTrue(out.toString().startsWith("Usage: flapjack-config-check"), out.toString());
        assertTrue(out.toString().contains("--recipients=FILE"), out.toString());
        assertTrue(out.toString().contains("--debug"), out.toString());
    }

    @Test
    void shortHelpWorksToo() {
        assertEquals(0, check("-h"));

        assertTrue(out.toString().startsWith("Usage: flapjack-config-check"), out.toString());
    }

    @Test
    void uriOfAnUnknownSchemeIsRefusedAtItsLine() throws IOException {
        Files.writeString(config, CONFIG.replace("sqlite3:///var/lib/flapjack/flapjack.db", "banana://foo"));

        assertEquals(2, checkBoth());

        assertTrue(err.toString().startsWith(config + ":7: a uri the SQL backend can open: sql persistence at"
                + " banana://foo: unsupported uri scheme 'banana'"), err.toString());
    }

    @Test
    void uriWithAPortThatIsNoNumberIsRefused() throws IOException {
        Files.writeString(config, CONFIG.replace("sqlite3:///var/lib/flapjack/flapjack.db",
                "postgres://u:p@h:notaport/db"));

        assertEquals(2, checkBoth());

        assertEquals(config + ":7: a uri the SQL backend can open: sql persistence at postgres://u:***@h:notaport/db:"
                + " the port must be a number from 1 to 65535, not 'notaport'\n", err.toString());
    }

    @Test
    void emptyUriMeansTheDefaultSqliteFile() throws IOException {
        Files.writeString(config, CONFIG.replace("sqlite3:///var/lib/flapjack/flapjack.db", ""));

        assertEquals(0, checkBoth(), err.toString());
    }

    @Test
    void emptyRecipientsOptionIsAUsageErrorAskingForAFileName() {
        assertEquals(1, check("--recipients=", "--config", config.toString()));

        assertTrue(err.toString().startsWith("--recipients needs a file name\n"), err.toString());
    }

    @Test
    void missingConfigOfStatsIsWordedAsInConfigCheck() {
        Path missing = directory.resolve("missing.conf");

        int status = Launch.run(new Stats(), new String[] {"--once", "--config", missing.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(2, status);
        assertEquals(missing + ": no such file\n", err.toString());
    }
}
