package org.flapjack.core.model;

import java.util.Map;

/**
 * A monitored host. Its name is the fully qualified domain name that fills {@code $FQDN} and {@code $NAME} in
 * check commands; its params fill further placeholders.
 */
public record Node(String name, Map<String, String> params) {

    public Node {
        Copies.plainName(name, "a node");
        params = Copies.map(params, "params of node " + name);
    }

    /** A node without params. */
    public Node(String name) {
        this(name, Map.of());
    }
}
