package org.flapjack.e2e.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckStatus;
import org.flapjack.core.model.Status;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.persistence.sql.SqlPersistenceProvider;
import org.flapjack.testing.Beanstalkd;
import org.flapjack.testing.FreePort;
import org.flapjack.testing.Prosody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flapjack as its users run it, through the server product's launchers: a real beanstalkd, five workers started by
 * {@code flapjack-worker-manager}, the notifier started by {@code flapjack-notifier-manager} with a SQLite store and
 * the mailer (GreenMail) and xmpp (prosody) notifiers, and a batch of real plugin checks deployed from that store by
 * {@code flapjack-populator}. One system serves every test; each test has checks of its own, and the worker kill runs
 * last so that it cannot slow the notifications the others time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final Duration NOTIFY_WITHIN = Duration.ofSeconds(10);
    private static final Duration RUN_AGAIN_WITHIN = Duration.ofSeconds(20);
    private static final Duration LAUNCH_LIMIT = Duration.ofSeconds(60);
    private static final int WORKERS = 5;
    private static final String PERSON = "ada";
    private static final String PERSON_PASSWORD = "ada-secret";

    /** Fails with exit status 2 and says whose file it read; the test sets the file to ok or critical. */
    private static final String FLIP_PLUGIN = """
            #!/bin/sh
            # A check whose status the test sets: the file named by $1 holds ok or critical.
            case $(cat "$1" 2>/dev/null) in
            critical) echo "FLIP CRITICAL - $1 says critical"; exit 2 ;;
            *) echo "FLIP OK - $1 says ok"; exit 0 ;;
            esac
            """;

    /** Runs for seconds, its pid in the file named by $1, so that the test can kill its worker mid-run. */
    private static final String SLOW_PLUGIN = """
            #!/bin/sh
            # A check that takes 5 s and first writes its pid to the file named by $1.
            echo $$ > "$1.new" && mv "$1.new" "$1"
            sleep 5
            echo "SLOW OK - took 5 s"
            """;

    @TempDir
    static Path folder;

    private ServerProduct server;
    private Beanstalkd beanstalkd;
    private Prosody prosody;
    private int smtpPort;
    private GreenMail smtp;
    private XmppInbox inbox;
    private Persistence persistence;
    private final List<String> checks = new ArrayList<>();

    @BeforeAll
    void startFlapjack() throws Exception {
        server = ServerProduct.fromSystemProperty();
        beanstalkd = Beanstalkd.start();
        prosody = Prosody.start(Map.of("flapjack", "notifier-secret", PERSON, PERSON_PASSWORD));
        smtpPort = FreePort.find();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        inbox = new XmppInbox(prosody, PERSON, PERSON_PASSWORD);
        persistence = new SqlPersistenceProvider().open(Map.of("backend", "sql", "uri",
                "sqlite3://" + folder.resolve("flapjack.db")));
        saveChecks();
        try {
            launch();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; last log lines: " + logTails(), e);
        }
    }

    private void launch() throws IOException {
        server.run(LAUNCH_LIMIT, "flapjack-worker-manager", "start", "--workers=" + WORKERS, "-b", beanstalkd.host(),
                "-p", Integer.toString(beanstalkd.port()), "-c", checksDirectory().toString(), "--run-dir",
                workerRunDir().toString());
        server.run(LAUNCH_LIMIT, "flapjack-notifier-manager", "start", "--recipients", recipientsFile().toString(),
                "--config", notifierConfig().toString(), "--run-dir", notifierRunDir().toString(), "--state-dir",
                folder.resolve("notifier-state").toString());
        server.run(LAUNCH_LIMIT, "flapjack-populator", "--config", notifierConfig().toString());
    }

    @AfterAll
    void stopFlapjack() {
        List<RuntimeException> failures = new ArrayList<>();
        if (server != null) {
            List<Long> started = new ArrayList<>(ServerProduct.workerPids(workerRunDir()));
            ServerProduct.notifierPid(notifierRunDir()).ifPresent(started::add);
            attempt(failures, () -> server.run(LAUNCH_LIMIT, "flapjack-worker-manager", "stop", "--timeout", "5",
                    "--run-dir", workerRunDir().toString()));
            attempt(failures, () -> server.run(LAUNCH_LIMIT, "flapjack-notifier-manager", "stop", "--timeout", "5",
                    "--run-dir", notifierRunDir().toString()));
            attempt(failures, () -> ServerProduct.killLeftovers(started));
        }
        for (AutoCloseable part : Arrays.asList(inbox, prosody, beanstalkd, persistence)) {
            if (part != null) {
                attempt(failures, () -> close(part));
            }
        }
        if (smtp != null) {
            attempt(failures, smtp::stop);
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
            throw failures.get(0);
        }
    }

    @Test
    @Order(1)
    void checkTurningCriticalSendsOneMailAndOneXmppMessageNamingItWithinTenSeconds() throws Exception {
        setState("turns-critical", "critical");

        await(NOTIFY_WITHIN, "a mail and an XMPP message about turns-critical",
                () -> mails("PROBLEM", "turns-critical") == 1 && messages("PROBLEM", "turns-critical") == 1);
        awaitTwoMoreRuns("turns-critical");

        assertEquals(1, mails("PROBLEM", "turns-critical"), subjects().toString());
        assertEquals(1, messages("PROBLEM", "turns-critical"), inbox.bodies().toString());
        assertEquals(1, mailsNaming("turns-critical"), subjects().toString());
        assertTrue(mailBodyAbout("turns-critical").contains("FLIP CRITICAL"), mailBodyAbout("turns-critical"));
    }

    @Test
    @Order(2)
    void recoverySendsOneRecoveryMessage() throws Exception {
        setState("recovers", "critical");
        await(NOTIFY_WITHIN, "the problem mail about recovers", () -> mails("PROBLEM", "recovers") == 1);

        setState("recovers", "ok");

        await(NOTIFY_WITHIN, "a recovery mail about recovers", () -> mails("RECOVERY", "recovers") == 1);
        awaitTwoMoreRuns("recovers");
        assertEquals(1, mails("RECOVERY", "recovers"), subjects().toString());
        assertEquals(2, mailsNaming("recovers"), subjects().toString());
        await(NOTIFY_WITHIN, "the XMPP recovery message", () -> messages("RECOVERY", "recovers") == 1);
    }

    @Test
    @Order(3)
    void childOfAFailingParentSendsNothing() throws Exception {
        await(NOTIFY_WITHIN, "the parent uplink to be recorded critical", () -> latestStatus("uplink")
                .map(status -> status.status() == Status.CRITICAL).orElse(false));
        Instant flipped = Instant.now();

        setState("behind-uplink", "critical");

        await(NOTIFY_WITHIN, "behind-uplink to be recorded critical", () -> latestStatus("behind-uplink")
                .filter(status -> status.time().isAfter(flipped)).map(status -> status.status() == Status.CRITICAL)
                .orElse(false));
        awaitTwoMoreRuns("behind-uplink");
        assertEquals(0, mailsNaming("behind-uplink"), subjects().toString());
        assertEquals(0, messagesNaming("behind-uplink"), inbox.bodies().toString());
        assertEquals(1, mails("PROBLEM", "uplink"), "the parent itself is told once: " + subjects());
    }

    @Test
    @Order(4)
    void workerKilledWithSigkillMidRunLosesNoCheck() throws Exception {
        List<Long> workers = ServerProduct.workerPids(workerRunDir());
        assertEquals(WORKERS, workers.size(), "workers in " + workerRunDir());
        long victim = awaitWorkerRunningSlowCheck(workers);
        Instant killed = Instant.now();

        ProcessHandle worker = ProcessHandle.of(victim).orElseThrow();
        worker.destroyForcibly();
        worker.onExit().get();

        for (String check : checks) {
            CheckStatus again = awaitRunAfter(check, killed, RUN_AGAIN_WITHIN);
            assertNotEquals(victim, workerPid(again), check + " ran again on the killed worker");
        }
    }

    private void saveChecks() throws IOException {
        Path plugins = Files.createDirectories(checksDirectory());
        install(plugins.resolve("flip"), FLIP_PLUGIN);
        install(plugins.resolve("slow"), SLOW_PLUGIN);
        for (String name : List.of("turns-critical", "recovers", "behind-uplink")) {
            setState(name, "ok");
        }
        save("turns-critical", "flip $STATE", Map.of("STATE", stateFile("turns-critical").toString()), List.of());
        save("recovers", "flip $STATE", Map.of("STATE", stateFile("recovers").toString()), List.of());
        save("uplink", "check_dummy 2 'uplink is down'", Map.of(), List.of());
        save("behind-uplink", "flip $STATE", Map.of("STATE", stateFile("behind-uplink").toString()),
                List.of("uplink"));
        save("slow", "slow $PIDFILE", Map.of("PIDFILE", folder.resolve("slow.pid").toString()), List.of());
    }

    private void save(String name, String command, Map<String, String> params, List<String> parents) {
        persistence.saveCheck(new Check(name, null, null, command, params, 1, 10, true, parents, List.of(PERSON)));
        checks.add(name);
    }

    private static void install(Path plugin, String text) throws IOException {
        Files.writeString(plugin, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Writes the state a flip check reads, whole, so that a run never sees half of it. */
    private static void setState(String check, String state) throws IOException {
        Path file = stateFile(check);
        Files.createDirectories(file.getParent());
        Path written = Files.writeString(file.resolveSibling(check + ".new"), state + "\n");
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path notifierConfig() throws IOException {
        Path file = folder.resolve("flapjack-notifier.conf");
        if (Files.exists(file)) {
            return file;
        }
        StringBuilder xmpp = new StringBuilder();
        prosody.notifierSettings("flapjack").forEach((key, value) -> xmpp.append(key).append(" = ").append(value)
                .append('\n'));
        return Files.writeString(file, """
                [notifier]
                notifiers = mailer, xmpp

                [persistence]
                backend = sql
                uri = sqlite3://%s

                [transport]
                backend = beanstalkd
                host = %s
                port = %d

                [mailer-notifier]
                from_address = flapjack@example.org
                host = 127.0.0.1
                port = %d
                timeout = 5

                [xmpp-notifier]
                %s""".formatted(folder.resolve("flapjack.db"), beanstalkd.host(), beanstalkd.port(),
                smtpPort, xmpp));
    }

    private Path recipientsFile() throws IOException {
        return Files.writeString(folder.resolve("recipients.conf"), """
                [%s]
                email = %s@example.org
                jid = %s
                """.formatted(PERSON, PERSON, prosody.jid(PERSON)));
    }

    private static Path checksDirectory() {
        return folder.resolve("checks");
    }

    private static Path stateFile(String check) {
        return folder.resolve("states").resolve(check);
    }

    private static Path workerRunDir() {
        return folder.resolve("worker-run");
    }

    private static Path notifierRunDir() {
        return folder.resolve("notifier-run");
    }

    /** Waits for the slow check to be running, and returns the pid of the worker that runs it. */
    private long awaitWorkerRunningSlowCheck(List<Long> workers) {
        long[] victim = {0};
        await(RUN_AGAIN_WITHIN, "a worker running the slow check", () -> {
            victim[0] = slowCheckProcess().flatMap(process -> workerOf(process, workers)).orElse(0L);
            return victim[0] != 0;
        });
        return victim[0];
    }

    private static Optional<ProcessHandle> slowCheckProcess() {
        try {
            long pid = Long.parseLong(Files.readString(folder.resolve("slow.pid")).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> workerOf(ProcessHandle process, List<Long> workers) {
        Optional<ProcessHandle> ancestor = process.parent();
        for (int depth = 0; depth < 8 && ancestor.isPresent(); depth++) {
            if (workers.contains(ancestor.get().pid())) {
                return Optional.of(ancestor.get().pid());
            }
            ancestor = ancestor.get().parent();
        }
        return Optional.empty();
    }

    /** The pid in a result's worker name, {@code host:pid}. */
    private static long workerPid(CheckStatus status) {
        return Long.parseLong(status.worker().substring(status.worker().lastIndexOf(':') + 1));
    }

    /** Waits for two runs of the check that start from now, and for the notifier to have sent what they cause. */
    private void awaitTwoMoreRuns(String check) throws InterruptedException {
        CheckStatus next = awaitRunAfter(check, Instant.now(), RUN_AGAIN_WITHIN);
        awaitRunAfter(check, next.time(), RUN_AGAIN_WITHIN);
        Thread.sleep(1000);
    }

    private CheckStatus awaitRunAfter(String check, Instant since, Duration within) {
        await(within, "a run of " + check + " that started after " + since, () -> latestStatus(check)
                .filter(status -> status.time().isAfter(since)).isPresent());
        return latestStatus(check).orElseThrow();
    }

    private Optional<CheckStatus> latestStatus(String check) {
        return persistence.latestStatus(check);
    }

    private List<String> subjects() {
        return Arrays.stream(smtp.getReceivedMessages()).map(EndToEndTest::subject).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read a received mail's subject", e);
        }
    }

    /** The decoded text of the first mail about the check, read without Jakarta Activation's content handlers. */
    private String mailBodyAbout(String check) throws IOException, MessagingException {
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (names(subject(mail), check)) {
                return new String(mail.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private long mails(String kind, String check) {
        return subjects().stream().filter(subject -> subject.startsWith(kind + ": " + check + " ")).count();
    }

    private long mailsNaming(String check) {
        return subjects().stream().filter(subject -> names(subject, check)).count();
    }

    private long messages(String kind, String check) {
        return inbox.bodies().stream().filter(body -> body.startsWith(kind + ": " + check + " ")).count();
    }

    private long messagesNaming(String check) {
        return inbox.bodies().stream().filter(body -> names(body, check)).count();
    }

    /** Whether a notification's text names the check as a word, so that uplink is not found in behind-uplink. */
    private static boolean names(String text, String check) {
        return Stream.of(text.split("[\\s:]+")).anyMatch(check::equals);
    }

    private void await(Duration within, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + within + " waiting for " + what + "; mails: "
                        + subjects() + "; XMPP messages: " + inbox.bodies() + "; notifier log: " + notifierLogTail());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    private static String notifierLogTail() {
        return tail(notifierRunDir().resolve("flapjack-notifier.log"), 8);
    }

    /** The last lines of every worker's and the notifier's log, for a start that failed. */
    private static String logTails() {
        StringBuilder tails = new StringBuilder();
        for (Path dir : List.of(workerRunDir(), notifierRunDir())) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(file -> file.toString().endsWith(".log")).sorted().forEach(log -> tails.append('\n')
                        .append(log.getFileName()).append(": ").append(tail(log, 3)));
            } catch (IOException e) {
                tails.append('\n').append(dir).append(": no logs");
            }
        }
        return tails.toString();
    }

    private static String tail(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "none";
        }
    }

    private static void close(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop " + part.getClass().getSimpleName(), e);
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}
