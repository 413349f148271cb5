package org.flapjack.notifier;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.flapjack.core.model.Recipient;
import org.flapjack.core.model.Status;
import org.flapjack.core.notify.Notification;
import org.flapjack.core.notify.NotifiedState;

/** The JSON form of what the notifier keeps in its state directory: deliveries and notified states. */
final class Json {

    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static byte[] delivery(SpooledDelivery delivery) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", FORMAT_VERSION);
        root.put("notifier", delivery.notifier());
        root.put("spooledAt", delivery.spooledAt().toString());
        Notification notification = delivery.notification();
        ObjectNode body = root.putObject("notification");
        body.put("check", notification.check());
        body.put("node", notification.node());
        body.put("status", notification.status().name());
        body.put("previousStatus", notification.previousStatus() == null ? null
                : notification.previousStatus().name());
        body.put("kind", notification.kind().name());
        body.put("output", notification.output());
        body.put("time", notification.time().toString());
        body.put("link", notification.link());
        Recipient recipient = notification.recipient();
        ObjectNode person = body.putObject("recipient");
        person.put("name", recipient.name());
        person.put("email", recipient.email());
        person.put("phone", recipient.phone());
        person.put("pager", recipient.pager());
        person.put("jid", recipient.jid());
        return MAPPER.writeValueAsBytes(root);
    }

    static SpooledDelivery delivery(String id, byte[] bytes) throws IOException {
        JsonNode root = MAPPER.readTree(bytes);
        requireVersion(root);
        JsonNode body = root.required("notification");
        JsonNode person = body.required("recipient");
        Recipient recipient = new Recipient(text(person, "name"), text(person, "email"), text(person, "phone"),
                text(person, "pager"), text(person, "jid"));
        String previous = text(body, "previousStatus");
        Notification notification = new Notification(text(body, "check"), text(body, "node"),
                Status.valueOf(text(body, "status")), previous == null ? null : Status.valueOf(previous),
                Notification.Kind.valueOf(text(body, "kind")), text(body, "output"),
                Instant.parse(text(body, "time")), recipient, text(body, "link"));
        return new SpooledDelivery(id, text(root, "notifier"), Instant.parse(text(root, "spooledAt")),
                notification);
    }

    static byte[] state(NotifiedState state) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", FORMAT_VERSION);
        root.put("check", state.check());
        root.put("status", state.status().name());
        root.put("time", state.time().toString());
        return MAPPER.writeValueAsBytes(root);
    }

    static NotifiedState state(byte[] bytes) throws IOException {
        JsonNode root = MAPPER.readTree(bytes);
        requireVersion(root);
        return new NotifiedState(text(root, "check"), Status.valueOf(text(root, "status")),
                Instant.parse(text(root, "time")));
    }

    private static void requireVersion(JsonNode root) throws IOException {
        if (root.path("version").asInt() != FORMAT_VERSION) {
            throw new IOException("format version " + root.path("version") + ", expected " + FORMAT_VERSION);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
