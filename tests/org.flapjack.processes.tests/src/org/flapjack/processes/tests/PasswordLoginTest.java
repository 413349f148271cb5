package org.flapjack.processes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flapjack.processes.Authentication;
import org.flapjack.processes.Host;
import org.flapjack.processes.HostException;
import org.flapjack.processes.HostKeyCallback;
import org.flapjack.processes.PasswordCallback;
import org.flapjack.processes.Processes;
import org.flapjack.processes.SecretQuestion;
import org.flapjack.testing.PasswordSshd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordLoginTest {

    private static final String PASSWORD = "correct horse";

    @TempDir
    Path folder;

    private PasswordSshd sshd;

    private Processes processes;

    private final List<SecretQuestion> asked = new CopyOnWriteArrayList<>();

    private final List<SecretQuestion> refused = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() {
        sshd = PasswordSshd.start(folder.resolve("sshd"), PASSWORD);
    }

    @AfterEach
    void stopServer() {
        if (processes != null) {
            processes.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void aPasswordHostLogsInWithThePasswordTheCallbackGives() {
        Host host = passwordHost();

        HostException missing = assertThrows(HostException.class, () -> processes(PASSWORD).control(host).status());

        assertEquals("loopback: Flapjack not installed at /nonexistent/flapjack (no bin/flapjack-worker-manager)",
            missing.getMessage(), "the login did not get as far as running a command");
        assertEquals(List.of(new SecretQuestion(host, SecretQuestion.Kind.PASSWORD, sshd.user() + "@127.0.0.1:"
            + sshd.port())), asked);
        assertEquals(List.of(), refused);
    }

    @Test
    void anOperatorSlowerThanTheLoginTimeoutStillLogsIn() {
        Host host = passwordHost();
        PasswordCallback slowOperator = question -> {
            asked.add(question);
            pause(Duration.ofMillis(2500));
            return PASSWORD.toCharArray();
        };
        processes = new Processes(folder.resolve("known_hosts"), question -> true, slowOperator, Duration.ofSeconds(1),
            null);

        HostException missing = assertThrows(HostException.class, () -> processes.control(host).status());

        assertEquals("loopback: Flapjack not installed at /nonexistent/flapjack (no bin/flapjack-worker-manager)",
            missing.getMessage(), "the login timed out while the operator typed");
        assertEquals(1, asked.size());
    }

    @Test
    void aWrongPasswordFailsAuthenticationAndIsReportedRefused() {
        Host host = passwordHost();

        HostException failed = assertThrows(HostException.class, () -> processes("wrong").control(host).status());

        assertEquals("127.0.0.1:" + sshd.port() + ": authentication failed for " + sshd.user(), failed.getMessage());
        assertEquals(asked, refused);
        assertEquals(1, sshd.attempts(), "the wrong password was sent more than once");
    }

    @Test
    void aDeclinedPasswordSaysThatNoneWasGiven() {
        HostException failed = assertThrows(HostException.class,
            () -> processes(null).control(passwordHost()).status());

        assertEquals("127.0.0.1:" + sshd.port() + ": no password given for " + sshd.user(), failed.getMessage());
        assertEquals(0, sshd.attempts());
        assertEquals(List.of(), refused);
    }

    @Test
    void aKeyHostNeverAsksForAPassword() {
        Host host = passwordHost().withAuthentication(Authentication.KEY);

        HostException failed = assertThrows(HostException.class, () -> processes(PASSWORD).control(host).status());

        assertEquals("127.0.0.1:" + sshd.port() + ": authentication failed for " + sshd.user(), failed.getMessage());
        assertEquals(List.of(), asked);
    }

    /** Stands for the time an operator takes to type a password. */
    private static void pause(Duration typing) {
        try {
            Thread.sleep(typing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Host passwordHost() {
        return Host.remote("loopback", sshd.host(), sshd.port(), sshd.user(), null, "/nonexistent/flapjack", null)
            .withAuthentication(Authentication.PASSWORD);
    }

    /** Processes whose callback answers every question with ANSWER (null: gives up), and notes what it was told. */
    private Processes processes(String answer) {
        PasswordCallback callback = new PasswordCallback() {
            @Override
            public char[] secret(SecretQuestion question) {
                asked.add(question);
                return answer == null ? null : answer.toCharArray();
            }

            @Override
            public void refused(SecretQuestion question) {
                refused.add(question);
            }
        };
        HostKeyCallback trustNewKeys = question -> !question.changed();
        processes = new Processes(folder.resolve("known_hosts"), trustNewKeys, callback, Processes.CONNECT_TIMEOUT,
            null);
        return processes;
    }
}
