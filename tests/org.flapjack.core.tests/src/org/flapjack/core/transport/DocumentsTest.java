package org.flapjack.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.flapjack.core.model.PerformanceValue;
import org.flapjack.core.model.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentsTest {

    private static final JobDocument JOB = new JobDocument("17", "disk-web1", "check_disk -w 10% -p '/var'", 60, 10);

    @Test
    void jobDocumentReadsBackWhatItWrote() throws Exception {
        assertEquals(JOB, JobDocument.fromJson(JOB.toJson()));
    }

    @Test
    void jobDocumentCarriesItsFormatVersion() {
        assertTrue(new String(JOB.toJson(), StandardCharsets.UTF_8).startsWith("{\"version\":1,"));
    }

    @Test
    void unknownFieldsOfAJobAreIgnored() throws Exception {
        String body = "{\"version\":1,\"batch\":\"17\",\"check\":\"disk-web1\",\"command\":\"true\","
            + "\"interval\":60,\"timeout\":10,\"addedLater\":{\"x\":[1,2]}}";

        assertEquals("disk-web1", JobDocument.fromJson(body.getBytes(StandardCharsets.UTF_8)).check());
    }

    @Test
    void bodyThatIsNotJsonIsUnreadable() {
        UnreadableDocumentException e = assertThrows(UnreadableDocumentException.class,
            () -> JobDocument.fromJson("check_disk".getBytes(StandardCharsets.UTF_8)));

        assertTrue(e.reason().startsWith("not JSON"), e.reason());
    }

    @Test
    void jobOfANewerFormatVersionIsUnreadable() {
        byte[] body = ("{\"version\":2,\"batch\":\"1\",\"check\":\"c\",\"command\":\"true\","
                + "\"interval\":1,\"timeout\":1}")
            .getBytes(StandardCharsets.UTF_8);

        UnreadableDocumentException e = assertThrows(UnreadableDocumentException.class,
            () -> JobDocument.fromJson(body));

        assertEquals("job document format version 2 is not known here (known: 1 to 1)", e.reason());
    }

    @Test
    void jobWithoutACommandIsUnreadableAndNamesTheField() {
        byte[] body = "{\"version\":1,\"batch\":\"1\",\"check\":\"c\",\"interval\":1,\"timeout\":1}"
            .getBytes(StandardCharsets.UTF_8);

        UnreadableDocumentException e = assertThrows(UnreadableDocumentException.class,
            () -> JobDocument.fromJson(body));

        assertEquals("job document has no text field 'command'", e.reason());
        assertEquals("job 42: job document has no text field 'command'", e.forJob(42).getMessage());
    }

    @Test
    void resultDocumentReadsBackWhatItWrote() throws Exception {
        Result result = new Result("load-web1", "17", 2, "LOAD CRITICAL", "line two",
            List.of(new PerformanceValue("load1", "9.1", "", "4", "8", "0", "")),
            Instant.parse("2025-06-01T12:00:00.250Z"), Duration.ofMillis(75), "worker-3");

        assertEquals(result, ResultDocument.fromJson(ResultDocument.toJson(result)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "1969-12-31T23:59:59Z"})
    void resultStartedAtATimeNoStoreCanHoldIsUnreadable(String startedAt) {
        byte[] body = ("{\"version\":1,\"check\":\"c\",\"exitStatus\":2,\"output\":\"x\",\"startedAt\":\""
            + startedAt + "\"}").getBytes(StandardCharsets.UTF_8);

        UnreadableDocumentException e = assertThrows(UnreadableDocumentException.class,
            () -> ResultDocument.fromJson(body));

        assertEquals("result document field 'startedAt' is out of range (years 1970 to 9999): " + startedAt,
            e.reason());
    }

    @Test
    void tubeNamesComeFromTheTransportSettings() {
        TubeNames tubes = TubeNames.fromSettings(Map.of("jobs-tube", "checks", "host", "q1"));

        assertEquals(new TubeNames("checks", "results"), tubes);
        assertEquals("checks-batch", tubes.batch());
    }

    @Test
    void tubeNameBeanstalkdWouldRefuseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> TubeNames.fromSettings(Map.of("jobs-tube", "my jobs")));
    }
}
