package org.flapjack.transport.beanstalkd;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The job on the control tube that says which batch is current: a ready job that nobody reserves, with the body
 * {@code {"version":1,"batch":"ID"}}. Publishing puts the new mark and then deletes the older ones, so a reader
 * always finds one, and a publish cut short by an outage is finished by the next.
 */
final class BatchMark {

    private static final System.Logger LOG = System.getLogger(BatchMark.class.getName());

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BatchMark() {
    }

    static byte[] toJson(String batch) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("version", 1);
        node.put("batch", batch);
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a batch mark could not be written", e);
        }
    }

    /**
     * Deletes the marks put before {@code newest} on the used control tube. All marks have priority 0, so beanstalkd
     * shows the oldest first.
     */
    static void deleteOlderThan(Connection connection, long newest) throws IOException {
        while (true) {
            Answer found = connection.call(Command.PEEK_READY);
            if (found.reply() == Reply.NOT_FOUND || found.id() >= newest) {
                return;
            }
            connection.call(Command.DELETE, found.id());
        }
    }

    /** The batch of the mark peek-ready found, or empty when the control tube holds none. */
    static Optional<String> read(Answer peeked) {
        if (peeked.reply() == Reply.NOT_FOUND) {
            return Optional.empty();
        }
        try {
            JsonNode batch = MAPPER.readTree(peeked.body()).get("batch");
            if (batch != null && batch.isTextual()) {
                return Optional.of(batch.textValue());
            }
        } catch (IOException e) {
            // reported below, like a mark without a batch
        }
        LOG.log(Level.WARNING, () -> "job " + peeked.id() + " on the batch control tube holds no batch id;"
            + " the next deploy replaces it");
        return Optional.empty();
    }
}
