package org.flapjack.transport.beanstalkd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.flapjack.core.transport.JobOutcome;
import org.flapjack.core.transport.NewJob;
import org.flapjack.core.transport.ReservedJob;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.core.transport.TubeStats;
import org.flapjack.testing.Beanstalkd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchTest {

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
    void pipelinedPutPutsEveryJobInOrderAndReportsProgress() throws Exception {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            jobs.add(Jobs.job("check-" + i));
        }
        List<Integer> progress = new ArrayList<>();

        assertEquals(2000, session.putJobs(jobs, (done, total) -> progress.add(done)));

        assertEquals(2000, progress.get(progress.size() - 1));
        assertEquals(2000, session.stats("jobs").ready());
        for (int i = 0; i < 2000; i++) {
            assertEquals("check-" + i, session.reserveJob(Duration.ZERO).orElseThrow().job().check());
        }
    }

    @Test
    void drainDeletesReadyDelayedAndBuriedJobsButLeavesReservedOnes() throws Exception {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            jobs.add(i % 3 == 0 ? Jobs.job("delayed-" + i).withDelay(Duration.ofHours(1)) : Jobs.job("ready-" + i));
        }
        session.putJobs(jobs, TransportSession.PutProgress.NONE);
        try (TransportSession worker = transport.openSession()) {
            session.bury(session.reserveJob(SHORT).orElseThrow().id());
            ReservedJob held = worker.reserveJob(SHORT).orElseThrow();

            assertEquals(1499, session.drainJobs());

            assertEquals(new TubeStats("jobs", 0, 0, 1, 0), session.stats("jobs"));
            assertEquals(JobOutcome.DONE, worker.delete(held.id()));
        }
    }

    @Test
    void currentBatchIsTheOnePublishedLast() {
        assertEquals(Optional.empty(), session.currentBatch());

        session.publishBatch("41");
        session.publishBatch("42");

        try (TransportSession worker = transport.openSession()) {
            assertEquals(Optional.of("42"), worker.currentBatch());
        }
        assertEquals(1, session.stats(transport.tubes().batch()).ready());
    }

    @Test
    void drainLeavesTheCurrentBatchAlone() {
        session.publishBatch("7");

        session.drainJobs();

        assertEquals(Optional.of("7"), session.currentBatch());
    }

    @Test
    void workerDeletesItsReleasedJobOfAnEarlierBatch() throws Exception {
        session.putJob(Jobs.job("disk-web1", "1"));
        ReservedJob job = session.reserveJob(SHORT).orElseThrow();
        session.release(job.id(), NewJob.DEFAULT_PRIORITY, Duration.ofSeconds(60));

        try (TransportSession populator = transport.openSession()) {
            populator.publishBatch("2");
        }

        assertEquals(Optional.of("2"), session.currentBatch());
        assertEquals(JobOutcome.DONE, session.delete(job.id()));
        assertEquals(0, session.stats("jobs").total());
    }
}
