package org.flapjack.persistence.couchdb;

import java.lang.System.Logger.Level;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The design document that holds Flapjack's views. It carries a version; a start that finds an older one (or none)
 * writes the current one, so a new release brings its views along.
 */
final class DesignDocument {

    static final String NAME = "flapjack";

    private static final System.Logger LOG = System.getLogger(DesignDocument.class.getName());

    private static final int VERSION = 1;

    private static final Map<String, String> VIEWS = Map.of(
            "enabled_checks", "function (doc) { if (doc.type === 'check' && doc.enabled) { emit(doc.name, null); } }",
            "parents", "function (doc) { if (doc.type === 'check') { for (var i = 0; i < doc.parents.length; i++) {"
                    + " emit([doc.name, i], doc.parents[i]); } } }",
            "events_by_time", "function (doc) { if (doc.type === 'event') { emit(doc.time, null); } }",
            "events_by_check", "function (doc) { if (doc.type === 'event') { emit([doc.check, doc.time], null); } }",
            "batches_by_time", "function (doc) { if (doc.type === 'batch') { emit(doc.deployedAt, null); } }");

    private static final int ATTEMPTS = 10;

    private DesignDocument() {
    }

    static void install(CouchClient client) {
        String path = "/_design/" + NAME;
        String what = "cannot install the design document " + path;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            CouchClient.Reply current = client.send(what, "GET", path, null, null);
            if (current.isSuccess() && current.body().path("flapjack_version").asInt() >= VERSION) {
                return;
            }
            ObjectNode design = build();
            if (current.isSuccess()) {
                design.put("_rev", current.body().path("_rev").asText());
            }
            CouchClient.Reply written = client.send(what, "PUT", path, null, design);
            if (written.isSuccess()) {
                LOG.log(Level.INFO, () -> "installed views " + path + " version " + VERSION + " in "
                        + client.address());
                return;
            }
            // 409: another process installed it at the same moment; read it again.
            if (written.status() != 409) {
                throw client.address().failure(what + ": " + written.error().strip(), null);
            }
        }
        throw client.address().failure(what + ": still in conflict after " + ATTEMPTS + " attempts", null);
    }

    private static ObjectNode build() {
        ObjectNode design = CouchClient.JSON.createObjectNode();
        design.put("_id", "_design/" + NAME);
        design.put("language", "javascript");
        design.put("flapjack_version", VERSION);
        ObjectNode views = design.putObject("views");
        VIEWS.forEach((name, map) -> views.putObject(name).put("map", map));
        return design;
    }
}
