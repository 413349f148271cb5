package org.flapjack.persistence.couchdb;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.flapjack.core.persistence.PersistenceException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** JSON requests to one CouchDB database over the JDK HTTP client; failures become one-line errors. */
final class CouchClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** A reply: its HTTP status and JSON body (missing when the body was empty). */
    record Reply(int status, JsonNode body) {

        boolean isSuccess() {
            return status / 100 == 2;
        }

        /** CouchDB's error and reason fields, for a message. */
        String error() {
            return status + " " + body.path("error").asText("") + " " + body.path("reason").asText("");
        }
    }

    private final CouchAddress address;
    private final HttpClient http;

    CouchClient(CouchAddress address) {
        this.address = address;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    CouchAddress address() {
        return address;
    }

    /** A request to the database itself ({@code path} empty) or below it; query values are sent as given. */
    Reply send(String what, String method, String path, Map<String, String> query, JsonNode body) {
        URI uri = URI.create(address.server() + encode(address.database()) + path + queryString(query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8));
        address.authorization().ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(response.statusCode(), read(response.body()));
            if (reply.status() == 401 || reply.status() == 403) {
                throw address.failure(what + ": not allowed (" + reply.error().strip() + "); check username and"
                        + " password", null);
            }
            return reply;
        } catch (IOException e) {
            throw address.failure(what + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw address.failure(what + ": interrupted", e);
        }
    }

    /** A request that must succeed; any other reply is a one-line error naming CouchDB's reason. */
    JsonNode expect(String what, String method, String path, Map<String, String> query, JsonNode body) {
        Reply reply = send(what, method, path, query, body);
        if (!reply.isSuccess()) {
            throw address.failure(what + ": " + reply.error().strip(), null);
        }
        return reply.body();
    }

    /** A path segment for a document id, such as {@code /check%3Aweb}. */
    static String document(String id) {
        return "/" + encode(id);
    }

    /** A JSON value for a query parameter such as {@code startkey}. */
    static String json(Object value) {
        return write(JSON.valueToTree(value));
    }

    static Map<String, String> query(String... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return query;
    }

    @Override
    public void close() {
        http.close();
    }

    private static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream().map(entry -> entry.getKey() + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document cannot be written as JSON", e);
        }
    }

    private JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw address.failure("the server answered with something that is not JSON: "
                    + body.substring(0, Math.min(80, body.length())), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return "cannot connect (connection refused)";
        }
        return PersistenceException.reasonOf(e);
    }
}
