package org.flapjack.populator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Node;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the tree of a parsed batch file into a {@link BatchContent}, noting every field that is unknown, of the
 * wrong type or missing, with its JSON path. Elements with a problem are left out, so the caller must refuse the
 * batch when {@link #problems()} is not empty.
 */
final class BatchFileReader {

    private static final Set<String> TOP_FIELDS = Set.of("version", "nodes", "templates", "checks");

    private static final Set<String> NODE_FIELDS = Set.of("name", "params");

    private static final Set<String> TEMPLATE_FIELDS = Set.of("name", "command", "params", "interval", "timeout");

    private static final Set<String> CHECK_FIELDS = Set.of("name", "node", "template", "command", "params",
        "interval", "timeout", "enabled", "parents", "recipients");

    private final List<BatchProblem> problems = new ArrayList<>();

    /** The content of the tree; incomplete when {@link #problems()} is not empty. */
    BatchContent read(JsonNode root) {
        if (root == null || root.isMissingNode() || !root.isObject()) {
            problems.add(new BatchProblem("$", "expected an object with nodes, templates and checks"));
            return new BatchContent(List.of(), List.of(), List.of());
        }
        unknownFields(root, "$", TOP_FIELDS);
        version(root.get("version"));
        return new BatchContent(list(root, "nodes", this::node), list(root, "templates", this::template),
            list(root, "checks", this::check));
    }

    List<BatchProblem> problems() {
        return problems;
    }

    private void version(JsonNode version) {
        if (version != null && !(version.isIntegralNumber() && version.asInt() == BatchFile.FORMAT_VERSION)) {
            problems.add(new BatchProblem("$.version", "expected format version " + BatchFile.FORMAT_VERSION
                + ", not " + version));
        }
    }

    private <T> List<T> list(JsonNode root, String field, BiFunction<JsonNode, String, T> element) {
        JsonNode array = root.get(field);
        String path = "$." + field;
        List<T> elements = new ArrayList<>();
        if (array == null || array.isNull()) {
            return elements;
        }
        if (!array.isArray()) {
            wrongType(path, "a list", array);
            return elements;
        }
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            if (!array.get(i).isObject()) {
                wrongType(at, "an object", array.get(i));
                continue;
            }
            int before = problems.size();
            T value = element.apply(array.get(i), at);
            if (problems.size() == before) {
                elements.add(value);
            }
        }
        return elements;
    }

    private Node node(JsonNode object, String path) {
        unknownFields(object, path, NODE_FIELDS);
        return new Node(name(object, path), params(object, path));
    }

    private CheckTemplate template(JsonNode object, String path) {
        unknownFields(object, path, TEMPLATE_FIELDS);
        String name = name(object, path);
        String command = text(object, path, "command");
        if (command == null || command.isBlank()) {
            problems.add(new BatchProblem(path + ".command", "a template needs a command"));
        }
        Map<String, String> params = params(object, path);
        int interval = seconds(object, path, "interval");
        int timeout = seconds(object, path, "timeout");
        return new CheckTemplate(name, command, params, interval, timeout);
    }

    private Check check(JsonNode object, String path) {
        unknownFields(object, path, CHECK_FIELDS);
        String name = name(object, path);
        String node = text(object, path, "node");
        String template = text(object, path, "template");
        String command = text(object, path, "command");
        Map<String, String> params = params(object, path);
        int interval = seconds(object, path, "interval");
        int timeout = seconds(object, path, "timeout");
        boolean enabled = enabled(object, path);
        List<String> parents = names(object, path, "parents");
        List<String> recipients = names(object, path, "recipients");
        return new Check(name, node, template, command, params, interval, timeout, enabled, parents, recipients);
    }

    private String name(JsonNode object, String path) {
        JsonNode name = object.get("name");
        if (name == null || name.isNull()) {
            problems.add(new BatchProblem(path, "missing name"));
            return "?";
        }
        if (!name.isTextual() || name.textValue().isBlank()) {
            wrongType(path + ".name", "a name that is not blank", name);
            return "?";
        }
        if (name.textValue().chars().anyMatch(Character::isISOControl)) {
            problems.add(new BatchProblem(path + ".name", "a name must not hold line breaks or other control"
                + " characters: " + name));
            return "?";
        }
        return name.textValue();
    }

    private String text(JsonNode object, String path, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            wrongType(path + "." + field, "text", value);
            return null;
        }
        return value.textValue();
    }

    /** Params are text, but a number or true/false is taken as written: {@code PORT: 8080} needs no quotes. */
    private Map<String, String> params(JsonNode object, String path) {
        JsonNode params = object.get("params");
        Map<String, String> values = new LinkedHashMap<>();
        if (params == null || params.isNull()) {
            return values;
        }
        if (!params.isObject()) {
            wrongType(path + ".params", "an object of names and values", params);
            return values;
        }
        for (Map.Entry<String, JsonNode> param : params.properties()) {
            if (param.getValue().isValueNode() && !param.getValue().isNull()) {
                values.put(param.getKey(), param.getValue().asText());
            } else {
                wrongType(path + ".params." + param.getKey(), "text, a number or true/false", param.getValue());
            }
        }
        return values;
    }

    /** Seconds, 1 or more; 0 stands for absent, so that a check takes its template's value. */
    private int seconds(JsonNode object, String path, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1) {
            wrongType(path + "." + field, "a whole number of seconds, 1 or more", value);
            return 0;
        }
        return value.intValue();
    }

    private boolean enabled(JsonNode object, String path) {
        JsonNode value = object.get("enabled");
        if (value == null || value.isNull()) {
            return true;
        }
        if (!value.isBoolean()) {
            wrongType(path + ".enabled", "true or false", value);
            return true;
        }
        return value.booleanValue();
    }

    private List<String> names(JsonNode object, String path, String field) {
        JsonNode value = object.get(field);
        List<String> names = new ArrayList<>();
        if (value == null || value.isNull()) {
            return names;
        }
        if (!value.isArray()) {
            wrongType(path + "." + field, "a list of names", value);
            return names;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode name = value.get(i);
            if (name.isTextual() && !name.textValue().isBlank()) {
                names.add(name.textValue());
            } else {
                wrongType(path + "." + field + "[" + i + "]", "a name that is not blank", name);
            }
        }
        return names;
    }

    private void unknownFields(JsonNode object, String path, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new BatchProblem(path + "." + name, "unknown field; known are "
                    + known.stream().sorted().toList()));
            }
        }
    }

    private void wrongType(String path, String expected, JsonNode found) {
        problems.add(new BatchProblem(path, "expected " + expected + ", not " + describe(found)));
    }

    private static String describe(JsonNode found) {
        String kind = switch (found.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "";
        };
        if (!kind.isEmpty()) {
            return kind;
        }
        String text = found.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
