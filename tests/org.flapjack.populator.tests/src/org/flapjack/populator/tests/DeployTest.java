package org.flapjack.populator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.flapjack.core.model.Check;
import org.flapjack.core.transport.JobDocument;
import org.flapjack.core.transport.ReservedJob;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.populator.BatchContent;
import org.flapjack.populator.BatchRefusedException;
import org.flapjack.populator.DeployProgress;
import org.flapjack.populator.DeploySummary;
import org.flapjack.populator.DeploySummary.Stage;
import org.flapjack.populator.Populator;
import org.flapjack.testing.Beanstalkd;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeployTest {

    private Beanstalkd server;

    private Transport transport;

    private TransportSession session;

    private Populator populator;

    @BeforeEach
    void start() {
        server = Beanstalkd.start();
        transport = new BeanstalkdProvider().open(server.settings());
        session = transport.openSession();
        populator = new Populator(transport);
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Test
    void twoDeploysInARowLeaveOneJobPerEnabledCheckOfTheLaterBatch() throws Exception {
        BatchContent content = Batches.numbered(300, 1);

        populator.deploy(content, DeployProgress.NONE, () -> false);
        DeploySummary second = populator.deploy(content, DeployProgress.NONE, () -> false);

        List<JobDocument> jobs = WaitingJobs.ready(transport);
        assertEquals(300, session.stats("jobs").total());
        assertEquals(300, jobs.stream().map(JobDocument::check).distinct().count());
        assertEquals(Set.of(second.batch()), jobs.stream().map(JobDocument::batch).collect(Collectors.toSet()));
        assertEquals(300, second.removed());
    }

    @Test
    void deployPublishesItsBatchAsTheCurrentOne() throws Exception {
        DeploySummary summary = populator.deploy(Batches.numbered(3, 60), DeployProgress.NONE, () -> false);

        assertEquals(Optional.of(summary.batch()), session.currentBatch());
        assertEquals(new DeploySummary(summary.batch(), 3, 3, 0, 0, Map.of(), Stage.COMPLETE), summary);
    }

    @Test
    void jobHeldByAWorkerDuringTheDeployIsDeletedAfterItsRun() throws Exception {
        BatchContent content = Batches.numbered(5, 1);
        DeploySummary first = populator.deploy(content, DeployProgress.NONE, () -> false);
        try (SimulatedWorker worker = new SimulatedWorker(transport)) {
            ReservedJob held = worker.reserve().orElseThrow();

            DeploySummary second = populator.deploy(content, DeployProgress.NONE, () -> false);
            worker.finish(held);

            assertEquals(first.batch(), held.job().batch());
            assertEquals(4, second.removed());
            List<JobDocument> jobs = WaitingJobs.ready(transport);
            assertEquals(5, session.stats("jobs").total());
            assertTrue(jobs.stream().allMatch(job -> job.batch().equals(second.batch())));
        }
    }

    @Test
    void workersRunningThroughADeployRunEachEarlierJobAtMostOnceMoreAndLoseNoNewJob() throws Exception {
        BatchContent content = Batches.numbered(200, 1);
        DeploySummary first = populator.deploy(content, DeployProgress.NONE, () -> false);
        List<SimulatedWorker> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            workers.add(new SimulatedWorker(transport).start());
        }
        Thread.sleep(1500);

        long deployStarted = System.nanoTime();
        DeploySummary second = populator.deploy(content, DeployProgress.NONE, () -> false);
        long deployEnded = System.nanoTime();
        Thread.sleep(2500);
        for (SimulatedWorker worker : workers) {
            worker.close();
        }

        List<SimulatedWorker.Run> runs = workers.stream().flatMap(worker -> worker.runs().stream()).toList();
        Map<String, Integer> earlierRunsFromDeployOn = new HashMap<>();
        for (SimulatedWorker.Run run : runs) {
            if (run.batch().equals(first.batch()) && run.askedAt() >= deployStarted) {
                earlierRunsFromDeployOn.merge(run.check(), 1, Integer::sum);
            }
            assertTrue(!run.batch().equals(first.batch()) || run.askedAt() < deployEnded,
                () -> "a job of the earlier batch was reserved after the deploy: " + run);
        }
        assertTrue(earlierRunsFromDeployOn.values().stream().allMatch(count -> count <= 1),
            () -> "earlier jobs ran more than once more: " + earlierRunsFromDeployOn);
        assertTrue(runs.stream().anyMatch(run -> run.batch().equals(second.batch())), "the new batch ran");
        Thread.sleep(1500); // the released jobs wait out their interval of 1 s before they can be read
        List<JobDocument> jobs = WaitingJobs.ready(transport);
        assertEquals(200, session.stats("jobs").total());
        assertEquals(200, jobs.stream().map(JobDocument::check).distinct().count());
        assertTrue(jobs.stream().allMatch(job -> job.batch().equals(second.batch())));
    }

    @Test
    void disablingACheckAndDeployingRemovesItsJob() throws Exception {
        List<Check> checks = new ArrayList<>(Batches.numbered(3, 1).checks());
        populator.deploy(Batches.of(checks), DeployProgress.NONE, () -> false);
        checks.set(1, Batches.disabled(checks.get(1)));

        DeploySummary summary = populator.deploy(Batches.of(checks), DeployProgress.NONE, () -> false);

        assertEquals(List.of("check-0", "check-2"),
            WaitingJobs.ready(transport).stream().map(JobDocument::check).sorted().toList());
        assertEquals(2, summary.put());
        assertEquals(3, summary.removed());
        assertEquals(1, summary.disabled());
    }

    @Test
    void cancelledBeforeItStartsADeployChangesNothing() throws Exception {
        DeploySummary earlier = populator.deploy(Batches.numbered(10, 1), DeployProgress.NONE, () -> false);

        DeploySummary summary = populator.deploy(Batches.numbered(20, 1), DeployProgress.NONE, () -> true);

        assertEquals(Stage.NOTHING_CHANGED, summary.stage());
        assertTrue(summary.cancelled());
        assertTrue(summary.describe().contains("nothing changed"), summary.describe());
        assertEquals(Optional.of(earlier.batch()), session.currentBatch());
        assertEquals(10, WaitingJobs.ready(transport).size());
    }

    @Test
    void cancelledWhilePuttingADeployLeavesTheJobsItSaysItPut() throws Exception {
        populator.deploy(Batches.numbered(100, 1), DeployProgress.NONE, () -> false);
        AtomicBoolean cancel = new AtomicBoolean();

        DeploySummary summary = populator.deploy(Batches.numbered(20_000, 1), (done, total) -> {
            if (done >= 5000) {
                cancel.set(true);
            }
        }, cancel::get);

        assertEquals(Stage.DRAINED, summary.stage());
        assertTrue(summary.put() >= 5000 && summary.put() < 20_000, "put " + summary.put());
        assertEquals(summary.put(), session.stats("jobs").total());
        assertEquals(100, summary.removed());
        assertEquals(Optional.of(summary.batch()), session.currentBatch());
        assertTrue(summary.describe().contains((20_000 - summary.put()) + " checks of the new batch do not run"),
            summary.describe());
    }

    @Test
    void interruptStopsTheDeployBetweenJobs() throws Exception {
        DeploySummary summary = populator.deploy(Batches.numbered(20_000, 1), (done, total) -> {
            if (done >= 2000) {
                Thread.currentThread().interrupt();
            }
        }, () -> false);

        assertTrue(Thread.interrupted(), "the interrupt stays set");
        assertTrue(summary.cancelled());
        assertEquals(summary.put(), session.stats("jobs").total());
        assertTrue(summary.put() < 20_000, "put " + summary.put());
    }

    @Test
    void progressIsReportedOftenAndEndsAtTheTotal() throws Exception {
        List<Integer> done = new ArrayList<>();

        populator.deploy(Batches.numbered(10_000, 60), (count, total) -> done.add(count), () -> false);

        assertEquals(0, done.get(0));
        assertEquals(10_000, done.get(done.size() - 1));
        assertTrue(done.size() >= 10, "progress reported " + done.size() + " times");
    }

    @Test
    void firstRunsOnTheTubeAreSpreadOverTheInterval() throws Exception {
        populator.deploy(Batches.numbered(600, 60), DeployProgress.NONE, () -> false);

        assertTrue(session.stats("jobs").ready() <= 10, "ready now: " + session.stats("jobs").ready());
        assertEquals(600, session.stats("jobs").total());
    }

    @Test
    void checkWhoseCommandCannotBeRenderedFailsAndTheOthersAreDeployed() throws Exception {
        List<Check> checks = new ArrayList<>(Batches.numbered(3, 1).checks());
        checks.set(1, Batches.withCommand(checks.get(1), "check_disk -p $PARTITION"));

        DeploySummary summary = populator.deploy(Batches.of(checks), DeployProgress.NONE, () -> false);

        assertEquals(Set.of("check-1"), summary.failed().keySet());
        assertTrue(summary.failed().get("check-1").contains("$PARTITION"), summary.failed().get("check-1"));
        assertEquals(Stage.COMPLETE, summary.stage());
        assertEquals(List.of("check-0", "check-2"),
            WaitingJobs.ready(transport).stream().map(JobDocument::check).sorted().toList());
    }

    @Test
    void batchWithACycleIsRefusedBeforeAnythingIsTouched() throws Exception {
        DeploySummary earlier = populator.deploy(Batches.numbered(4, 1), DeployProgress.NONE, () -> false);
        List<Check> checks = new ArrayList<>(Batches.numbered(3, 1).checks());
        checks.set(0, Batches.withParents(checks.get(0), "check-2"));
        checks.set(2, Batches.withParents(checks.get(2), "check-0"));

        BatchRefusedException refused = assertThrows(BatchRefusedException.class,
            () -> populator.deploy(Batches.of(checks), DeployProgress.NONE, () -> false));

        assertTrue(refused.getMessage().contains("cycle: check-0 -> check-2 -> check-0"), refused.getMessage());
        assertEquals(Optional.of(earlier.batch()), session.currentBatch());
        assertEquals(4, WaitingJobs.ready(transport).size());
    }

    @Test
    void batchWithAnUnknownParentIsRefusedBeforeAnythingIsTouched() throws Exception {
        List<Check> checks = List.of(Batches.withParents(Batches.check("http", 60), "ping"));

        BatchRefusedException refused = assertThrows(BatchRefusedException.class,
            () -> populator.deploy(Batches.of(checks), DeployProgress.NONE, () -> false));

        assertEquals("$.checks[0].parents[0]", refused.problems().get(0).path());
        assertEquals(Optional.empty(), session.currentBatch());
        assertEquals(0, session.stats("jobs").total());
    }

    @Test
    void failedDeployReportsHowFarItGot() {
        server.kill();
        Map<String, String> settings = new HashMap<>(server.settings());
        settings.put("outage-wait", "0");
        try (Transport unreachable = new BeanstalkdProvider().open(settings)) {
            var failure = assertThrows(org.flapjack.populator.DeployFailedException.class,
                () -> new Populator(unreachable).deploy(Batches.numbered(3, 1), DeployProgress.NONE, () -> false));

            assertEquals(Stage.NOTHING_CHANGED, failure.summary().stage());
            assertTrue(failure.getMessage().contains("nothing changed"), failure.getMessage());
        }
    }

    @Test
    void batchIdsOfLaterDeploysSortAfterEarlierOnes() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(Populator.plan(Batches.numbered(1, 1)).batch());
            Thread.sleep(2);
        }

        assertEquals(ids, ids.stream().sorted().toList());
        assertEquals(20, new HashSet<>(ids).size());
    }
}
