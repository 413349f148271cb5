package org.flapjack.core.transport;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of a job on the jobs tube: one run of one check. Travels as a JSON object with a {@code version} field;
 * fields this version does not know are ignored.
 *
 * @param batch the id of the batch that deployed the job
 * @param check the check's unique name
 * @param command the rendered /bin/sh command line
 * @param interval seconds between runs
 * @param timeout seconds the command may run
 */
public record JobDocument(String batch, String check, String command, int interval, int timeout) {

    /** The format version this code writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String KIND = "job";

    public JobDocument {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(command, "command");
        if (interval < 1 || timeout < 1) {
            throw new IllegalArgumentException("check " + check + ": interval and timeout must be at least 1 s, not "
                + interval + " and " + timeout);
        }
    }

    /** The document as a UTF-8 JSON body. */
    public byte[] toJson() {
        ObjectNode node = Documents.newDocument(FORMAT_VERSION);
        node.put("batch", batch);
        node.put("check", check);
        node.put("command", command);
        node.put("interval", interval);
        node.put("timeout", timeout);
        return Documents.bytes(node);
    }

    /** Reads a job body; the exception's job id is 0, for the caller to fill in. */
    public static JobDocument fromJson(byte[] body) throws UnreadableDocumentException {
        JsonNode node = Documents.parse(body, KIND, FORMAT_VERSION);
        int interval = Documents.requiredInt(node, "interval", KIND);
        int timeout = Documents.requiredInt(node, "timeout", KIND);
        if (interval < 1 || timeout < 1) {
            throw new UnreadableDocumentException(0, "job document has interval " + interval + " and timeout "
                + timeout + ", both must be at least 1");
        }
        return new JobDocument(Documents.requiredText(node, "batch", KIND),
            Documents.requiredText(node, "check", KIND), Documents.requiredText(node, "command", KIND), interval,
            timeout);
    }

    @Override
    public String toString() {
        return "job of check " + check + " (batch " + batch + ")";
    }
}
