package org.flapjack.console.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.flapjack.console.model.ConsoleSession;
import org.flapjack.console.model.ConsoleSettings;
import org.flapjack.core.model.CheckStatus;
import org.flapjack.core.model.Status;
import org.flapjack.core.persistence.ParentRelation;
import org.flapjack.processes.HostKeyCallback;
import org.flapjack.processes.HostStatus;
import org.flapjack.processes.PasswordCallback;
import org.flapjack.processes.ProcessState;
import org.flapjack.processes.Processes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack for real: the built server product's managers, beanstalkd, the plugins and an SQLite file of the
 * test's own. The preferred port is held by the test, so the stack takes a free one, as when 11300 is in use. One
 * stack is started for the class; the last test stops it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackTest {

    private static final Duration RESULTS_WAIT = Duration.ofSeconds(20);

    private Path folder;

    private ServerSocket taken;
    private Processes processes;
    private ConsoleSession session;
    private LocalStack stack;
    private final List<Long> pids = new ArrayList<>();

    @BeforeAll
    void startStack(@TempDir Path folder) throws IOException {
        this.folder = folder;
        LocalStack.missingPrograms().ifPresent(missing -> fail(missing));
        taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        processes = new Processes(Processes.userKnownHosts(), HostKeyCallback.REFUSE, PasswordCallback.NONE);
        stack = newStack();
        session = new ConsoleSession(() -> stack.adjust(settings()));
        stack.start(session, step -> { });
        HostStatus status = stack.status();
        status.beanstalkdProcess().ifPresent(process -> pids.add(process.pid()));
        status.notifierProcess().ifPresent(process -> pids.add(process.pid()));
        status.workers().forEach(worker -> pids.add(worker.pid()));
    }

    @AfterAll
    void cleanUp() throws IOException {
        stack.stop();
        session.close();
        processes.close();
        taken.close();
    }

    @Test
    @Order(1)
    void takesAFreePortWhenThePreferredOneIsTaken() {
        assertNotEquals(taken.getLocalPort(), stack.port());
        assertEquals(stack.port(), session.settings().beanstalkdPort());
        assertTrue(stack.status().beanstalkdProcess().isPresent(), "no beanstalkd in the stack's folder");
    }

    @Test
    @Order(2)
    void storesTheSampleChecksWithAParent() {
        assertEquals(List.of("beanstalkd-port", "beanstalkd-process", "disk-root", "load", "sample-failure"),
                session.persistence().checks().stream().map(check -> check.name()).toList());
        assertEquals(List.of(new ParentRelation("beanstalkd-port", "beanstalkd-process")),
                session.persistence().parentRelations());
        assertEquals(Integer.toString(stack.port()),
                session.persistence().node("localhost").orElseThrow().params().get("BEANSTALKD_PORT"));
    }

    @Test
    @Order(3)
    void deploysTheSampleAsABatch() {
        assertEquals(5, session.persistence().latestBatch().orElseThrow().checks());
    }

    @Test
    @Order(4)
    void runsFiveWorkersAndTheNotifier() {
        HostStatus status = stack.status();
        assertEquals(5, status.workers().size());
        assertTrue(status.notifierProcess().isPresent(), "the notifier does not run");
    }

    @Test
    @Order(5)
    void resultsOfEverySampleCheckArriveWithTheFailingOneCritical() {
        waitFor(() -> statuses().size() == 5, RESULTS_WAIT);
        Map<String, Status> statuses = statuses();
        assertEquals(5, statuses.size(), "results so far: " + statuses);
        assertEquals(Status.CRITICAL, statuses.get("sample-failure"));
        assertEquals(Status.OK, statuses.get("beanstalkd-port"));
        assertEquals(Status.OK, statuses.get("beanstalkd-process"));
    }

    @Test
    @Order(6)
    void theLogNotifierWritesTheSampleFailure() {
        assertTrue(waitFor(() -> read(stack.notificationsLog()).contains("sample-failure"), RESULTS_WAIT),
                "no message about sample-failure in " + stack.notificationsLog() + ": "
                        + read(stack.notificationsLog()));
    }

    @Test
    @Order(7)
    void aSecondStartReusesTheRunningStackAndStoresNoSecondSample() {
        LocalStack second = newStack();
        second.start(session, step -> { });

        assertEquals(stack.port(), second.port());
        assertEquals(5, session.persistence().checks().size());
        assertEquals(5, second.status().workers().size());
        assertEquals("", second.stop(), "a second start stopped what it did not start");
        assertEquals(5, stack.status().workers().size());
    }

    @Test
    @Order(8)
    void stopLeavesNoProcessBehind() {
        stack.stop();

        assertEquals(7, pids.size(), "beanstalkd, the notifier and 5 workers were expected, not pids " + pids);
        assertTrue(waitFor(() -> pids.stream().noneMatch(LocalStackTest::alive), Duration.ofSeconds(10)),
                "still running: " + pids.stream().filter(LocalStackTest::alive).toList());
        HostStatus status = stack.status();
        assertFalse(status.beanstalkdProcess().isPresent());
        assertFalse(status.notifierProcess().isPresent());
        assertEquals(List.<ProcessState>of(), status.workers());
    }

    private LocalStack newStack() {
        return new LocalStack(serverHome(), folder.resolve("state"), settings(), taken.getLocalPort(), processes);
    }

    private ConsoleSettings settings() {
        return new ConsoleSettings("sqlite3://" + folder.resolve("flapjack.db"), "", "localhost", 11300,
                folder.resolve("recipients.conf"), folder.resolve("notifier.conf"));
    }

    private Map<String, Status> statuses() {
        return session.persistence().latestStatuses().stream()
                .collect(Collectors.toMap(CheckStatus::check, CheckStatus::status));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean waitFor(BooleanSupplier condition, Duration limit) {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static Path serverHome() {
        String property = System.getProperty("flapjack.server.home");
        if (property == null || !Files.isExecutable(Path.of(property, "bin", "flapjack-worker-manager"))) {
            fail("system property flapjack.server.home must name the built server product (with "
                    + "bin/flapjack-worker-manager), not " + property + ": build it with ./mvnw verify");
        }
        return Path.of(property);
    }
}
