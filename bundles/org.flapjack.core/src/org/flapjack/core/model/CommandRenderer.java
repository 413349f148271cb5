package org.flapjack.core.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a check into the command line that {@code /bin/sh -c} runs, filling each {@code $NAME} and
 * {@code ${NAME}} placeholder. Values come from the node ({@code FQDN} and {@code NAME} are its name, then its
 * params), the template's params and the check's params, a later source winning. Every value is single-quoted,
 * also where the placeholder stands inside quotes, so a value is always one literal piece of a word and never
 * runs a command. {@code $$} writes one literal {@code $}; a {@code $} before anything but a name or a brace
 * stays as written, for the shell.
 */
public final class CommandRenderer {

    private enum Context { PLAIN, SUBSTITUTION, SINGLE, DOUBLE, BACKTICK }

    private final String command;
    private final Map<String, String> values;
    private final StringBuilder rendered = new StringBuilder();
    private final Deque<Context> contexts = new ArrayDeque<>();
    private final Deque<Integer> parentheses = new ArrayDeque<>();
    private int position;

    private CommandRenderer(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
        contexts.push(Context.PLAIN);
        parentheses.push(0);
    }

    /**
     * The shell command line for the check; node and template may be null.
     *
     * @throws IllegalArgumentException when there is no command, a placeholder has no value or stands inside
     *         backticks, or a value holds a NUL character
     */
    public static String render(Check check, Node node, CheckTemplate template) {
        String command = commandOf(check, template);
        return new CommandRenderer(command, valuesFor(check, node, template)).render();
    }

    /** The value as one single-quoted shell word: {@code it's} becomes {@code 'it'\''s'}. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String commandOf(Check check, CheckTemplate template) {
        if (check.command() != null && !check.command().isBlank()) {
            return check.command();
        }
        if (template != null && template.command() != null && !template.command().isBlank()) {
            return template.command();
        }
        throw new IllegalArgumentException("check " + check.name() + " has no command and no template with one");
    }

    private static Map<String, String> valuesFor(Check check, Node node, CheckTemplate template) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node != null) {
            values.put("FQDN", node.name());
            values.put("NAME", node.name());
            values.putAll(node.params());
        }
        if (template != null) {
            values.putAll(template.params());
        }
        values.putAll(check.params());
        return values;
    }

    private String render() {
        while (position < command.length()) {
            char c = command.charAt(position);
            switch (contexts.peek()) {
                case SINGLE -> single(c);
                case DOUBLE -> doubleQuoted(c);
                default -> unquoted(c);
            }
        }
        return rendered.toString();
    }

    private void single(char c) {
        if (c == '\'') {
            contexts.pop();
            copy(1);
        } else if (c == '$') {
            dollar();
        } else {
            copy(1);
        }
    }

    private void doubleQuoted(char c) {
        switch (c) {
            case '\\' -> copy(2);
            case '"' -> {
                contexts.pop();
                copy(1);
            }
            case '`' -> open(Context.BACKTICK);
            case '$' -> dollar();
            default -> copy(1);
        }
    }

    private void unquoted(char c) {
        switch (c) {
            case '\\' -> copy(2);
            case '\'' -> open(Context.SINGLE);
            case '"' -> open(Context.DOUBLE);
            case '`' -> backtick();
            case '$' -> dollar();
            case '(' -> {
                parentheses.push(parentheses.pop() + 1);
                copy(1);
            }
            case ')' -> closeParenthesis();
            default -> copy(1);
        }
    }

    private void backtick() {
        if (contexts.peek() == Context.BACKTICK) {
            contexts.pop();
            copy(1);
        } else {
            open(Context.BACKTICK);
        }
    }

    private void closeParenthesis() {
        int depth = parentheses.peek();
        if (depth > 0) {
            parentheses.push(parentheses.pop() - 1);
        } else if (contexts.peek() == Context.SUBSTITUTION) {
            contexts.pop();
            parentheses.pop();
        }
        copy(1);
    }

    private void open(Context context) {
        contexts.push(context);
        copy(1);
    }

    private void dollar() {
        char next = position + 1 < command.length() ? command.charAt(position + 1) : ' ';
        if (next == '$') {
            rendered.append('$');
            position += 2;
        } else if (next == '{') {
            int end = command.indexOf('}', position);
            if (end < 0) {
                throw new IllegalArgumentException("placeholder ${ is not closed with } in: " + command);
            }
            substitute(command.substring(position + 2, end), end + 1);
        } else if (isNameStart(next)) {
            int end = position + 1;
            while (end < command.length() && isNamePart(command.charAt(end))) {
                end++;
            }
            substitute(command.substring(position + 1, end), end);
        } else if (next == '(' && contexts.peek() != Context.SINGLE) {
            copy(2);
            contexts.push(Context.SUBSTITUTION);
            parentheses.push(0);
        } else {
            copy(1);
        }
    }

    private void substitute(String name, int end) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no value for placeholder $" + name + "; known: " + values.keySet());
        }
        if (contexts.contains(Context.BACKTICK)) {
            throw new IllegalArgumentException("placeholder $" + name + " stands inside backticks, where no "
                    + "quoting protects it; write $(...) instead");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the value for $" + name + " holds a NUL character");
        }
        rendered.append(switch (contexts.peek()) {
            case SINGLE -> "'" + quote(value) + "'";
            case DOUBLE -> "\"" + quote(value) + "\"";
            default -> quote(value);
        });
        position = end;
    }

    private void copy(int count) {
        int end = Math.min(position + count, command.length());
        rendered.append(command, position, end);
        position = end;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }
}
