package org.flapjack.processes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flapjack.processes.Host;
import org.flapjack.processes.HostControl;
import org.flapjack.processes.HostException;
import org.flapjack.processes.HostKeyCallback;
import org.flapjack.processes.HostKeyQuestion;
import org.flapjack.processes.HostSettings;
import org.flapjack.processes.HostStatus;
import org.flapjack.processes.PasswordCallback;
import org.flapjack.processes.ProcessKind;
import org.flapjack.processes.Processes;
import org.flapjack.processes.SecretQuestion;
import org.flapjack.testing.Beanstalkd;
import org.flapjack.testing.FreePort;
import org.flapjack.testing.SshAgent;
import org.flapjack.testing.Sshd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteProcessesTest {

    @TempDir
    Path folder;

    private Sshd sshd;

    private final List<HostKeyQuestion> questions = new CopyOnWriteArrayList<>();

    private final List<Processes> opened = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSshd() {
        sshd = Sshd.start(folder.resolve("sshd"));
    }

    @AfterEach
    void stopSshd() {
        opened.forEach(Processes::close);
        sshd.close();
    }

    @Test
    void remoteWorkersStartReportStatusAndStop() throws Exception {
        try (Beanstalkd beanstalkd = Beanstalkd.start()) {
            HostSettings settings = new HostSettings("127.0.0.1", beanstalkd.port(), null,
                folder.resolve("run").toString(), Files.createDirectories(folder.resolve("checks")).toString(), null,
                null);
            HostControl control = processes(acceptNewKeys()).control(remote(ServerInstall.home().toString(),
                settings));

            control.startWorkers(2);
            HostStatus running = control.status();
            control.stopWorkers();

            assertEquals(2, running.workers().size(), running::toString);
            running.workers().forEach(worker -> assertTrue(worker.pid() > 0 && worker.uptime().toSeconds() >= 0));
            assertEquals(0, control.status().workers().size());
            assertEquals(1, questions.size(), "the new host key was not put to the callback once: " + questions);
        }
    }

    @Test
    void aChangedHostKeyIsRefused() {
        Host host = remote("/opt/flapjack", HostSettings.defaults());
        processes(acceptNewKeys()).control(host).log(ProcessKind.BEANSTALKD, 0, 1);
        sshd.changeHostKey();

        HostException refused = assertThrows(HostException.class,
            () -> processes(refuseChangedKeys()).control(host).log(ProcessKind.BEANSTALKD, 0, 1));

        assertTrue(refused.getMessage().matches("127\\.0\\.0\\.1:" + sshd.port()
            + ": host key changed \\(was SHA256:\\S+, now SHA256:\\S+\\)"), refused.getMessage());
        assertTrue(questions.get(questions.size() - 1).changed());
    }

    @Test
    void anUnknownHostKeyIsRefusedWhenTheOperatorRefusesIt() {
        Host host = remote("/opt/flapjack", HostSettings.defaults());

        HostException refused = assertThrows(HostException.class,
            () -> processes(HostKeyCallback.REFUSE).control(host).log(ProcessKind.BEANSTALKD, 0, 1));

        assertTrue(refused.getMessage().contains("host key SHA256:"), refused.getMessage());
        assertFalse(Files.exists(folder.resolve("known_hosts")));
    }

    @Test
    void anUnreachablePortGivesAOneLineError() {
        int port = FreePort.find();
        Host host = Host.remote("nowhere", "127.0.0.1", port, sshd.user(), sshd.userKey().toString(), "/opt/flapjack",
            null);

        HostException refused = assertThrows(HostException.class,
            () -> processes(acceptNewKeys()).control(host).status());

        assertEquals("127.0.0.1:" + port + ": connection refused", refused.getMessage());
    }

    @Test
    void aHostWithoutFlapjackAtItsInstallPathSaysSo() {
        Host host = remote("/nonexistent/flapjack", HostSettings.defaults());

        HostException missing = assertThrows(HostException.class,
            () -> processes(acceptNewKeys()).control(host).status());

        assertEquals("loopback: Flapjack not installed at /nonexistent/flapjack (no bin/flapjack-worker-manager)",
            missing.getMessage());
    }

    @Test
    void aKeyTheServerDoesNotKnowFailsAuthentication() throws Exception {
        Path stranger = folder.resolve("stranger");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString()).start().waitFor();
        Host host = Host.remote("loopback", sshd.host(), sshd.port(), sshd.user(), stranger.toString(),
            "/opt/flapjack", null);

        HostException refused = assertThrows(HostException.class,
            () -> processes(acceptNewKeys()).control(host).log(ProcessKind.BEANSTALKD, 0, 1));

        assertEquals("127.0.0.1:" + sshd.port() + ": authentication failed for " + sshd.user(), refused.getMessage());
    }

    @Test
    void aServerThatNeverAnswersGivesTimedOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> holdOpen(silent));
            Host host = Host.remote("silent", "127.0.0.1", silent.getLocalPort(), sshd.user(), null, "/opt/flapjack",
                null);
            Processes processes = new Processes(folder.resolve("known_hosts"), acceptNewKeys(), PasswordCallback.NONE,
                Duration.ofSeconds(2), null);
            opened.add(processes);

            HostException timedOut = assertThrows(HostException.class, () -> processes.control(host).status());

            assertEquals("127.0.0.1:" + silent.getLocalPort() + ": timed out", timedOut.getMessage());
        }
    }

    @Test
    void theAgentsKeyLogsInWithNoKeyFileConfigured() {
        try (SshAgent agent = SshAgent.start(folder.resolve("agent"))) {
            agent.add(sshd.userKey());
            HostSettings settings = new HostSettings(null, 0, null, folder.resolve("run").toString(), null, null, null);
            Host host = Host.remote("loopback", sshd.host(), sshd.port(), sshd.user(), null,
                ServerInstall.home().toString(), settings);

            HostStatus status = processes(acceptNewKeys(), agent.socket()).control(host).status();

            assertEquals(host, status.host());
            assertEquals(List.of(), status.workers());
        }
    }

    @Test
    void withoutTheAgentTheSameLoginFails() {
        Host host = Host.remote("loopback", sshd.host(), sshd.port(), sshd.user(), null, "/opt/flapjack", null);

        HostException refused = assertThrows(HostException.class,
            () -> processes(acceptNewKeys()).control(host).log(ProcessKind.BEANSTALKD, 0, 1));

        assertEquals("127.0.0.1:" + sshd.port() + ": authentication failed for " + sshd.user(), refused.getMessage());
    }

    @Test
    void anEncryptedKeyOpensWithThePassphraseTheCallbackGives() throws Exception {
        Path key = folder.resolve("locked");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "open sesame", "-f",
            key.toString()).start();
        assertEquals(0, keygen.waitFor());
        sshd.authorize(folder.resolve("locked.pub"));
        Host host = Host.remote("loopback", sshd.host(), sshd.port(), sshd.user(), key.toString(), "/opt/flapjack",
            null);
        List<SecretQuestion> asked = new CopyOnWriteArrayList<>();
        PasswordCallback passphrase = question -> {
            asked.add(question);
            return "open sesame".toCharArray();
        };
        Processes processes = new Processes(folder.resolve("known_hosts"), acceptNewKeys(), passphrase,
            Processes.CONNECT_TIMEOUT, null);
        opened.add(processes);

        processes.control(host).log(ProcessKind.BEANSTALKD, 0, 1);

        assertEquals(List.of(new SecretQuestion(host, SecretQuestion.Kind.PASSPHRASE, key.toString())), asked);
    }

    private static void holdOpen(ServerSocket silent) {
        try (Socket accepted = silent.accept()) {
            accepted.getInputStream().readAllBytes();
        } catch (IOException e) {
            // the test closed the server: nothing more to hold
        }
    }

    private Host remote(String installPath, HostSettings settings) {
        return Host.remote("loopback", sshd.host(), sshd.port(), sshd.user(), sshd.userKey().toString(), installPath,
            settings);
    }

    private Processes processes(HostKeyCallback hostKeys) {
        return processes(hostKeys, null);
    }

    /** Processes that offer the keys of the agent at AGENT_SOCKET only, whatever agent the test run has. */
    private Processes processes(HostKeyCallback hostKeys, Path agentSocket) {
        Processes processes = new Processes(folder.resolve("known_hosts"), hostKeys, PasswordCallback.NONE,
            Processes.CONNECT_TIMEOUT, agentSocket);
        opened.add(processes);
        return processes;
    }

    private HostKeyCallback acceptNewKeys() {
        return question -> {
            questions.add(question);
            return !question.changed();
        };
    }

    private HostKeyCallback refuseChangedKeys() {
        return question -> {
            questions.add(question);
            return false;
        };
    }
}
