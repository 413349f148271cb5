package org.flapjack.persistence.couchdb;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.flapjack.core.persistence.PersistenceException;

/**
 * Where the CouchDB database is, from the {@code host}, {@code port}, {@code database}, {@code username} and
 * {@code password} settings (defaults: localhost, 5984, flapjack, no login).
 */
record CouchAddress(String host, int port, String database, String username, String password) {

    static final String BACKEND = "couchdb";

    static CouchAddress of(Map<String, String> settings) {
        String host = settings.getOrDefault("host", "localhost").strip();
        String database = settings.getOrDefault("database", "flapjack").strip();
        String username = settings.getOrDefault("username", "").strip();
        String password = settings.getOrDefault("password", "");
        String portText = settings.getOrDefault("port", "5984").strip();
        CouchAddress address = new CouchAddress(host, 0, database, username, password);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw address.failure("port '" + portText + "' is not a number", e);
        }
        address = new CouchAddress(host, port, database, username, password);
        if (port < 1 || port > 65535) {
            throw address.failure("port " + port + " is not between 1 and 65535", null);
        }
        // CouchDB's rule for database names, so that a bad name is refused before any request.
        if (!database.matches("[a-z][a-z0-9_$()+/-]*")) {
            throw address.failure("database name '" + database + "' must start with a lowercase letter and hold"
                    + " only lowercase letters, digits and _$()+-/", null);
        }
        return address;
    }

    /** The server's root, such as {@code http://db.example.com:5984/}. */
    URI server() {
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + literal + ":" + port + "/");
    }

    /** The Basic authorization header value, when a username is set. */
    Optional<String> authorization() {
        if (username.isEmpty()) {
            return Optional.empty();
        }
        String pair = username + ":" + password;
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** The one-line error for this database; the password never appears. */
    PersistenceException failure(String reason, Throwable cause) {
        String scrubbed = password.isEmpty() ? reason : reason.replace(password, "***");
        return new PersistenceException(BACKEND, toString(), scrubbed, cause);
    }

    @Override
    public String toString() {
        String login = username.isEmpty() ? "" : username + (password.isEmpty() ? "" : ":***") + "@";
        return "http://" + login + host + ":" + port + "/" + database;
    }
}
