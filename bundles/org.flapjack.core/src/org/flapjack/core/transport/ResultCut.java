package org.flapjack.core.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.flapjack.core.model.PerformanceValue;
import org.flapjack.core.model.Result;

/**
 * Cuts the output of a result until its JSON body fits a size limit: the long output gives way first, then the
 * summary output, then the performance data. What is cut ends with a note, so nobody takes it for the whole output.
 */
final class ResultCut {

    /** Room the notes of a cut take in the body, with their JSON escapes. */
    private static final int NOTE_ROOM = 200;

    private final Result result;

    private final int maxBytes;

    ResultCut(Result result, int maxBytes) {
        this.result = result;
        this.maxBytes = maxBytes;
    }

    /** The body of the cut result; refuses when not even an empty output fits. */
    byte[] body() {
        Result bare = withOutput("", "", result.performanceData());
        int base = ResultDocument.toJson(bare).length;
        if (base + NOTE_ROOM > maxBytes) {
            bare = withOutput("", "", List.of());
            base = ResultDocument.toJson(bare).length;
        }
        if (base + NOTE_ROOM > maxBytes) {
            throw new IllegalArgumentException("the result of check " + result.check() + " does not fit in "
                + maxBytes + " bytes even without its output");
        }
        // Escapes make the measure of a kept text slightly uncertain, so the room shrinks until the body fits.
        int room = maxBytes - base - NOTE_ROOM;
        while (true) {
            byte[] body = ResultDocument.toJson(cutTo(room, bare.performanceData()));
            if (body.length <= maxBytes) {
                return body;
            }
            room -= Math.max(64, body.length - maxBytes);
        }
    }

    private Result cutTo(int room, List<PerformanceValue> performance) {
        String note = "(output cut to fit the queue's job size limit of " + maxBytes + " bytes)";
        int outputRoom = Math.max(0, room);
        String output = keep(result.output(), outputRoom);
        int longRoom = Math.max(0, room - escapedLength(output));
        String longOutput = keep(result.longOutput(), longRoom);
        boolean outputCut = output.length() < result.output().length();
        boolean longCut = longOutput.length() < result.longOutput().length() || outputCut;
        if (outputCut) {
            output = output + " (cut)";
        }
        if (longCut) {
            longOutput = longOutput.isEmpty() ? note : longOutput + "\n" + note;
        }
        return withOutput(output, longOutput, performance);
    }

    private Result withOutput(String output, String longOutput, List<PerformanceValue> data) {
        return new Result(result.check(), result.batch(), result.exitStatus(), output, longOutput, data,
            result.startedAt(), result.duration(), result.worker());
    }

    /** The longest start of {@code text} whose JSON-escaped UTF-8 form takes at most {@code room} bytes. */
    private static String keep(String text, int room) {
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int size = escapedSize(codePoint);
            if (used + size > room) {
                break;
            }
            used += size;
            i += Character.charCount(codePoint);
        }
        return text.substring(0, i);
    }

    private static int escapedLength(String text) {
        return text.codePoints().map(ResultCut::escapedSize).sum();
    }

    private static int escapedSize(int codePoint) {
        if (codePoint == '"' || codePoint == '\\' || codePoint == '\n' || codePoint == '\t' || codePoint == '\r'
            || codePoint == '\b' || codePoint == '\f') {
            return 2;
        }
        if (codePoint < 0x20) {
            return 6;
        }
        return new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
    }
}
