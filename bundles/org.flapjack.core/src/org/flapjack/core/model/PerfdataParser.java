package org.flapjack.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads space separated performance data items, skipping any item it cannot read instead of failing. */
final class PerfdataParser {

    private static final Pattern VALUE_AND_UNIT = Pattern.compile("([-+]?(?:\\d+(?:[.,]\\d*)?|[.,]\\d+)"
            + "(?:[eE][-+]?\\d+)?|U)(\\D*)");

    private final CharSequence text;
    private int position;

    private PerfdataParser(CharSequence text) {
        this.text = text;
    }

    static List<PerformanceValue> parse(CharSequence text) {
        return new PerfdataParser(text).items();
    }

    private List<PerformanceValue> items() {
        List<PerformanceValue> values = new ArrayList<>();
        skipSpace();
        while (position < text.length()) {
            String label = label();
            String rest = word();
            if (label != null && !label.isEmpty() && rest.startsWith("=")) {
                PerformanceValue value = value(label, rest.substring(1));
                if (value != null) {
                    values.add(value);
                }
            }
            skipSpace();
        }
        return values;
    }

    private String label() {
        if (text.charAt(position) != '\'') {
            int start = position;
            while (position < text.length() && text.charAt(position) != '='
                    && !Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            return text.subSequence(start, position).toString();
        }
        StringBuilder label = new StringBuilder();
        position++;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c != '\'') {
                label.append(c);
            } else if (position < text.length() && text.charAt(position) == '\'') {
                label.append('\'');
                position++;
            } else {
                return label.toString();
            }
        }
        return null;
    }

    private String word() {
        int start = position;
        while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        return text.subSequence(start, position).toString();
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private static PerformanceValue value(String label, String spec) {
        String[] parts = spec.split(";", -1);
        Matcher matcher = VALUE_AND_UNIT.matcher(parts[0]);
        if (!matcher.matches()) {
            return null;
        }
        return new PerformanceValue(label, matcher.group(1), matcher.group(2), part(parts, 1), part(parts, 2),
                part(parts, 3), part(parts, 4));
    }

    private static String part(String[] parts, int index) {
        return index < parts.length ? parts[index] : "";
    }
}
