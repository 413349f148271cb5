package org.flapjack.transport.beanstalkd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the flat YAML documents beanstalkd answers list and stats commands with. */
final class YamlReply {

    private YamlReply() {
    }

    /** The items of a list ({@code - name} lines). */
    static List<String> list(byte[] body) {
        List<String> items = new ArrayList<>();
        for (String line : lines(body)) {
            if (line.startsWith("- ")) {
                items.add(unquote(line.substring(2).trim()));
            }
        }
        return items;
    }

    /** The entries of a map ({@code key: value} lines), in order. */
    static Map<String, String> map(byte[] body) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : lines(body)) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                entries.put(line.substring(0, colon).trim(), unquote(line.substring(colon + 2).trim()));
            }
        }
        return entries;
    }

    private static String[] lines(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).split("\n");
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
