package org.flapjack.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ModelTest {

    private static Check check(Map<String, String> params, List<String> parents, List<String> recipients) {
        return new Check("ping web1", "web1.example.com", "ping", null, params, 60, 10, true, parents, recipients);
    }

    @Test
    void checkKeepsItsOwnCopyOfParamsAndLists() {
        Map<String, String> params = new HashMap<>(Map.of("WARN", "100"));
        List<String> parents = new ArrayList<>(List.of("ping router"));
        Check check = check(params, parents, parents);

        params.put("WARN", "200");
        parents.add("ping switch");

        assertEquals(Map.of("WARN", "100"), check.params());
        assertEquals(List.of("ping router"), check.parents());
        assertEquals(List.of("ping router"), check.recipients());
    }

    @Test
    void checkCollectionsCannotBeChanged() {
        Check check = check(Map.of("WARN", "100"), List.of("ping router"), List.of("Alice"));

        assertThrows(UnsupportedOperationException.class, () -> check.params().put("WARN", "1"));
        assertThrows(UnsupportedOperationException.class, () -> check.parents().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> check.recipients().clear());
    }

    @Test
    void nullCollectionsBecomeEmpty() {
        Check check = check(null, null, null);

        assertEquals(Map.of(), check.params());
        assertEquals(List.of(), check.parents());
        assertEquals(List.of(), check.recipients());
        assertEquals(Map.of(), new Node("web1.example.com", null).params());
        assertEquals(List.of(), new PluginOutput("ok", null, null).performanceData());
    }

    @Test
    void paramsKeepTheirOrder() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Z", "1");
        params.put("A", "2");
        params.put("M", "3");

        assertEquals(List.of("Z", "A", "M"), List.copyOf(new Node("n", params).params().keySet()));
    }

    @Test
    void checkWithoutNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Check(" ", null, null, "true", null, 60, 10, true,
                null, null));
    }

    @Test
    void checkNameWithALineBreakIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new Check("ping\nweb1", null, null, "true", null, 60, 10, true, null, null));

        assertEquals("a check needs a name without line breaks or other control characters, not ping?web1",
            refused.getMessage());
    }

    @Test
    void negativeIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CheckTemplate("ping", "ping $FQDN", null, -1, 10));
    }

    @Test
    void resultStatusFollowsExitStatus() {
        Result result = new Result("disk /", "batch-7", 2, "DISK CRITICAL", null, null, Instant.EPOCH,
                Duration.ofMillis(40), "worker-1");

        assertEquals(Status.CRITICAL, result.status());
        assertEquals("", result.longOutput());
        assertEquals(List.of(), result.performanceData());
    }

    @Test
    void resultOfPluginOutputTakesItsParts() {
        PluginOutput output = PluginOutput.parse("DISK OK | /=10MB;20;30\nall fine");

        Result result = Result.of("disk /", "batch-7", 0, output, Instant.EPOCH, Duration.ZERO, "worker-1");

        assertEquals("DISK OK", result.output());
        assertEquals("all fine", result.longOutput());
        assertEquals("/", result.performanceData().get(0).label());
    }

    @Test
    void exitStatusOutsideZeroToTwoIsUnknown() {
        Result result = new Result("x", null, 42, "", "", List.of(), Instant.EPOCH, Duration.ZERO, "w");

        assertEquals(Status.UNKNOWN, result.status());
    }
}
