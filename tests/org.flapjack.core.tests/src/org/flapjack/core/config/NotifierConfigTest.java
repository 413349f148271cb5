package org.flapjack.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotifierConfigTest {

    private static final Path FILE = Path.of("notifier.conf");

    @TempDir
    Path directory;

    private static NotifierConfig parse(String text) throws ConfigException {
        return NotifierConfig.parse(FILE, text);
    }

    private static String refusal(String text) {
        return assertThrows(ConfigException.class, () -> parse(text)).getMessage();
    }

    @Test
    void notifierDirectoriesAreSpaceSeparated() throws Exception {
        assertEquals(List.of(Path.of("/usr/lib/flapjack/notifiers"), Path.of("/opt/flapjack/notifiers")),
                parse(Samples.NOTIFIER_CONFIG).notifierDirectories());
    }

    @Test
    void notifiersAreCommaOrSpaceSeparated() throws Exception {
        assertEquals(List.of("mailer", "xmpp", "log", "sms"), parse(Samples.NOTIFIER_CONFIG).notifiers());
    }

    @Test
    void notifyAndRenotifyIntervalAreRead() throws Exception {
        NotifierConfig config = parse(Samples.NOTIFIER_CONFIG);

        assertEquals(Optional.of("failures"), config.notifySetting());
        assertEquals(Optional.of("3600"), config.renotifyInterval());
    }

    @Test
    void persistenceSectionIsHandedOverWhole() throws Exception {
        NotifierConfig config = parse(Samples.NOTIFIER_CONFIG);

        assertEquals(Optional.of("couchdb"), config.persistenceBackend());
        assertEquals(Map.of("backend", "couchdb", "host", "localhost", "port", "5984", "version", "0.8",
                "database", "flapjack_production"), config.persistence());
    }

    @Test
    void transportSectionIsHandedOverWhole() throws Exception {
        NotifierConfig config = parse(Samples.NOTIFIER_CONFIG);

        assertEquals("beanstalkd", config.transportBackend());
        assertEquals(Map.of("backend", "beanstalkd", "host", "localhost", "port", "11300", "basedir",
                "/var/lib/flapjack"), config.transport());
    }

    @Test
    void notifierSectionsAreHandedOver() throws Exception {
        NotifierConfig config = parse(Samples.NOTIFIER_CONFIG);

        assertEquals(Map.of("from_address", "notifications@example.com"), config.notifierSettings("mailer"));
        assertEquals("s3cr;et #1", config.notifierSettings("xmpp").get("password"));
        assertEquals(Map.of("gateway", "https://sms.example.com/send"), config.notifierSettings("sms"));
        assertEquals(Map.of(), config.notifierSettings("log"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "sql", "data_mapper", "datamapper", "DataMapper" })
    void sqlBackendAnswersToAllItsNames(String backend) throws Exception {
        NotifierConfig config = parse("[notifier]\nnotifiers = log\n[persistence]\nbackend = " + backend
                + "\nuri = sqlite3:///var/lib/flapjack/flapjack.db\n");

        assertEquals(Optional.of("sql"), config.persistenceBackend());
        assertEquals("sqlite3:///var/lib/flapjack/flapjack.db", config.persistence().get("uri"));
    }

    @Test
    void minimalConfigIsGood() throws Exception {
        NotifierConfig config = parse("[notifier]\n");

        assertEquals(List.of(), config.notifiers());
        assertEquals(Optional.empty(), config.persistenceBackend());
        assertEquals(Map.of(), config.transport());
    }

    @Test
    void logNotifierNeedsNoSection() throws Exception {
        assertEquals(List.of("log"), parse("[notifier]\nnotifiers = log\n").notifiers());
    }

    @Test
    void pluginNotifierNeedsNoSection() throws Exception {
        assertEquals(List.of("pagerduty"), parse("[notifier]\nnotifiers = pagerduty\n").notifiers());
    }

    @Test
    void readFromDiskAndWrittenBackUnchanged() throws Exception {
        Path file = directory.resolve("flapjack-notifier.conf");
        Files.writeString(file, Samples.NOTIFIER_CONFIG);
        NotifierConfig config = NotifierConfig.read(file);

        config.ini().set("mailer-notifier", "from_address", "flapjack@example.com");
        config.ini().write();

        assertEquals(Samples.NOTIFIER_CONFIG.replace("from_address = notifications@example.com ;",
                "from_address = flapjack@example.com ;"), Files.readString(file));
    }

    @Test
    void passwordsNeverShowInToString() throws Exception {
        NotifierConfig config = parse(Samples.NOTIFIER_CONFIG
                + "[persistence2]\nuri = postgresql://flapjack:hunter2@db.example.com/flapjack\n");

        String shown = config + " " + config.notifierSettings("xmpp") + " " + config.ini()
                + " " + config.ini().section("persistence2").orElseThrow().values();

        assertFalse(shown.contains("s3cr"), shown);
        assertFalse(shown.contains("hunter2"), shown);
    }

    @Test
    void unknownPersistenceBackendIsRefusedAtItsLine() {
        assertEquals("notifier.conf:4: a persistence backend: couchdb, sql, data_mapper or datamapper, "
                + "not 'mongodb'", refusal("[notifier]\n\n[persistence]\nbackend = mongodb\nhost = x\n"));
    }

    @Test
    void persistenceWithoutBackendIsRefusedAtItsHeader() {
        assertEquals("notifier.conf:3: a persistence backend: couchdb, sql, data_mapper or datamapper",
                refusal("[notifier]\n\n[persistence]\nhost = x\n"));
    }

    @Test
    void unknownTransportBackendIsRefusedAtItsLine() {
        assertEquals("notifier.conf:4: a transport backend: beanstalkd, not 'rabbitmq'",
                refusal("[notifier]\n[transport]\nhost = localhost\nbackend = rabbitmq\n"));
    }

    @Test
    void sqlBackendWithoutUriOrWithAnEmptyOneIsAccepted() throws Exception {
        NotifierConfig.parse(FILE, "[notifier]\n[persistence]\nbackend = data_mapper\n");
        NotifierConfig config = NotifierConfig.parse(FILE, "[notifier]\n[persistence]\nbackend = sql\nuri =\n");

        assertEquals("", config.persistence().get("uri"));
    }

    @Test
    void fromAddressThatIsNoEmailAddressIsRefusedAtItsLine() {
        assertEquals("notifier.conf:4: an email address like flapjack@example.com for from_address in"
                + " [mailer-notifier], not 'nope'",
                refusal("[notifier]\nnotifiers = mailer\n[mailer-notifier]\nfrom_address = nope\n"));
    }

    @Test
    void jidThatIsNoJabberIdIsRefusedAtItsLine() {
        assertEquals("notifier.conf:4: a Jabber ID like flapjack@jabber.example.com for jid in [xmpp-notifier], not"
                + " 'not a jid at all'",
                refusal("[notifier]\nnotifiers = xmpp\n[xmpp-notifier]\njid = not a jid at all\npassword = x\n"));
    }

    @Test
    void keyGivenTwiceInASectionIsRefusedAtItsSecondLine() {
        assertEquals("notifier.conf:4: one host in [transport], but it is given above already",
                refusal("[notifier]\n[transport]\nhost = a\nhost = b\n"));
    }

    @Test
    void firstProblemInTheFileIsReported() {
        assertEquals("notifier.conf:3: a transport backend: beanstalkd, not 'rabbitmq'",
                refusal("[notifier]\n[transport]\nbackend = rabbitmq\n[persistence]\nbackend = oracle\n"
                        + "[mailer-notifier]\nfrom_address = nope\n"));
    }

    @Test
    void portThatIsNoNumberIsRefusedAtItsLine() {
        assertEquals("notifier.conf:5: a port number from 1 to 65535 in [transport], not '11300x'",
                refusal("[notifier]\n[transport]\nbackend = beanstalkd\nhost = localhost\nport = 11300x\n"));
    }

    @Test
    void mailerWithoutSectionIsRefusedAtTheNotifiersLine() {
        assertEquals("notifier.conf:3: a [mailer-notifier] section with from_address for the mailer notifier",
                refusal("[notifier]\nnotifier-directories = /x\nnotifiers = log, mailer\n"));
    }

    @Test
    void xmppWithoutSectionIsRefusedAtTheNotifiersLine() {
        assertEquals("notifier.conf:2: a [xmpp-notifier] section with jid and password for the xmpp notifier",
                refusal("[notifier]\n  notifiers = xmpp\n"));
    }

    @Test
    void mailerWithoutFromAddressIsRefusedAtItsSection() {
        assertEquals("notifier.conf:4: from_address in [mailer-notifier]",
                refusal("[notifier]\nnotifiers = mailer\n\n[mailer-notifier]\n# from_address = x@y.z\n"));
    }

    @Test
    void xmppWithoutPasswordIsRefusedWithoutShowingAnything() {
        assertEquals("notifier.conf:3: password in [xmpp-notifier]",
                refusal("[notifier]\nnotifiers = xmpp\n[xmpp-notifier]\njid = bot@example.com\n"));
    }

    @Test
    void xmppWithoutJidAndPasswordNamesBoth() {
        assertEquals("notifier.conf:3: jid and password in [xmpp-notifier]",
                refusal("[notifier]\nnotifiers = xmpp\n[xmpp-notifier]\n"));
    }

    @Test
    void unlistedNotifierSectionIsNotChecked() throws Exception {
        assertEquals(List.of("log"), parse("[notifier]\nnotifiers = log\n[xmpp-notifier]\njid = a@b.c\n")
                .notifiers());
    }

    @Test
    void missingNotifierSectionIsRefusedAtTheEnd() {
        assertEquals("notifier.conf:3: a [notifier] section", refusal("[transport]\nhost = localhost\n\n"));
    }

    @Test
    void repeatedSectionIsRefusedAtTheSecond() {
        assertEquals("notifier.conf:5: one [notifier] section, but it is at line 1 already",
                refusal("[notifier]\nnotifiers = log\n\n# again\n[notifier]\n"));
    }

    @Test
    void keyOutsideSectionIsRefused() {
        assertEquals("notifier.conf:2: a [section] header before the first key",
                refusal("# config\nnotifiers = log\n[notifier]\n"));
    }

    @Test
    void unclosedSectionIsRefused() {
        assertEquals("notifier.conf:4: a ']' to close the section header",
                refusal("[notifier]\nnotifiers = log\n\n[persistence\nbackend = couchdb\n"));
    }

    @Test
    void lineThatIsNeitherIsRefused() {
        assertEquals("notifier.conf:3: a [section] header, a key = value line or a comment",
                refusal("[notifier]\nnotifiers = log\nbackend: couchdb\n"));
    }

    @Test
    void passwordNeverShowsInARefusal() {
        String message = refusal("[notifier]\nnotifiers = xmpp\n[xmpp-notifier]\npassword = hunter2\n"
                + "[transport]\nport = x\n");

        assertFalse(message.contains("hunter2"), message);
    }
}
