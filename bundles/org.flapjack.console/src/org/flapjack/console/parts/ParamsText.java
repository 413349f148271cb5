package org.flapjack.console.parts;

import java.util.LinkedHashMap;
import java.util.Map;

/** The params of a node, template or check as the dialogs show them: one KEY=VALUE a line. */
final class ParamsText {

    private ParamsText() {
    }

    static String format(Map<String, String> params) {
        StringBuilder lines = new StringBuilder();
        params.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        return lines.toString().strip();
    }

    /** Reads TEXT back, in order, skipping blank lines; a line without a key is refused with its number. */
    static Map<String, String> parse(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("params line " + (i + 1) + ": expected KEY=VALUE, not '" + line
                        + "'");
            }
            params.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return params;
    }
}
