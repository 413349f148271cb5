package org.flapjack.transport.beanstalkd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flapjack.core.model.PerformanceValue;
import org.flapjack.core.model.Result;
import org.flapjack.core.transport.JobOutcome;
import org.flapjack.core.transport.ReservedJob;
import org.flapjack.core.transport.ReservedResult;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.core.transport.TransportUnavailableException;
import org.flapjack.core.transport.TubeStats;
import org.flapjack.core.transport.UnreadableDocumentException;
import org.flapjack.testing.Beanstalkd;
import org.flapjack.testing.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final Duration SHORT = Duration.ofSeconds(1);

    private Beanstalkd server;

    private Transport transport;

    private TransportSession session;

    @BeforeEach
    void start() {
        server = Beanstalkd.start();
        transport = new BeanstalkdProvider().open(server.settings());
        session = transport.openSession();
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Test
    void resultBiggerThanTheJobSizeLimitIsCutToFit() throws Exception {
        String quotes = "\"".repeat(64 * 1024);
        session.putResult(new Result("loud", "batch-1", 0, quotes, "more " + quotes, List.of(), Instant.now(),
            Duration.ofMillis(5), "test:1"));

        ReservedResult reserved = session.reserveResult(SHORT).orElseThrow();

        assertTrue(reserved.result().output().endsWith("(cut)"));
        assertTrue(reserved.result().longOutput().endsWith("(output cut to fit the queue's job size limit of 65535"
            + " bytes)"), reserved.result().longOutput());
    }

    @Test
    void refusedPutFailsThatCallAndKeepsTheSessionAndItsReservation() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(server.settings());
        settings.put("max-job-size", "1000000");
        try (Transport believing = new BeanstalkdProvider().open(settings);
                TransportSession refused = believing.openSession()) {
            long id = refused.putJob(Jobs.job("disk-web1"));
            refused.reserveJob(SHORT).orElseThrow();
            Result big = new Result("loud", "batch-1", 0, "x".repeat(100_000), "", List.of(), Instant.now(),
                Duration.ofMillis(5), "test:1");

            assertThrows(org.flapjack.core.transport.CallRefusedException.class, () -> refused.putResult(big));

            assertEquals(JobOutcome.DONE, refused.release(id, 0, Duration.ofSeconds(30)));
            assertEquals(1, refused.stats(believing.tubes().jobs()).delayed());
        }
    }

    @Test
    void putJobIsReservedWithItsDocumentAndDeleted() throws Exception {
        long id = session.putJob(Jobs.job("disk-web1"));

        ReservedJob job = session.reserveJob(SHORT).orElseThrow();

        assertEquals(id, job.id());
        assertEquals(Jobs.document("disk-web1"), job.job());
        assertEquals(JobOutcome.DONE, session.delete(id));
        assertEquals(Optional.empty(), session.reserveJob(Duration.ZERO));
    }

    @Test
    void releasedJobIsHeldBackForItsDelay() throws Exception {
        session.putJob(Jobs.job("load-web1"));
        ReservedJob job = session.reserveJob(SHORT).orElseThrow();

        Instant released = Instant.now();
        assertEquals(JobOutcome.DONE, session.release(job.id(), 100, Duration.ofSeconds(2)));

        assertEquals(Optional.empty(), session.reserveJob(SHORT));
        ReservedJob again = session.reserveJob(Duration.ofSeconds(5)).orElseThrow();
        assertEquals(job.id(), again.id());
        assertTrue(Duration.between(released, Instant.now()).toMillis() >= 1900, "came back before its delay");
    }

    @Test
    void reservedJobWhoseTimeToRunExpiresComesBack() throws Exception {
        long id = session.putJob(Jobs.withTimeToRun("slow-check", Duration.ofSeconds(1)));
        session.reserveJob(SHORT).orElseThrow();

        try (TransportSession other = transport.openSession()) {
            // Generous: beanstalkd checks deadlines about once a second, and CI machines are busy.
            ReservedJob again = other.reserveJob(Duration.ofSeconds(15)).orElseThrow();
            assertEquals(id, again.id());
        }
    }

    @Test
    void malformedBodyIsBuriedAndNextGoodJobConsumed() throws Exception {
        Jobs.putRaw(server, "jobs", "{not json");
        session.putJob(Jobs.job("ping-web1"));

        UnreadableDocumentException unreadable = assertThrows(UnreadableDocumentException.class,
            () -> session.reserveJob(SHORT));
        assertEquals(JobOutcome.DONE, session.bury(unreadable.jobId()));

        assertEquals("ping-web1", session.reserveJob(SHORT).orElseThrow().job().check());
        assertEquals(1, session.stats("jobs").buried());
    }

    @Test
    void resultTravelsOnTheResultsTube() throws Exception {
        Result result = new Result("disk-web1", "batch-1", 1, "DISK WARNING", "/var 91%",
            List.of(new PerformanceValue("/var", "91", "%", "90", "95", "0", "100")),
            Instant.parse("2025-01-02T03:04:05Z"), Duration.ofMillis(1234), "worker-7");
        session.putResult(result);

        ReservedResult reserved = session.reserveResult(SHORT).orElseThrow();

        assertEquals(result, reserved.result());
        assertEquals(JobOutcome.DONE, session.delete(reserved.id()));
    }

    @Test
    void statsCountEveryStateOfEveryTube() throws Exception {
        for (int i = 0; i < 5; i++) {
            session.putJob(Jobs.job("check-" + i));
        }
        session.putJob(Jobs.job("later").withDelay(Duration.ofHours(1)));
        long buried = session.reserveJob(SHORT).orElseThrow().id();
        session.bury(buried);
        session.reserveJob(SHORT).orElseThrow();
        session.putResult(new Result("x", "b", 0, "OK", "", List.of(), Instant.now(), Duration.ZERO, "w"));

        Map<String, TubeStats> stats = session.stats();

        assertEquals(new TubeStats("jobs", 3, 1, 1, 1), stats.get("jobs"));
        assertEquals(6, stats.get("jobs").total());
        assertEquals(new TubeStats("results", 1, 0, 0, 0), stats.get("results"));
        assertEquals(new TubeStats("nothing-here", 0, 0, 0, 0), session.stats("nothing-here"));
    }

    @Test
    void releaseOfJobReservedOnLostConnectionSaysItWentBackToTheQueue() throws Exception {
        Beanstalkd durable = Beanstalkd.startWithBinlog(java.nio.file.Files.createTempDirectory("binlog"));
        try (Transport durableTransport = new BeanstalkdProvider().open(durable.settings());
            TransportSession worker = durableTransport.openSession()) {
            worker.putJob(Jobs.job("cpu-web1"));
            ReservedJob job = worker.reserveJob(SHORT).orElseThrow();

            durable.kill();
            durable.restart();

            assertEquals(JobOutcome.RETURNED_TO_QUEUE, worker.release(job.id(), 0, Duration.ofSeconds(60)));
            assertEquals(job.id(), worker.reserveJob(SHORT).orElseThrow().id());
        } finally {
            durable.close();
        }
    }

    @Test
    void unreachableServerFailsAfterTheOutageWaitWithTheAddress() {
        int port = FreePort.find();
        try (Transport nowhere = new BeanstalkdProvider().open(Map.of("port", Integer.toString(port),
            "host", "127.0.0.1", "outage-wait", "0"))) {
            TransportUnavailableException failure = assertThrows(TransportUnavailableException.class,
                () -> nowhere.openSession().stats());
            assertTrue(failure.getMessage().startsWith("cannot reach beanstalkd at 127.0.0.1:" + port),
                failure.getMessage());
        }
    }
}
