package org.flapjack.persistence.couchdb;

import static org.flapjack.persistence.couchdb.CouchClient.document;
import static org.flapjack.persistence.couchdb.CouchClient.json;
import static org.flapjack.persistence.couchdb.CouchClient.query;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckStatus;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Event;
import org.flapjack.core.model.Node;
import org.flapjack.core.model.Status;
import org.flapjack.core.persistence.Batch;
import org.flapjack.core.persistence.ParentRelation;
import org.flapjack.core.persistence.Persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Persistence in a CouchDB database: one document per value (see {@link CouchDocuments}) and the views of
 * {@link DesignDocument} for the queries. A write that meets a newer revision (409 conflict) reads the document again
 * and retries, so concurrent writers lose no update.
 */
final class CouchDbPersistence implements Persistence {

    private static final System.Logger LOG = System.getLogger(CouchDbPersistence.class.getName());
    private static final int ATTEMPTS = 20;
    private static final int BULK_DOCUMENTS = 1000;
    private static final AtomicLong EVENT_SEQUENCE = new AtomicLong();

    private final CouchClient client;

    private CouchDbPersistence(CouchClient client) {
        this.client = client;
    }

    /** Creates the database and the design document when they are missing, then serves requests. */
    static CouchDbPersistence open(CouchAddress address) {
        CouchClient client = new CouchClient(address);
        try {
            createDatabase(client);
            DesignDocument.install(client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        LOG.log(Level.DEBUG, () -> "using CouchDB database " + address);
        return new CouchDbPersistence(client);
    }

    @Override
    public void saveNode(Node node) {
        upsert("cannot save node " + node.name(), CouchDocuments.node(node));
    }

    @Override
    public Optional<Node> node(String name) {
        return get("cannot read node " + name, CouchDocuments.id(CouchDocuments.NODE, name)).map(CouchDocuments::node);
    }

    @Override
    public List<Node> nodes() {
        return byName(all("cannot list nodes", CouchDocuments.NODE, CouchDocuments::node), Node::name);
    }

    @Override
    public boolean deleteNode(String name) {
        return delete("cannot delete node " + name, CouchDocuments.id(CouchDocuments.NODE, name));
    }

    @Override
    public void saveTemplate(CheckTemplate template) {
        upsert("cannot save check template " + template.name(), CouchDocuments.template(template));
    }

    @Override
    public Optional<CheckTemplate> template(String name) {
        return get("cannot read check template " + name, CouchDocuments.id(CouchDocuments.TEMPLATE, name))
                .map(CouchDocuments::template);
    }

    @Override
    public List<CheckTemplate> templates() {
        return byName(all("cannot list check templates", CouchDocuments.TEMPLATE, CouchDocuments::template),
                CheckTemplate::name);
    }

    @Override
    public boolean deleteTemplate(String name) {
        return delete("cannot delete check template " + name, CouchDocuments.id(CouchDocuments.TEMPLATE, name));
    }

    @Override
    public void saveCheck(Check check) {
        // Parents and recipients live in the check's document, so one document write saves them together.
        upsert("cannot save check " + check.name(), CouchDocuments.check(check));
    }

    /**
     * Writes the checks with {@code _bulk_docs}, {@link #BULK_DOCUMENTS} to a request. Each check's document is
     * written whole or not at all; CouchDB has no transaction over several documents.
     */
    @Override
    public void saveChecks(Collection<Check> checks) {
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        checks.forEach(check -> documents.put(CouchDocuments.id(CouchDocuments.CHECK, check.name()),
                CouchDocuments.check(check)));
        bulkWrite("cannot save " + documents.size() + " checks", documents);
    }

    @Override
    public Optional<Check> check(String name) {
        return get("cannot read check " + name, CouchDocuments.id(CouchDocuments.CHECK, name))
                .map(CouchDocuments::check);
    }

    @Override
    public List<Check> checks() {
        return byName(all("cannot list checks", CouchDocuments.CHECK, CouchDocuments::check), Check::name);
    }

    @Override
    public List<Check> enabledChecks() {
        List<Check> checks = new ArrayList<>();
        view("cannot list enabled checks", "enabled_checks", query("include_docs", "true"))
                .forEach(row -> checks.add(CouchDocuments.check(row.path("doc"))));
        return byName(checks, Check::name);
    }

    @Override
    public boolean deleteCheck(String name) {
        String what = "cannot delete check " + name;
        boolean deleted = delete(what, CouchDocuments.id(CouchDocuments.CHECK, name));
        delete(what, CouchDocuments.id(CouchDocuments.STATUS, name));
        return deleted;
    }

    /** Deletes the checks' documents and their latest statuses with {@code _bulk_docs}; their events stay. */
    @Override
    public void deleteChecks(Collection<String> names) {
        Map<String, ObjectNode> tombstones = new LinkedHashMap<>();
        for (String name : names) {
            for (String kind : List.of(CouchDocuments.CHECK, CouchDocuments.STATUS)) {
                String id = CouchDocuments.id(kind, name);
                tombstones.put(id, CouchClient.JSON.createObjectNode().put("_id", id).put("_deleted", true));
            }
        }
        bulkWrite("cannot delete " + names.size() + " checks", tombstones);
    }

    @Override
    public List<ParentRelation> parentRelations() {
        List<ParentRelation> relations = new ArrayList<>();
        view("cannot list parent relations", "parents", Map.of()).forEach(row -> relations.add(
                new ParentRelation(row.path("key").path(0).asText(), row.path("value").asText())));
        // The view orders children by CouchDB's collation; a stable sort by name keeps each child's parent order.
        relations.sort(Comparator.comparing(ParentRelation::check));
        return relations;
    }

    @Override
    public boolean anyParentFailing(String check) {
        String what = "cannot read the parents of check " + check;
        List<String> parents = get(what, CouchDocuments.id(CouchDocuments.CHECK, check))
                .map(CouchDocuments::check).map(Check::parents).orElse(List.of());
        ArrayNode keys = CouchClient.JSON.createArrayNode();
        // A check listed as its own parent is skipped: its own failure must not silence it.
        parents.stream().filter(parent -> !parent.equals(check))
                .forEach(parent -> keys.add(CouchDocuments.id(CouchDocuments.STATUS, parent)));
        if (keys.isEmpty()) {
            return false;
        }
        ObjectNode body = CouchClient.JSON.createObjectNode();
        body.set("keys", keys);
        JsonNode rows = client.expect(what, "POST", "/_all_docs", query("include_docs", "true"), body).path("rows");
        for (JsonNode row : rows) {
            JsonNode status = row.path("doc");
            if (status.isObject() && !Status.OK.name().equals(status.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<CheckStatus> latestStatus(String check) {
        return get("cannot read the status of check " + check, CouchDocuments.id(CouchDocuments.STATUS, check))
                .map(CouchDocuments::status);
    }

    @Override
    public List<CheckStatus> latestStatuses() {
        return byName(all("cannot list check statuses", CouchDocuments.STATUS, CouchDocuments::status),
                CheckStatus::check);
    }

    @Override
    public void saveLatestStatus(CheckStatus status) {
        upsert("cannot save the status of check " + status.check(), CouchDocuments.status(status));
    }

    @Override
    public void addEvent(Event event) {
        ObjectNode document = CouchDocuments.event(event, eventId(event));
        client.expect("cannot add an event for check " + event.check(), "PUT", document(document.get("_id").asText()),
                null, document);
    }

    @Override
    public List<Event> events(String check, int offset, int limit) {
        checkPage(offset, limit);
        return events("cannot list the events of check " + check, "events_by_check", query(
                "descending", "true", "startkey", json(List.of(check, Map.of())), "endkey", json(List.of(check)),
                "skip", Integer.toString(offset), "limit", Integer.toString(limit), "include_docs", "true"), limit);
    }

    @Override
    public List<Event> events(int offset, int limit) {
        checkPage(offset, limit);
        return events("cannot list events", "events_by_time", query("descending", "true",
                "skip", Integer.toString(offset), "limit", Integer.toString(limit), "include_docs", "true"), limit);
    }

    /**
     * Writes the status and the event in one bulk request. CouchDB has no transaction over two documents: a status
     * write that conflicts is retried alone, and the event keeps its id across retries so that it is stored once.
     */
    @Override
    public Optional<CheckStatus> recordResult(CheckStatus status) {
        String what = "cannot record a result of check " + status.check();
        ObjectNode event = status.status().isFailure() ? CouchDocuments.event(new Event(status.check(),
                status.status(), status.output(), status.time()), eventId(status.time().toEpochMilli())) : null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String statusId = CouchDocuments.id(CouchDocuments.STATUS, status.check());
            Optional<JsonNode> previous = get(what, statusId);
            ObjectNode update = withRevision(CouchDocuments.status(status), previous);
            ArrayNode documents = CouchClient.JSON.createArrayNode().add(update);
            if (event != null) {
                documents.add(event);
            }
            ObjectNode body = CouchClient.JSON.createObjectNode();
            body.set("docs", documents);
            boolean statusSaved = false;
            for (JsonNode outcome : client.expect(what, "POST", "/_bulk_docs", null, body)) {
                boolean saved = !outcome.has("error");
                boolean conflict = "conflict".equals(outcome.path("error").asText());
                if (!saved && !conflict) {
                    throw client.address().failure(what + ": " + outcome.path("error").asText() + " "
                            + outcome.path("reason").asText(), null);
                }
                if (outcome.path("id").asText().equals(statusId)) {
                    statusSaved = saved;
                } else {
                    // Saved now, or by an earlier attempt whose answer was a conflict on the status only.
                    event = null;
                }
            }
            if (statusSaved) {
                return previous.map(CouchDocuments::status);
            }
            pause(attempt);
        }
        throw client.address().failure(what + ": still in conflict after " + ATTEMPTS + " attempts", null);
    }

    @Override
    public void recordBatch(Batch batch) {
        upsert("cannot record batch " + batch.id(), CouchDocuments.batch(batch));
    }

    @Override
    public Optional<Batch> latestBatch() {
        List<JsonNode> rows = view("cannot read the latest batch", "batches_by_time",
                query("descending", "true", "limit", "1", "include_docs", "true"));
        return rows.stream().findFirst().map(row -> CouchDocuments.batch(row.path("doc")));
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "couchdb persistence at " + client.address();
    }

    private static void createDatabase(CouchClient client) {
        CouchClient.Reply reply = client.send("cannot create the database", "PUT", "", null, null);
        // 412: the database exists already, which is what every start after the first finds.
        if (!reply.isSuccess() && reply.status() != 412) {
            throw client.address().failure("cannot create the database: " + reply.error().strip(), null);
        }
        if (reply.isSuccess()) {
            LOG.log(Level.INFO, () -> "created CouchDB database " + client.address());
        }
    }

    private Optional<JsonNode> get(String what, String id) {
        CouchClient.Reply reply = client.send(what, "GET", document(id), null, null);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.isSuccess()) {
            throw client.address().failure(what + ": " + reply.error().strip(), null);
        }
        return Optional.of(reply.body());
    }

    private void upsert(String what, ObjectNode document) {
        String id = document.get("_id").asText();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ObjectNode update = withRevision(document.deepCopy(), get(what, id));
            CouchClient.Reply reply = client.send(what, "PUT", document(id), null, update);
            if (reply.isSuccess()) {
                return;
            }
            if (reply.status() != 409) {
                throw client.address().failure(what + ": " + reply.error().strip(), null);
            }
            pause(attempt);
        }
        throw client.address().failure(what + ": still in conflict after " + ATTEMPTS + " attempts", null);
    }

    /**
     * Writes the documents in requests of {@link #BULK_DOCUMENTS}, each given the current revision of its id. A
     * document that meets a newer revision is written again with that one; a deletion of a document that is not
     * stored is dropped.
     */
    private void bulkWrite(String what, Map<String, ObjectNode> documents) {
        List<String> ids = new ArrayList<>(documents.keySet());
        for (int from = 0; from < ids.size(); from += BULK_DOCUMENTS) {
            Map<String, ObjectNode> left = new LinkedHashMap<>();
            ids.subList(from, Math.min(from + BULK_DOCUMENTS, ids.size())).forEach(id -> left.put(id,
                    documents.get(id)));
            for (int attempt = 1; !left.isEmpty(); attempt++) {
                if (attempt > ATTEMPTS) {
                    throw client.address().failure(what + ": " + left.size() + " documents still in conflict after "
                            + ATTEMPTS + " attempts, such as " + left.keySet().iterator().next(), null);
                }
                if (attempt > 1) {
                    pause(attempt);
                }
                writeOnce(what, left);
            }
        }
    }

    /** One {@code _bulk_docs} request; removes from DOCUMENTS each one written, leaving those in conflict. */
    private void writeOnce(String what, Map<String, ObjectNode> documents) {
        Map<String, String> revisions = revisions(what, documents.keySet());
        ArrayNode batch = CouchClient.JSON.createArrayNode();
        for (Map.Entry<String, ObjectNode> entry : List.copyOf(documents.entrySet())) {
            String revision = revisions.get(entry.getKey());
            boolean deletion = entry.getValue().path("_deleted").asBoolean();
            if (deletion && revision == null) {
                documents.remove(entry.getKey());
            } else {
                ObjectNode document = entry.getValue().deepCopy();
                if (revision == null) {
                    document.remove("_rev");
                } else {
                    document.put("_rev", revision);
                }
                batch.add(document);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        ObjectNode body = CouchClient.JSON.createObjectNode();
        body.set("docs", batch);
        for (JsonNode outcome : client.expect(what, "POST", "/_bulk_docs", null, body)) {
            String error = outcome.path("error").asText("");
            if (error.isEmpty()) {
                documents.remove(outcome.path("id").asText());
            } else if (!"conflict".equals(error)) {
                throw client.address().failure(what + ": " + outcome.path("id").asText() + ": " + error + " "
                        + outcome.path("reason").asText(), null);
            }
        }
    }

    /** The current revision of each id that is stored and not deleted. */
    private Map<String, String> revisions(String what, Collection<String> ids) {
        ArrayNode keys = CouchClient.JSON.createArrayNode();
        ids.forEach(keys::add);
        ObjectNode body = CouchClient.JSON.createObjectNode();
        body.set("keys", keys);
        Map<String, String> revisions = new HashMap<>();
        for (JsonNode row : client.expect(what, "POST", "/_all_docs", null, body).path("rows")) {
            JsonNode value = row.path("value");
            if (value.has("rev") && !value.path("deleted").asBoolean()) {
                revisions.put(row.path("id").asText(), value.path("rev").asText());
            }
        }
        return revisions;
    }

    private boolean delete(String what, String id) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<JsonNode> current = get(what, id);
            if (current.isEmpty()) {
                return false;
            }
            CouchClient.Reply reply = client.send(what, "DELETE", document(id),
                    query("rev", current.get().path("_rev").asText()), null);
            if (reply.isSuccess()) {
                return true;
            }
            if (reply.status() == 404) {
                return false;
            }
            if (reply.status() != 409) {
                throw client.address().failure(what + ": " + reply.error().strip(), null);
            }
            pause(attempt);
        }
        throw client.address().failure(what + ": still in conflict after " + ATTEMPTS + " attempts", null);
    }

    private <T> List<T> all(String what, String kind, Function<JsonNode, T> reader) {
        Map<String, String> range = query("startkey", json(kind + ":"), "endkey", json(kind + ":\uffff"),
                "include_docs", "true");
        List<T> found = new ArrayList<>();
        client.expect(what, "GET", "/_all_docs", range, null).path("rows")
                .forEach(row -> found.add(reader.apply(row.path("doc"))));
        return found;
    }

    private List<JsonNode> view(String what, String view, Map<String, String> query) {
        List<JsonNode> rows = new ArrayList<>();
        client.expect(what, "GET", "/_design/" + DesignDocument.NAME + "/_view/" + view, query, null).path("rows")
                .forEach(rows::add);
        return rows;
    }

    private List<Event> events(String what, String view, Map<String, String> query, int limit) {
        if (limit == 0) {
            return List.of();
        }
        List<Event> events = new ArrayList<>();
        view(what, view, query).forEach(row -> events.add(CouchDocuments.event(row.path("doc"))));
        return events;
    }

    private static ObjectNode withRevision(ObjectNode document, Optional<JsonNode> current) {
        current.ifPresentOrElse(found -> document.put("_rev", found.path("_rev").asText()),
                () -> document.remove("_rev"));
        return document;
    }

    private static String eventId(Event event) {
        return eventId(event.time().toEpochMilli());
    }

    // Events of the same millisecond are ordered by id; the sequence keeps this process's events in write order.
    private static String eventId(long millis) {
        return String.format("event:%013d:%012x:%s", millis, EVENT_SEQUENCE.incrementAndGet(),
                UUID.randomUUID().toString().substring(0, 8));
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("a page needs offset and limit of 0 or more, not " + offset + " and "
                    + limit);
        }
    }

    private static <T> List<T> byName(List<T> found, Function<T, String> name) {
        found.sort(Comparator.comparing(name));
        return found;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
