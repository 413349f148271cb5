package org.flapjack.core.config;

/**
 * One line of an INI file as written, with what it means. The value of an entry spans
 * {@code [valueStart, valueEnd)} of the text, so an edit can replace it and keep the rest of the line.
 */
record IniLine(String text, String end, Kind kind, String name, String value, int valueStart, int valueEnd) {

    enum Kind { BLANK, COMMENT, SECTION, ENTRY, INVALID }

    static final String NEITHER = "a [section] header, a key = value line or a comment";

    /** The line's meaning; an INVALID line carries what was expected as its name. */
    static IniLine parse(String text, String end) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return new IniLine(text, end, Kind.BLANK, null, null, 0, 0);
        }
        if (isCommentStart(trimmed.charAt(0))) {
            return new IniLine(text, end, Kind.COMMENT, null, null, 0, 0);
        }
        if (trimmed.charAt(0) == '[') {
            return header(text, end);
        }
        return entry(text, end);
    }

    /** Names the line's kind only: the text may hold a password. */
    @Override
    public String toString() {
        return kind + (kind == Kind.SECTION || kind == Kind.ENTRY ? " " + name : "");
    }

    static IniLine blank(String end) {
        return new IniLine("", end, Kind.BLANK, null, null, 0, 0);
    }

    /** This line ended by {@code newEnd} instead. */
    IniLine withEnd(String newEnd) {
        return new IniLine(text, newEnd, kind, name, value, valueStart, valueEnd);
    }

    /** This entry line holding {@code newValue}, with its key, indentation, separator and comment unchanged. */
    IniLine withValue(String newValue) {
        String encoded = encode(newValue);
        String before = text.substring(0, valueStart);
        String after = text.substring(valueEnd);
        if (value.isEmpty() && !encoded.isEmpty() && before.matches("(?s).*\\s=")) {
            before = before + " ";
        }
        if (!after.isEmpty() && !Character.isWhitespace(after.charAt(0))) {
            after = " " + after;
        }
        return parse(before + encoded + after, end);
    }

    /** The value as it must be written so that reading it back gives it again; quoted where needed. */
    static String encode(String value) {
        boolean plain = value.equals(value.strip()) && !value.startsWith("\"") && !value.isEmpty()
                && !isCommentStart(value.charAt(0)) && !value.matches("(?s).*\\s[#;].*");
        if (plain || value.isEmpty()) {
            return value;
        }
        if (value.indexOf('"') >= 0) {
            throw new IllegalArgumentException("a value with a double quote cannot also start or end with a space "
                    + "or hold ' #' or ' ;'");
        }
        return "\"" + value + "\"";
    }

    static boolean isCommentStart(char c) {
        return c == '#' || c == ';';
    }

    private static IniLine header(String text, String end) {
        int open = text.indexOf('[');
        int close = text.indexOf(']', open);
        if (close < 0) {
            return invalid(text, end, "a ']' to close the section header");
        }
        String name = text.substring(open + 1, close).strip();
        if (name.isEmpty()) {
            return invalid(text, end, "a section name between '[' and ']'");
        }
        String rest = text.substring(close + 1).strip();
        if (!rest.isEmpty() && !isCommentStart(rest.charAt(0))) {
            return invalid(text, end, "nothing but a comment after the section header's ']'");
        }
        return new IniLine(text, end, Kind.SECTION, name, null, 0, 0);
    }

    private static IniLine entry(String text, String end) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            return invalid(text, end, NEITHER);
        }
        String key = text.substring(0, equals).strip();
        if (key.isEmpty()) {
            return invalid(text, end, "a key before '='");
        }
        int start = equals + 1;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        IniLine quoted = quotedEntry(text, end, key, start);
        if (quoted != null) {
            return quoted;
        }
        int stop = commentStart(text, start);
        while (stop > start && Character.isWhitespace(text.charAt(stop - 1))) {
            stop--;
        }
        return new IniLine(text, end, Kind.ENTRY, key, text.substring(start, stop), start, stop);
    }

    private static IniLine quotedEntry(String text, String end, String key, int start) {
        if (start >= text.length() || text.charAt(start) != '"') {
            return null;
        }
        int close = text.indexOf('"', start + 1);
        if (close < 0) {
            return null;
        }
        String rest = text.substring(close + 1).strip();
        if (!rest.isEmpty() && !isCommentStart(rest.charAt(0))) {
            return null;
        }
        return new IniLine(text, end, Kind.ENTRY, key, text.substring(start + 1, close), start, close + 1);
    }

    private static int commentStart(String text, int from) {
        for (int i = Math.max(from, 1); i < text.length(); i++) {
            if (isCommentStart(text.charAt(i)) && Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return text.length();
    }

    private static IniLine invalid(String text, String end, String expected) {
        return new IniLine(text, end, Kind.INVALID, expected, null, 0, 0);
    }
}
