package org.flapjack.worker;

/**
 * Check output made safe for a log line: a check may print terminal control sequences or line breaks, which must
 * neither drive the operator's terminal nor forge log lines. Tabs stay; other control characters become escapes.
 */
final class LogText {

    private LogText() {
    }

    /** The text with line breaks as {@code \n} and {@code \r}, and other control characters as a backslash-u escape. */
    static String escaped(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                escaped.append(replacement == null ? String.valueOf(c) : replacement);
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private static String replacement(char c) {
        if (c == '\t') {
            return null;
        }
        if (c == '\n') {
            return "\\n";
        }
        if (c == '\r') {
            return "\\r";
        }
        if (Character.isISOControl(c)) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
