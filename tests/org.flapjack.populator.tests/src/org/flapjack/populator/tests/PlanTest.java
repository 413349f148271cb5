package org.flapjack.populator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Node;
import org.flapjack.core.transport.NewJob;
import org.flapjack.populator.BatchContent;
import org.flapjack.populator.BatchRefusedException;
import org.flapjack.populator.DeployPlan;
import org.flapjack.populator.Populator;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void tenThousandChecksEveryMinuteStartSpreadOverTheMinute() throws Exception {
        DeployPlan plan = Populator.plan(Batches.numbered(10_000, 60));

        Map<Long, Long> startsPerSecond = plan.jobs().stream()
            .collect(Collectors.groupingBy(job -> job.delay().toSeconds(), TreeMap::new, Collectors.counting()));

        assertEquals(60, startsPerSecond.size());
        assertEquals(0L, ((TreeMap<Long, Long>) startsPerSecond).firstKey());
        assertEquals(59L, ((TreeMap<Long, Long>) startsPerSecond).lastKey());
        assertTrue(startsPerSecond.values().stream().allMatch(count -> count >= 166 && count <= 167),
            startsPerSecond.toString());
    }

    @Test
    void firstRunsOfEachIntervalAreSpreadOverThatInterval() throws Exception {
        List<Check> checks = List.of(Batches.check("a", 10), Batches.check("b", 300), Batches.check("c", 10),
            Batches.check("d", 300));

        List<Long> delays = Populator.plan(Batches.of(checks)).jobs().stream().map(NewJob::delay)
            .map(Duration::toSeconds).toList();

        assertEquals(List.of(0L, 0L, 5L, 150L), delays);
    }

    @Test
    void theSameBatchIsSpreadTheSameWayEveryTime() throws Exception {
        BatchContent content = Batches.numbered(500, 45);

        assertEquals(delays(Populator.plan(content)), delays(Populator.plan(content)));
    }

    @Test
    void jobCarriesTheRenderedCommandIntervalTimeoutAndATimeToRunBeyondTheTimeout() throws Exception {
        Node node = new Node("db1.example.com", Map.of("PORT", "5433"));
        CheckTemplate template = new CheckTemplate("pgsql", "check_pgsql -H $FQDN -P $PORT", Map.of(), 120, 15);
        Check check = new Check("pgsql-db1", node.name(), template.name(), null, Map.of(), 0, 0, true, List.of(),
            List.of());

        NewJob job = Populator.plan(new BatchContent(List.of(node), List.of(template), List.of(check))).jobs()
            .get(0);

        assertEquals("check_pgsql -H 'db1.example.com' -P '5433'", job.job().command());
        assertEquals(120, job.job().interval());
        assertEquals(15, job.job().timeout());
        assertTrue(job.timeToRun().toSeconds() > 15, "time-to-run " + job.timeToRun());
    }

    @Test
    void checkWithoutAnIntervalAnywhereIsRefusedBeforeAnyPlan() {
        Check check = new Check("no-interval", Batches.NODE, null, "true", Map.of(), 0, 5, true, List.of(),
            List.of());

        BatchRefusedException refused = assertThrows(BatchRefusedException.class,
            () -> Populator.plan(Batches.of(List.of(check))));

        assertEquals("$.checks[0].interval", refused.problems().get(0).path());
        assertTrue(refused.problems().get(0).reason().contains("no interval"), refused.getMessage());
    }

    private static List<Duration> delays(DeployPlan plan) {
        return plan.jobs().stream().map(NewJob::delay).toList();
    }
}
