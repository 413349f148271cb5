package org.flapjack.processes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.flapjack.processes.Host;
import org.flapjack.processes.HostControl;
import org.flapjack.processes.HostKeyCallback;
import org.flapjack.processes.HostSettings;
import org.flapjack.processes.HostStatus;
import org.flapjack.processes.PasswordCallback;
import org.flapjack.processes.ProcessKind;
import org.flapjack.processes.ProcessState;
import org.flapjack.processes.Processes;
import org.flapjack.testing.Beanstalkd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessesTest {

    @TempDir
    Path folder;

    private Beanstalkd beanstalkd;

    private Processes processes;

    private HostControl control;

    @BeforeEach
    void startBeanstalkd() throws Exception {
        beanstalkd = Beanstalkd.start();
        Path checks = Files.createDirectories(folder.resolve("checks"));
        Path recipients = Files.writeString(folder.resolve("recipients.conf"), "[Ada]\nemail = ada@example.org\n");
        Path config = Files.writeString(folder.resolve("flapjack-notifier.conf"), """
            [notifier]
            notifiers = log
            state-dir = %s
            [persistence]
            backend = sql
            uri = sqlite3://%s
            [transport]
            backend = beanstalkd
            host = 127.0.0.1
            port = %d
            """.formatted(folder.resolve("state"), folder.resolve("flapjack.db"), beanstalkd.port()));
        HostSettings settings = new HostSettings("127.0.0.1", beanstalkd.port(), null, folder.resolve("run").toString(),
            checks.toString(), recipients.toString(), config.toString());
        processes = new Processes(folder.resolve("known_hosts"), HostKeyCallback.REFUSE, PasswordCallback.NONE);
        control = processes.control(Host.local(ServerInstall.home(), settings));
    }

    @AfterEach
    void stopEverything() {
        try {
            control.stopWorkers();
        } finally {
            processes.close();
            beanstalkd.close();
        }
    }

    @Test
    void threeWorkersStartShowAsRunningWithPidsAndStop() {
        control.startWorkers(3);

        HostStatus running = control.status();
        assertEquals(3, running.workers().size(), running::toString);
        for (ProcessState worker : running.workers()) {
            assertEquals(ProcessKind.WORKER, worker.kind());
            assertTrue(Pids.running(worker.pid()), worker::toString);
            assertTrue(worker.memoryKiB() > 0, worker::toString);
        }

        control.stopWorkers();

        assertEquals(0, control.status().workers().size());
        running.workers().forEach(worker -> assertFalse(Pids.running(worker.pid()), worker::toString));
    }

    @Test
    void theNotifierStartsShowsAsRunningWithItsPidAndStops() {
        ProcessState notifier;
        try {
            control.startNotifier();
            notifier = control.status().notifier();
        } finally {
            control.stopNotifier();
        }

        assertNotNull(notifier, "no notifier in the status after start");
        assertFalse(Pids.running(notifier.pid()), notifier::toString);

        assertNull(control.status().notifier());
    }

    @Test
    void aWorkersLogShowsItsLastLines() {
        control.startWorkers(1);
        long pid = control.status().workers().get(0).pid();

        String log = control.log(ProcessKind.WORKER, pid, 20);

        assertFalse(log.startsWith("no log file"), log);
    }
}
