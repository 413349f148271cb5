package org.flapjack.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flapjack.core.model.Result;
import org.flapjack.core.model.Status;
import org.flapjack.core.transport.JobDocument;
import org.flapjack.core.transport.NewJob;
import org.flapjack.core.transport.ReservedResult;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.core.transport.UnreadableDocumentException;
import org.flapjack.testing.Beanstalkd;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path checks;

    private Beanstalkd beanstalkd;

    private Transport transport;

    private TransportSession session;

    private WorkerEngine engine;

    private final List<Result> results = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBeanstalkdAndWorker() {
        Plugins.directory();
        beanstalkd = Beanstalkd.start();
        transport = new BeanstalkdProvider().open(beanstalkd.settings());
        session = transport.openSession();
        session.publishBatch("batch-1");
        engine = new WorkerEngine(transport, new CheckRunner(checks), 4, "test:1");
        engine.onResult(results::add);
    }

    @AfterEach
    void stop() throws InterruptedException {
        engine.stop(Duration.ofSeconds(5));
        transport.close();
        beanstalkd.close();
    }

    @Test
    void resultsOnTheResultsTubeCarryStatusOutputAndPerformanceData() throws Exception {
        for (int status = 0; status <= 3; status++) {
            put("dummy-" + status, "batch-1", Plugins.DIRECTORY + "/check_dummy " + status + " 'text " + status + "'");
        }
        put("procs", "batch-1", Plugins.DIRECTORY + "/check_procs");
        engine.start();

        Map<String, Result> byCheck = reserveResults(5);

        for (Status status : Status.values()) {
            Result result = byCheck.get("dummy-" + status.exitStatus());
            assertEquals(status, result.status());
            assertEquals(status + ": text " + status.exitStatus(), result.output());
            assertEquals("batch-1", result.batch());
            assertEquals("test:1", result.worker());
        }
        assertEquals("procs", byCheck.get("procs").performanceData().get(0).label());
    }

    @Test
    void releasedJobRunsAgainAfterInterval() throws Exception {
        put("twice", "batch-1", "echo run >> runs; echo OK: ran", 1);
        engine.start();

        Plugins.await("the job ran twice", WAIT, () -> lines("runs") >= 2);

        assertEquals(1, session.stats(transport.tubes().jobs()).total(), "the job is still on the tube, once");
    }

    @Test
    void jobOfAnOlderBatchIsDroppedUnrun() throws Exception {
        session.publishBatch("batch-2");
        put("old", "batch-1", "echo run >> old-runs; echo OK");
        put("new", "batch-2", "echo OK: new");
        engine.start();

        Plugins.await("the new batch's job ran", WAIT, () -> results.size() == 1);
        Plugins.await("the old job was deleted", WAIT,
            () -> session.stats(transport.tubes().jobs()).total() == 1);

        assertEquals("new", results.get(0).check());
        assertFalse(Files.exists(checks.resolve("old-runs")));
    }

    @Test
    void jobOfABatchDeployedAfterTheWorkerStartedRuns() throws Exception {
        engine.start();
        put("first", "batch-1", "echo OK: first");
        Plugins.await("the first batch's job ran", WAIT, () -> results.size() == 1);

        session.publishBatch("batch-2");
        put("second", "batch-2", "echo OK: second");

        Plugins.await("the second batch's job ran", WAIT, () -> results.size() == 2);
        assertEquals("second", results.get(1).check());
    }

    @Test
    void jobHeldDuringADeployIsDeletedAfterItsRun() throws Exception {
        put("held", "batch-1", "touch started; sleep 1; echo OK: held");
        engine.start();
        Plugins.await("the check started", WAIT, () -> Files.exists(checks.resolve("started")));

        session.publishBatch("batch-2");
        session.drainJobs();

        Plugins.await("the held job ran once", WAIT, () -> results.size() == 1);
        Plugins.await("the held job is gone", WAIT, () -> session.stats(transport.tubes().jobs()).total() == 0);
    }

    @Test
    void malformedBodyIsBuriedAndTheNextJobRuns() throws Exception {
        putRaw("{ this is not a job");
        put("next", "batch-1", "echo OK: next");
        engine.start();

        Plugins.await("the next job ran", WAIT, () -> results.size() == 1);
        // Another slot may run the next job before the slot that took the malformed one has buried it.
        Plugins.await("the malformed job was buried", WAIT,
            () -> session.stats(transport.tubes().jobs()).buried() == 1);

        assertEquals("next", results.get(0).check());
    }

    @Test
    void checkThatCannotStartGivesAnUnknownResultSayingWhy() throws Exception {
        put("unstartable", "batch-1", "check_dummy 0 cut\0here");
        engine.start();

        Plugins.await("the unstartable check gave a result", WAIT, () -> results.size() == 1);

        assertEquals(Status.UNKNOWN, results.get(0).status());
        assertTrue(results.get(0).output().contains("cannot start"), results.get(0).output());
    }

    @Test
    void stopWhileBeanstalkdIsGoneEndsSoonAfterTheGrace() throws Exception {
        engine.start();
        Thread.sleep(200);
        beanstalkd.close();
        Thread.sleep(1500);

        // Slots that wait to reconnect hold no job: after the grace they are interrupted like those running checks.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> engine.stop(Duration.ofSeconds(1)));
    }

    @Test
    void stopLetsARunningCheckFinishAndReleasesItsJob() throws Exception {
        put("slow", "batch-1", "touch started; sleep 1; echo OK: finished", 600);
        engine.start();
        Plugins.await("the check started", WAIT, () -> Files.exists(checks.resolve("started")));

        engine.stop(Duration.ofSeconds(10));

        assertEquals(1, results.size());
        assertEquals("OK: finished", results.get(0).output());
        assertEquals(1, session.stats(transport.tubes().jobs()).delayed(), "released with its interval");
    }

    @Test
    void stopKillsACheckStillRunningAfterTheGraceAndReleasesItsJobAtOnce() throws Exception {
        String marker = "301." + ProcessHandle.current().pid() + "2";
        put("stuck", "batch-1", "touch started; sleep " + marker + "; echo OK", 600, 500);
        engine.start();
        Plugins.await("the check started", WAIT, () -> Files.exists(checks.resolve("started")));

        engine.stop(Duration.ofMillis(200));

        assertTrue(results.isEmpty());
        assertFalse(Plugins.processWith("sleep " + marker));
        assertEquals(1, session.stats(transport.tubes().jobs()).ready(), "released to run again at once");
    }

    @Test
    void outputBiggerThanAJobStillGivesAResultThatSaysItWasCut() throws Exception {
        engine = new WorkerEngine(transport, new CheckRunner(checks), 1, "test:1");
        // 64 KiB of quotes: twice that as JSON, far beyond beanstalkd's 65,535-byte jobs.
        put("loud", "batch-1", "head -c 70000 /dev/zero | tr '\\0' '\"'; echo");
        put("quiet", "batch-1", Plugins.DIRECTORY + "/check_dummy 0 fine");
        engine.start();

        Map<String, Result> byCheck = reserveResults(2);

        Result loud = byCheck.get("loud");
        assertTrue(loud.output().endsWith("(cut)"), loud.output().substring(loud.output().length() - 20));
        assertTrue(loud.longOutput().contains("cut to fit"), loud.longOutput());
        assertEquals("OK: fine", byCheck.get("quiet").output());
    }

    @Test
    void refusedResultFailsThatJobAloneAndTheSlotRunsTheNext() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(beanstalkd.settings());
        // The worker believes beanstalkd takes bigger jobs than it does, so its result put is refused.
        settings.put("max-job-size", "10000000");
        try (Transport believing = new BeanstalkdProvider().open(settings)) {
            engine = new WorkerEngine(believing, new CheckRunner(checks), 1, "test:1");
            put("loud", "batch-1", "head -c 70000 /dev/zero | tr '\\0' '\"'; echo", 600);
            put("quiet", "batch-1", Plugins.DIRECTORY + "/check_dummy 0 fine");
            engine.start();

            Map<String, Result> byCheck = reserveResults(1);

            assertEquals("OK: fine", byCheck.get("quiet").output());
            engine.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void controlCharactersOfCheckOutputAreEscapedInLogLines() {
        assertEquals("red \\u001b[31mtext\\u001b[0m\\nforged line\\r\tend",
            LogText.escaped("red \u001b[31mtext\u001b[0m\nforged line\r\tend"));
    }

    private void put(String check, String batch, String command) {
        put(check, batch, command, 60);
    }

    private void put(String check, String batch, String command, int interval) {
        put(check, batch, command, interval, 10);
    }

    private void put(String check, String batch, String command, int interval, int timeout) {
        session.putJob(NewJob.of(new JobDocument(batch, check, command, interval, timeout)));
    }

    private Map<String, Result> reserveResults(int count) throws UnreadableDocumentException {
        Map<String, Result> byCheck = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (byCheck.size() < count && System.nanoTime() < deadline) {
            Optional<ReservedResult> reserved = session.reserveResult(Duration.ofSeconds(1));
            reserved.ifPresent(result -> {
                byCheck.put(result.result().check(), result.result());
                session.delete(result.id());
            });
        }
        assertEquals(count, byCheck.size(), "results: " + byCheck.keySet());
        return byCheck;
    }

    private long lines(String file) {
        try {
            Path path = checks.resolve(file);
            return Files.exists(path) ? Files.readAllLines(path).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a body on the jobs tube as it is, over a socket of its own, the way a foreign producer would. */
    private void putRaw(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(beanstalkd.host(), beanstalkd.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("use jobs\r\nput 0 0 60 " + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String replies = new String(socket.getInputStream().readNBytes("USING jobs\r\n".length() + 9),
                StandardCharsets.US_ASCII);
            assertTrue(replies.contains("INSERTED"), replies);
        }
    }
}
