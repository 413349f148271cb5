package org.flapjack.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CommandRenderer;
import org.flapjack.core.model.Node;
import org.flapjack.core.model.PerformanceValue;
import org.flapjack.core.model.Result;
import org.flapjack.core.model.Status;
import org.flapjack.core.transport.JobDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checks as this Java starts them: with posix_spawn on Java 22 and newer. */
class CheckRunnerTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final CheckRunner runner = runner(Plugins.directory());

    /** How the runner under test starts checks. */
    CheckLauncher launcher() {
        return CheckRunner.bestLauncher();
    }

    private CheckRunner runner(Path checks) {
        return new CheckRunner(checks, CheckRunner.OUTPUT_CAP, launcher());
    }

    @ParameterizedTest
    @CsvSource({"0, OK", "1, WARNING", "2, CRITICAL", "3, UNKNOWN"})
    void dummyCheckGivesItsStatusAndText(int exitStatus, Status status) throws InterruptedException {
        Result result = result("check_dummy " + exitStatus + " 'disk is fine'", TEN_SECONDS);

        assertEquals(status, result.status());
        assertEquals(status + ": disk is fine", result.output());
    }

    @Test
    void standardPluginsAreFoundFromACustomChecksDirectory(@TempDir Path custom) throws InterruptedException {
        Result result = runner(custom).run("check_dummy 0 found", TEN_SECONDS)
            .toResult(new JobDocument("batch-1", "dummy", "check_dummy 0 found", 60, 10), "test:1");

        assertEquals("OK: found", result.output());
    }

    @Test
    void tcpCheckOfAnOpenPortIsOkWithResponseTime() throws IOException, InterruptedException {
        Result result;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            result = result("check_tcp -H 127.0.0.1 -p " + server.getLocalPort(), TEN_SECONDS);
        }

        assertEquals(Status.OK, result.status(), result.output());
        assertTrue(result.output().startsWith("TCP OK"), result.output());
        PerformanceValue time = result.performanceData().get(0);
        assertEquals("time", time.label());
        assertEquals("s", time.unit());
    }

    @Test
    void tcpCheckOfAClosedPortIsCritical() throws IOException, InterruptedException {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }

        Result result = result("check_tcp -H 127.0.0.1 -p " + port, TEN_SECONDS);

        assertEquals(Status.CRITICAL, result.status());
        assertTrue(result.output().contains("Connection refused"), result.output());
    }

    @Test
    void procsCheckGivesTheProcessCountAsPerformanceData() throws InterruptedException {
        Result result = result("check_procs", TEN_SECONDS);

        assertEquals(Status.OK, result.status(), result.output());
        PerformanceValue procs = result.performanceData().get(0);
        assertEquals("procs", procs.label());
        assertTrue(Integer.parseInt(procs.value()) > 0, procs.value());
        assertEquals("0", procs.min());
    }

    @Test
    void longOutputAndPerformanceDataOfLaterLinesAreKept() throws InterruptedException {
        Result result = result("printf 'OK: two disks | a=1\\n/ is fine\\n/var is fine | b=2MB;3;4\\n'", TEN_SECONDS);

        assertEquals("OK: two disks", result.output());
        assertEquals("/ is fine\n/var is fine", result.longOutput());
        assertEquals(List.of("a", "b"), result.performanceData().stream().map(PerformanceValue::label).toList());
    }

    @Test
    void checkPastItsTimeoutIsKilledWithItsChildren() throws InterruptedException {
        String marker = "300." + ProcessHandle.current().pid() + "1";

        CheckRun run = runner.run("sleep " + marker + " & sh -c 'sleep " + marker + "'; wait", Duration.ofSeconds(1));
        Result result = run.toResult(job("slow"), "test");

        assertEquals(Status.UNKNOWN, result.status());
        assertEquals("timed out after 1s", result.output());
        assertTrue(run.duration().compareTo(Duration.ofSeconds(5)) < 0, "ran " + run.duration());
        assertFalse(Plugins.processWith("sleep " + marker), "a child of the timed-out check is still running");
    }

    @Test
    void outputBeyondTheCapIsCutAndMarked() throws InterruptedException {
        CheckRun run = runner.run("echo 'OK: chatty'; head -c 10000000 /dev/zero | tr '\\0' x", TEN_SECONDS);
        Result result = run.toResult(job("chatty"), "test");

        assertTrue(run.cut());
        assertEquals(10_000_000 + "OK: chatty\n".length(), run.outputBytes());
        assertEquals(CheckRunner.OUTPUT_CAP, run.output().length());
        assertEquals(Status.OK, result.status());
        assertEquals("OK: chatty", result.output());
        assertTrue(result.longOutput().endsWith("(output cut at 65536 characters; the check printed 10000011 bytes)"),
            result.longOutput().substring(Math.max(0, result.longOutput().length() - 100)));
    }

    @Test
    void hostileNodeNameNeverRunsACommand(@TempDir Path checks) throws InterruptedException, IOException {
        String hostile = "web1'; touch owned1; echo '$(touch owned2)`touch owned3`\"; touch owned4";
        Check check = new Check("ping", hostile, null, "echo OK: $FQDN", Map.of(), 60, 10, true, null, null);
        String command = CommandRenderer.render(check, new Node(hostile), null);

        Result result = runner(checks).run(command, TEN_SECONDS).toResult(job("ping"), "test");

        assertEquals("OK: " + hostile, result.output());
        try (Stream<Path> files = Files.list(checks)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void checkRunsInTheChecksDirectoryWithAMinimalEnvironment(@TempDir Path checks) throws InterruptedException {
        Result result = runner(checks).run("echo \"OK: $(pwd)\"; env | sort; cat", TEN_SECONDS)
            .toResult(job("env"), "test");

        assertEquals("OK: " + checks.toAbsolutePath(), result.output());
        List<String> names = result.longOutput().lines().map(line -> line.substring(0, line.indexOf('='))).toList();
        assertEquals(List.of("HOME", "LANG", "PATH", "PWD"), names);
        assertTrue(result.longOutput().contains("LANG=C\n"));
    }

    @Test
    void plainCommandPastItsTimeoutIsKilled() throws InterruptedException {
        String marker = "300." + ProcessHandle.current().pid() + "2";

        CheckRun run = runner.run("sleep " + marker, Duration.ofSeconds(1));

        assertTrue(run.timedOut());
        assertTrue(run.duration().compareTo(Duration.ofSeconds(5)) < 0, "ran " + run.duration());
        assertFalse(Plugins.processWith("sleep " + marker), "the timed-out check is still running");
    }

    @Test
    void commandWithANulCharacterIsRefusedNotCutShort() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> runner.run("check_dummy 0 fine\0; touch owned", TEN_SECONDS));

        assertTrue(refused.getMessage().contains("cannot start"), refused.getMessage());
    }

    @Test
    void checkRunsInASessionOfItsOwnWithoutTheWorkersTerminal() throws Exception {
        Result result = result("cat /proc/self/stat", TEN_SECONDS);

        // After the command's name: state, parent, process group, session.
        String[] check = result.output().substring(result.output().lastIndexOf(')') + 2).split(" ");
        String worker = Files.readString(Path.of("/proc/self/stat"));
        String[] own = worker.substring(worker.lastIndexOf(')') + 2).split(" ");
        assertEquals(check[2], check[3], "the check leads its process group and session");
        assertFalse(check[3].equals(own[3]), "the check is in the worker's session " + own[3]);
        assertEquals("0", check[4], "the check has a controlling terminal");
    }

    @Test
    void checkGetsNoDescriptorOfTheWorkerBeyondItsOutput() throws InterruptedException {
        Result result = result("ls /proc/self/fd", TEN_SECONDS);

        // ls lists 0, 1 and 2, and the descriptor it reads the directory with.
        List<String> descriptors = (result.output() + "\n" + result.longOutput()).lines().toList();
        assertEquals(List.of("0", "1", "2", "3"), descriptors, "descriptors open in the check");
    }

    @Test
    void scriptWithoutInterpreterLineRunsInTheShell(@TempDir Path checks) throws IOException, InterruptedException {
        Path script = Files.writeString(checks.resolve("check_plain"), "echo \"OK: plain script in $PWD\"\n");
        script.toFile().setExecutable(true);

        Result result = runner(checks).run("check_plain", TEN_SECONDS).toResult(job("plain"), "test");

        assertEquals("OK: plain script in " + checks.toAbsolutePath(), result.output());
    }

    @Test
    void unknownProgramIsUnknownWithTheShellsReason(@TempDir Path checks) throws InterruptedException {
        Result result = runner(checks).run("check_nosuch -w 1", TEN_SECONDS).toResult(job("nosuch"), "test");

        assertEquals(Status.UNKNOWN, result.status());
        assertTrue(result.output().contains("check_nosuch") && result.output().contains("not found"),
            result.output());
    }

    @Test
    void programGivenByPathRelativeToTheChecksDirectoryRuns(@TempDir Path checks)
        throws IOException, InterruptedException {
        Path script = Files.writeString(Files.createDirectory(checks.resolve("local")).resolve("check_here"),
            "#!/bin/sh\necho \"WARNING: $1 $2\"\nexit 1\n");
        script.toFile().setExecutable(true);

        Result result = runner(checks).run("local/check_here  two   words", TEN_SECONDS).toResult(job("here"), "test");

        assertEquals(Status.WARNING, result.status());
        assertEquals("WARNING: two words", result.output());
    }

    private Result result(String command, Duration timeout) throws InterruptedException {
        return runner.run(command, timeout).toResult(job("check"), "test");
    }

    private static JobDocument job(String check) {
        return new JobDocument("batch-1", check, "true", 60, 10);
    }
}
