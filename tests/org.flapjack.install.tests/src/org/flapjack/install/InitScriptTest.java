package org.flapjack.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.flapjack.testing.Beanstalkd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitScriptTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @TempDir
    Path prefix;

    @TempDir
    Path checks;

    private Beanstalkd beanstalkd;

    private Installation installation;

    @BeforeEach
    void install() {
        requireWorkerManager();
        beanstalkd = Beanstalkd.start();
        installation = Installation.into(prefix);
    }

    @AfterEach
    void stopEverything() {
        if (installation != null) {
            installation.service("flapjack-workers", "stop");
        }
        if (beanstalkd != null) {
            beanstalkd.close();
        }
    }

    @Test
    void startRunsTheWorkersTheControlFileAsksFor() {
        enableWorkers(3);

        Command start = installation.service("flapjack-workers", "start");

        assertEquals(0, start.exitStatus(), start.shown());
        assertEquals(3, awaitWorkerCount(3), start.shown());
    }

    @Test
    void stopLeavesNoWorker() {
        enableWorkers(3);
        Command start = installation.service("flapjack-workers", "start");
        assertEquals(0, start.exitStatus(), start.shown());

        Command stop = installation.service("flapjack-workers", "stop");

        assertEquals(0, stop.exitStatus(), stop.shown());
        assertEquals(0, awaitWorkerCount(0), stop.shown());
    }

    @Test
    void secondStartAddsNoWorkers() {
        enableWorkers(3);
        installation.service("flapjack-workers", "start");

        Command again = installation.service("flapjack-workers", "start");

        assertEquals(0, again.exitStatus(), again.shown());
        assertTrue(again.output().contains("already running"), again.shown());
        assertEquals(3, workerCount());
    }

    @Test
    void restartAppliesAChangedWorkerCount() {
        enableWorkers(3);
        installation.service("flapjack-workers", "start");
        enableWorkers(2);

        Command restart = installation.service("flapjack-workers", "restart");

        assertEquals(0, restart.exitStatus(), restart.shown());
        assertEquals(2, awaitWorkerCount(2), restart.shown());
    }

    @Test
    void statusSaysRunningOrNot() {
        enableWorkers(3);
        Command before = installation.service("flapjack-workers", "status");
        installation.service("flapjack-workers", "start");

        Command during = installation.service("flapjack-workers", "status");

        assertEquals(3, before.exitStatus(), before.shown());
        assertEquals(0, during.exitStatus(), during.shown());
        assertTrue(during.output().contains("3 workers running"), during.shown());
    }

    @Test
    void disabledControlFileMakesStartDoNothing() {
        installation.writeControlFile("flapjack-workers", "ENABLED=no\nWORKERS=3\n");

        Command start = installation.service("flapjack-workers", "start");

        assertEquals(0, start.exitStatus(), start.shown());
        assertTrue(start.output().contains("not starting: ENABLED=no"), start.shown());
        assertEquals(0, workerCount());
    }

    @Test
    void disabledNotifierStartDoesNothing() {
        Command start = installation.service("flapjack-notifier", "start");

        assertEquals(0, start.exitStatus(), start.shown());
        assertTrue(start.output().contains("not starting: ENABLED=no"), start.shown());
    }

    @Test
    void unknownActionIsUsageError() {
        Command wrong = installation.service("flapjack-workers", "explode");

        assertEquals(2, wrong.exitStatus(), wrong.shown());
        assertTrue(wrong.output().contains("Usage:"), wrong.shown());
    }

    private void enableWorkers(int workers) {
        installation.writeControlFile("flapjack-workers", String.join("\n",
            "ENABLED=yes",
            "BEANSTALKD_HOST=" + beanstalkd.host(),
            "BEANSTALKD_PORT=" + beanstalkd.port(),
            "WORKERS=" + workers,
            "CHECKS_DIRECTORY=" + checks,
            "RUN_DIR=" + installation.runDir(),
            "LOG_DIR=" + installation.path("var/log/flapjack"), ""));
    }

    private int awaitWorkerCount(int expected) {
        Instant deadline = Instant.now().plus(SETTLE);
        int count = workerCount();
        while (count != expected && Instant.now().isBefore(deadline)) {
            pause();
            count = workerCount();
        }
        return count;
    }

    /** Counts the worker processes of this install: those whose command line names its run directory. */
    private long workerCountOf(Path runDir) {
        String marker = "--run-dir " + runDir + " ";
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
            .map(handle -> commandLine(handle.pid()))
            .filter(line -> line.contains("org.flapjack.cli.Worker ") && (line + " ").contains(marker))
            .count();
    }

    private int workerCount() {
        return (int) workerCountOf(installation.runDir());
    }

    private static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting workers", e);
        }
    }

    private static void requireWorkerManager() {
        Path manager = Installation.builtServer().resolve("bin/flapjack-worker-manager");
        if (!Files.isExecutable(manager)) {
            throw new IllegalStateException("no executable " + manager + ": build the server with the worker manager");
        }
    }
}
