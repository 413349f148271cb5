package org.flapjack.persistence.couchdb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckStatus;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Event;
import org.flapjack.core.model.Node;
import org.flapjack.core.model.Status;
import org.flapjack.core.persistence.Batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How each model value is kept as a CouchDB document: one document per node, template, check (holding its parents
 * and recipients), latest status, event and batch; the id is the kind and the name ({@code check:web-http}), so a
 * name is unique per kind. Times are milliseconds since the epoch, which sort as numbers in views.
 */
final class CouchDocuments {

    static final String NODE = "node";
    static final String TEMPLATE = "template";
    static final String CHECK = "check";
    static final String STATUS = "status";
    static final String EVENT = "event";
    static final String BATCH = "batch";

    private CouchDocuments() {
    }

    static String id(String kind, String name) {
        return kind + ":" + name;
    }

    static ObjectNode node(Node node) {
        ObjectNode document = start(NODE, node.name());
        document.set("params", params(node.params()));
        return document;
    }

    static Node node(JsonNode document) {
        return new Node(document.path("name").asText(), params(document.path("params")));
    }

    static ObjectNode template(CheckTemplate template) {
        ObjectNode document = start(TEMPLATE, template.name());
        document.put("command", template.command());
        document.set("params", params(template.params()));
        document.put("interval", template.interval());
        document.put("timeout", template.timeout());
        return document;
    }

    static CheckTemplate template(JsonNode document) {
        return new CheckTemplate(document.path("name").asText(), text(document, "command"),
                params(document.path("params")), document.path("interval").asInt(), document.path("timeout").asInt());
    }

    static ObjectNode check(Check check) {
        ObjectNode document = start(CHECK, check.name());
        document.put("node", check.node());
        document.put("template", check.template());
        document.put("command", check.command());
        document.set("params", params(check.params()));
        document.put("interval", check.interval());
        document.put("timeout", check.timeout());
        document.put("enabled", check.enabled());
        ArrayNode parents = document.putArray("parents");
        check.parents().stream().distinct().forEach(parents::add);
        ArrayNode recipients = document.putArray("recipients");
        check.recipients().stream().distinct().forEach(recipients::add);
        return document;
    }

    static Check check(JsonNode document) {
        return new Check(document.path("name").asText(), text(document, "node"), text(document, "template"),
                text(document, "command"), params(document.path("params")), document.path("interval").asInt(),
                document.path("timeout").asInt(), document.path("enabled").asBoolean(),
                names(document.path("parents")), names(document.path("recipients")));
    }

    static ObjectNode status(CheckStatus status) {
        ObjectNode document = start(STATUS, status.check());
        document.put("check", status.check());
        document.put("status", status.status().name());
        document.put("output", status.output());
        document.put("time", status.time().toEpochMilli());
        document.put("worker", status.worker());
        return document;
    }

    static CheckStatus status(JsonNode document) {
        return new CheckStatus(document.path("check").asText(), Status.valueOf(document.path("status").asText()),
                document.path("output").asText(), Instant.ofEpochMilli(document.path("time").asLong()),
                text(document, "worker"));
    }

    /** An event document; {@code id} sorts after the ids of earlier events of the same millisecond. */
    static ObjectNode event(Event event, String id) {
        ObjectNode document = CouchClient.JSON.createObjectNode();
        document.put("_id", id);
        document.put("type", EVENT);
        document.put("check", event.check());
        document.put("status", event.status().name());
        document.put("output", event.output());
        document.put("time", event.time().toEpochMilli());
        return document;
    }

    static Event event(JsonNode document) {
        return new Event(document.path("check").asText(), Status.valueOf(document.path("status").asText()),
                document.path("output").asText(), Instant.ofEpochMilli(document.path("time").asLong()));
    }

    static ObjectNode batch(Batch batch) {
        ObjectNode document = start(BATCH, batch.id());
        document.put("deployedAt", batch.deployedAt().toEpochMilli());
        document.put("checks", batch.checks());
        document.put("deployedBy", batch.deployedBy());
        return document;
    }

    static Batch batch(JsonNode document) {
        return new Batch(document.path("name").asText(), Instant.ofEpochMilli(document.path("deployedAt").asLong()),
                document.path("checks").asInt(), document.path("deployedBy").asText());
    }

    private static ObjectNode start(String kind, String name) {
        ObjectNode document = CouchClient.JSON.createObjectNode();
        document.put("_id", id(kind, name));
        document.put("type", kind);
        document.put("name", name);
        return document;
    }

    private static ObjectNode params(Map<String, String> params) {
        ObjectNode node = CouchClient.JSON.createObjectNode();
        params.forEach(node::put);
        return node;
    }

    private static Map<String, String> params(JsonNode node) {
        Map<String, String> params = new LinkedHashMap<>();
        node.properties().forEach(entry -> params.put(entry.getKey(), entry.getValue().asText()));
        return params;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }

    private static String text(JsonNode document, String field) {
        JsonNode value = document.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
