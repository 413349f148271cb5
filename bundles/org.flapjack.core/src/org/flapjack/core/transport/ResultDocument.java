package org.flapjack.core.transport;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flapjack.core.model.PerformanceValue;
import org.flapjack.core.model.Result;

/**
 * The body of a job on the results tube: a {@link Result} as a JSON object with a {@code version} field. The start
 * time is an ISO-8601 instant and the duration is in milliseconds; fields this version does not know are ignored.
 */
public final class ResultDocument {

    /** The earliest and latest start times a result may carry: what a store's milliseconds since 1970 can hold. */
    private static final Instant EARLIEST = Instant.EPOCH;

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** The format version this code writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String KIND = "result";

    private ResultDocument() {
    }

    /** The result as a UTF-8 JSON body. */
    public static byte[] toJson(Result result) {
        ObjectNode node = Documents.newDocument(FORMAT_VERSION);
        node.put("check", result.check());
        node.put("batch", result.batch());
        node.put("exitStatus", result.exitStatus());
        node.put("output", result.output());
        node.put("longOutput", result.longOutput());
        ArrayNode performance = node.putArray("performanceData");
        List<PerformanceValue> values = result.performanceData() == null ? List.of() : result.performanceData();
        for (PerformanceValue value : values) {
            performanceNode(performance.addObject(), value);
        }
        node.put("startedAt", result.startedAt() == null ? null : result.startedAt().toString());
        node.put("durationMillis", result.duration() == null ? null : result.duration().toMillis());
        node.put("worker", result.worker());
        return Documents.bytes(node);
    }

    /**
     * The result as a UTF-8 JSON body of at most {@code maxBytes} bytes: when the whole result is bigger (JSON escapes
     * make a body bigger than the output it holds), the long output and then the output are cut, each cut part
     * marked, and the performance data is left out if even that is not enough.
     *
     * @throws IllegalArgumentException when not even a result without output fits
     */
    public static byte[] toJson(Result result, int maxBytes) {
        byte[] whole = toJson(result);
        if (whole.length <= maxBytes) {
            return whole;
        }
        return new ResultCut(result, maxBytes).body();
    }

    /** Reads a result body; the exception's job id is 0, for the caller to fill in. */
    public static Result fromJson(byte[] body) throws UnreadableDocumentException {
        JsonNode node = Documents.parse(body, KIND, FORMAT_VERSION);
        try {
            return result(node);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableDocumentException(0, "result document is not a valid result: " + e.getMessage());
        }
    }

    private static Result result(JsonNode node) throws UnreadableDocumentException {
        return new Result(Documents.requiredText(node, "check", KIND), Documents.optionalText(node, "batch"),
            Documents.requiredInt(node, "exitStatus", KIND), Documents.optionalText(node, "output"),
            Documents.optionalText(node, "longOutput"), performanceData(node.get("performanceData")),
            startedAt(node), duration(node), Documents.optionalText(node, "worker"));
    }

    private static void performanceNode(ObjectNode node, PerformanceValue value) {
        node.put("label", value.label());
        node.put("value", value.value());
        node.put("unit", value.unit());
        node.put("warning", value.warning());
        node.put("critical", value.critical());
        node.put("min", value.min());
        node.put("max", value.max());
    }

    private static List<PerformanceValue> performanceData(JsonNode array) throws UnreadableDocumentException {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new UnreadableDocumentException(0, "result document field 'performanceData' is not an array");
        }
        List<PerformanceValue> values = new ArrayList<>();
        for (JsonNode value : array) {
            values.add(new PerformanceValue(Documents.optionalText(value, "label"),
                Documents.optionalText(value, "value"), Documents.optionalText(value, "unit"),
                Documents.optionalText(value, "warning"), Documents.optionalText(value, "critical"),
                Documents.optionalText(value, "min"), Documents.optionalText(value, "max")));
        }
        return List.copyOf(values);
    }

    private static Instant startedAt(JsonNode node) throws UnreadableDocumentException {
        String text = Documents.optionalText(node, "startedAt");
        Instant startedAt;
        try {
            startedAt = text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UnreadableDocumentException(0, "result document field 'startedAt' is not an ISO-8601 instant: "
                + text);
        }
        // Stores keep times as milliseconds since 1970; a time they cannot hold is no time a check ran at.
        if (startedAt != null && (startedAt.isBefore(EARLIEST) || startedAt.isAfter(LATEST))) {
            throw new UnreadableDocumentException(0, "result document field 'startedAt' is out of range (years 1970"
                + " to 9999): " + text);
        }
        return startedAt;
    }


    private static Duration duration(JsonNode node) throws UnreadableDocumentException {
        JsonNode value = node.get("durationMillis");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new UnreadableDocumentException(0, "result document field 'durationMillis' is not a whole number");
        }
        return Duration.ofMillis(value.longValue());
    }
}
