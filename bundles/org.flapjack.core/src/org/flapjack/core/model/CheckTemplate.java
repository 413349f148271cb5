package org.flapjack.core.model;

import java.util.Map;

/** A command with placeholders and defaults that many checks share; interval and timeout are in seconds. */
public record CheckTemplate(String name, String command, Map<String, String> params, int interval, int timeout) {

    public CheckTemplate {
        Copies.plainName(name, "a check template");
        params = Copies.map(params, "params of check template " + name);
        Copies.seconds(interval, "interval of check template " + name);
        Copies.seconds(timeout, "timeout of check template " + name);
    }
}
