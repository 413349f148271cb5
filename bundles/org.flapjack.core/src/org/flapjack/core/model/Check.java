package org.flapjack.core.model;

import java.util.List;
import java.util.Map;

/**
 * One command that runs every {@code interval} seconds and is stopped after {@code timeout} seconds. The name is
 * the check's key everywhere: results, events and parents refer to it. Node, template and command may be null
 * where not used; the command, when present, wins over the template's.
 */
public record Check(String name, String node, String template, String command, Map<String, String> params,
        int interval, int timeout, boolean enabled, List<String> parents, List<String> recipients) {

    public Check {
        Copies.plainName(name, "a check");
        params = Copies.map(params, "params of check " + name);
        Copies.seconds(interval, "interval of check " + name);
        Copies.seconds(timeout, "timeout of check " + name);
        parents = Copies.list(parents, "parents of check " + name);
        recipients = Copies.list(recipients, "recipients of check " + name);
    }
}
