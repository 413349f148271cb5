package org.flapjack.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.flapjack.core.model.Result;
import org.flapjack.core.transport.JobDocument;
import org.flapjack.core.transport.NewJob;
import org.flapjack.core.transport.ReservedResult;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.testing.Beanstalkd;
import org.flapjack.testing.FreePort;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/** Drives the server product's flapjack-worker-manager launcher as an operator would, with real workers. */
class WorkerManagerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path runDir;

    @TempDir
    Path checks;

    private Beanstalkd beanstalkd;

    private Path home;

    @BeforeEach
    void startBeanstalkd() {
        home = serverHome();
        beanstalkd = Beanstalkd.start();
    }

    @AfterEach
    void stopWorkers() throws Exception {
        try {
            manage("stop");
        } finally {
            workerProcesses().forEach(ProcessHandle::destroyForcibly);
            beanstalkd.close();
        }
    }

    @Test
    void startGivesFiveWorkers() throws Exception {
        Run start = manage("start");

        assertEquals(0, start.exitStatus(), start.toString());
        assertEquals(5, workerProcesses().size());
    }

    @Test
    void startsAddUp() throws Exception {
        manage("start");
        Run more = manage("start", "--workers=10");

        assertEquals(0, more.exitStatus(), more.toString());
        assertEquals(15, workerProcesses().size());
        assertTrue(more.out().contains("15 running"), more.out());
    }

    @Test
    void stopLeavesNoWorkerProcess() throws Exception {
        Run start = manage("start", "-w", "3");
        assertEquals(0, start.exitStatus(), start.toString());

        Run stop = manage("stop");

        assertEquals(0, stop.exitStatus(), stop.toString());
        assertEquals("stopped 3 workers", stop.out().strip());
        assertEquals(List.of(), workerProcesses());
        try (Stream<Path> files = Files.list(runDir)) {
            assertEquals(List.of(), files.filter(file -> !file.toString().endsWith(".log")).toList());
        }
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path log : files.toList()) {
                assertTrue(Files.readString(log).contains(" stopped after 0 checks"),
                    log + " says nothing of the stop");
            }
        }
    }

    @Test
    void restartKeepsTheCount() throws Exception {
        manage("start", "-w", "3");
        Set<Long> before = pids(workerProcesses());

        Run restart = manage("restart");

        assertEquals(0, restart.exitStatus(), restart.toString());
        Set<Long> after = pids(workerProcesses());
        assertEquals(3, after.size());
        assertTrue(after.stream().noneMatch(before::contains), "the workers were not replaced");
    }

    @Test
    void stalePidFileIsNoticedAndRemoved() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = runDir.resolve("flapjack-worker-" + gone.pid() + ".pid");
        Files.writeString(stale, gone.pid() + "\n");

        Run status = manage("status");

        assertEquals(0, status.exitStatus(), status.toString());
        assertTrue(status.out().contains("removed the pid file of worker " + gone.pid()), status.out());
        assertTrue(status.out().contains("0 workers running"), status.out());
        assertFalse(Files.exists(stale));
    }

    @Test
    void statusListsPidUptimeAndChecksRunOfEachWorker() throws Exception {
        manage("start", "-w", "2");

        Run status = manage("status", "--json");

        assertEquals(0, status.exitStatus(), status.toString());
        for (long pid : pids(workerProcesses())) {
            assertTrue(status.out().contains("{\"pid\":" + pid + ",\"uptimeSeconds\":"), status.out());
        }
        assertTrue(status.out().strip().endsWith("\"running\":2}"), status.out());
    }

    @Test
    void unreachableBeanstalkdExitsTwoWithOneLine() throws Exception {
        int closedPort = FreePort.find();

        Run start = manage("start", "-p", Integer.toString(closedPort));

        assertEquals(2, start.exitStatus());
        assertEquals("cannot reach beanstalkd at 127.0.0.1:" + closedPort, start.err().strip());
        assertEquals(List.of(), workerProcesses());
    }

    @Test
    void missingChecksDirectoryExitsTwoWithOneLine() throws Exception {
        Run start = manage("start", "-c", checks.resolve("missing").toString());

        assertEquals(2, start.exitStatus());
        assertEquals("checks directory " + checks.resolve("missing") + " does not exist or is not a directory",
            start.err().strip());
    }

    @Test
    void runDirThatIsAFileIsRefusedAsNotADirectory() throws Exception {
        Path file = Files.writeString(runDir.resolve("plain-file"), "x");

        Run start = manageIn(file, "start", "-w", "1");

        assertEquals(2, start.exitStatus());
        assertEquals("cannot use " + file + " as the run directory: it is not a directory", start.err().strip());
    }

    @Test
    void runDirThatCannotBeWrittenIsSaidInWords() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
            "root writes any directory");
        Path locked = Files.createDirectory(runDir.resolve("locked"));
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));

        Run start = manageIn(locked, "start", "-w", "1");

        assertEquals(2, start.exitStatus());
        assertTrue(start.err().strip().startsWith("cannot write the run directory " + locked + ": "), start.err());
    }

    @Test
    void portOutOfRangeIsAUsageErrorNamingTheOption() throws Exception {
        Run start = manage("start", "-p", "0");

        assertEquals(1, start.exitStatus());
        assertTrue(start.err().startsWith("--port must be a number from 1 to 65535, not 0"), start.err());
    }

    @Test
    void unknownActionExitsOneWithUsage() throws Exception {
        Run run = manage("begin");

        assertEquals(1, run.exitStatus());
        assertTrue(run.err().contains("Usage: flapjack-worker-manager"), run.err());
    }

    @Test
    void workerKilledDuringACheckLeavesItsJobToRunAgain() throws Exception {
        try (Transport transport = new BeanstalkdProvider().open(beanstalkd.settings());
                TransportSession session = transport.openSession()) {
            session.publishBatch("batch-1");
            JobDocument job = new JobDocument("batch-1", "slow", "echo run >> runs; sleep 2; echo OK: slow", 600, 10);
            session.putJob(new NewJob(job, NewJob.DEFAULT_PRIORITY, Duration.ZERO, Duration.ofSeconds(15)));
            manage("start", "-w", "1", "--concurrency", "1");
            Plugins.await("the check started", WAIT, () -> lines(checks.resolve("runs")) == 1);

            ProcessHandle killed = workerProcesses().get(0);
            new ProcessBuilder("kill", "-9", Long.toString(killed.pid())).start().waitFor();
            killed.onExit().get(10, TimeUnit.SECONDS);
            manage("start", "-w", "1", "--concurrency", "1");

            Result result = reserveResult(session);
            assertEquals("OK: slow", result.output());
            assertEquals(2, lines(checks.resolve("runs")), "the check ran again after the kill");
            assertNotEquals(killed.pid() + "", result.worker().substring(result.worker().lastIndexOf(':') + 1));
            assertEquals(1, session.stats(transport.tubes().jobs()).total(), "the job is on the tube, once");
            assertEquals(0, session.stats(transport.tubes().results()).total(), "one result only");
        }
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_22)
    void checksOfAWorkerKilledByForceAreKilledToo() throws Exception {
        String marker = "600." + ProcessHandle.current().pid() + "7";
        try (Transport transport = new BeanstalkdProvider().open(beanstalkd.settings());
                TransportSession session = transport.openSession()) {
            session.publishBatch("batch-1");
            JobDocument job = new JobDocument("batch-1", "hangs", "sleep " + marker, 600, 600);
            session.putJob(new NewJob(job, NewJob.DEFAULT_PRIORITY, Duration.ZERO, Duration.ofSeconds(900)));
            manage("start", "-w", "1", "--concurrency", "1");
            Plugins.await("the check started", WAIT, () -> Plugins.processWith("sleep " + marker));

            ProcessHandle killed = workerProcesses().get(0);
            new ProcessBuilder("kill", "-9", Long.toString(killed.pid())).start().waitFor();
            killed.onExit().get(10, TimeUnit.SECONDS);

            Plugins.await("the check of the killed worker ended", WAIT, () -> !Plugins.processWith("sleep " + marker));
        }
    }

    private static Result reserveResult(TransportSession session) throws Exception {
        Optional<ReservedResult> reserved = session.reserveResult(WAIT);
        if (reserved.isEmpty()) {
            fail("no result within " + WAIT.toSeconds() + " s");
        }
        session.delete(reserved.get().id());
        return reserved.get().result();
    }

    private Run manage(String... arguments) throws IOException, InterruptedException {
        return manageIn(runDir, arguments);
    }

    private Run manageIn(Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/flapjack-worker-manager").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--run-dir", dir.toString(), "-b", beanstalkd.host()));
        if (!List.of(arguments).contains("-c")) {
            command.addAll(List.of("-c", checks.toString()));
        }
        if (!List.of(arguments).contains("-p")) {
            command.addAll(List.of("-p", Integer.toString(beanstalkd.port())));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("FLAPJACK_JVM_OPTIONS", "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile(runDir.getParent(), "manager", ".out");
        Path err = Files.createTempFile(runDir.getParent(), "manager", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("flapjack-worker-manager " + String.join(" ", arguments) + " ran for more than 2 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The worker processes that run with this test's run directory, as ps shows them. */
    private List<ProcessHandle> workerProcesses() {
        String runDirArgument = "--run-dir " + runDir;
        return ProcessHandle.allProcesses().filter(handle -> {
            String line = commandLine(handle);
            return line.contains("org.flapjack.cli.Worker ") && line.contains(runDirArgument);
        }).toList();
    }

    private static String commandLine(ProcessHandle handle) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(handle.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static Set<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path serverHome() {
        String property = System.getProperty("flapjack.server.home");
        if (property == null || !Files.isExecutable(Path.of(property, "bin", "flapjack-worker-manager"))) {
            fail("system property flapjack.server.home must name the built server product (with "
                + "bin/flapjack-worker-manager), not " + property + ": build it with ./mvnw verify");
        }
        return Path.of(property);
    }

    /** How one run of the manager ended. */
    private record Run(int exitStatus, String out, String err) {
    }
}
