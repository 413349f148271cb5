package org.flapjack.populator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Node;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Reads and writes batch files: the nodes, check templates and checks (with parents and assigned recipients) that a
 * batch deploys, as JSON or, for files named {@code .yaml} or {@code .yml}, as YAML of the same shape. A file with an
 * unknown field, a value of the wrong type, a missing name, a duplicate name, a reference to an unknown node,
 * template or parent, or a cycle of parents is refused with the JSON path of each problem.
 */
public final class BatchFile {

    /** The format version this code writes, and the only one it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(SerializationFeature.INDENT_OUTPUT);

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .build())
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The two spellings of a batch file. */
    public enum Format {
        JSON, YAML;

        /** YAML for a file named {@code .yaml} or {@code .yml}, JSON for any other. */
        public static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        }
    }

    private BatchFile() {
    }

    /** Reads and checks the batch file, in the format its name says; it must be UTF-8 text. */
    public static BatchContent read(Path file) throws IOException, BatchRefusedException {
        return parse(file, text(file, Files.readAllBytes(file)), Format.of(file));
    }

    private static String text(Path file, byte[] bytes) throws BatchRefusedException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new BatchRefusedException(file, List.of(new BatchProblem("byte " + in.position(),
                "not UTF-8 text; a batch file is JSON or YAML")));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Parses and checks batch text; {@code file} names it in refusals and may be null. */
    public static BatchContent parse(Path file, String text, Format format) throws BatchRefusedException {
        JsonNode root;
        try {
            root = (format == Format.YAML ? YAML : JSON).readTree(text);
        } catch (JsonProcessingException e) {
            throw new BatchRefusedException(file, List.of(syntaxProblem(e, format)));
        }
        BatchFileReader reader = new BatchFileReader();
        BatchContent content = reader.read(root);
        if (!reader.problems().isEmpty()) {
            throw new BatchRefusedException(file, reader.problems());
        }
        BatchRules.require(content, file);
        return content;
    }

    /** Writes the batch to the file, in the format its name says. */
    public static void write(Path file, BatchContent content) throws IOException {
        Files.writeString(file, format(content, Format.of(file)), StandardCharsets.UTF_8);
    }

    /** The batch as the text of a batch file; empty lists, params and unset fields are left out. */
    public static String format(BatchContent content, Format format) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", FORMAT_VERSION);
        ArrayNode nodes = root.putArray("nodes");
        content.nodes().forEach(node -> nodes.add(node(node)));
        ArrayNode templates = root.putArray("templates");
        content.templates().forEach(template -> templates.add(template(template)));
        ArrayNode checks = root.putArray("checks");
        content.checks().forEach(check -> checks.add(check(check)));
        try {
            return (format == Format.YAML ? YAML : JSON).writeValueAsString(root)
                + (format == Format.JSON ? "\n" : "");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a batch could not be written as " + format, e);
        }
    }

    private static BatchProblem syntaxProblem(JsonProcessingException e, Format format) {
        JsonLocation location = e.getLocation();
        String where = location == null ? "$" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
        String reason = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return new BatchProblem(where, "not valid " + format + ": " + reason.lines().findFirst().orElse(""));
    }

    private static ObjectNode node(Node node) {
        ObjectNode object = JSON.createObjectNode();
        object.put("name", node.name());
        params(object, node.params());
        return object;
    }

    private static ObjectNode template(CheckTemplate template) {
        ObjectNode object = JSON.createObjectNode();
        object.put("name", template.name());
        object.put("command", template.command());
        params(object, template.params());
        seconds(object, "interval", template.interval());
        seconds(object, "timeout", template.timeout());
        return object;
    }

    private static ObjectNode check(Check check) {
        ObjectNode object = JSON.createObjectNode();
        object.put("name", check.name());
        text(object, "node", check.node());
        text(object, "template", check.template());
        text(object, "command", check.command());
        params(object, check.params());
        seconds(object, "interval", check.interval());
        seconds(object, "timeout", check.timeout());
        if (!check.enabled()) {
            object.put("enabled", false);
        }
        names(object, "parents", check.parents());
        names(object, "recipients", check.recipients());
        return object;
    }

    private static void text(ObjectNode object, String field, String value) {
        if (value != null && !value.isEmpty()) {
            object.put(field, value);
        }
    }

    private static void params(ObjectNode object, Map<String, String> params) {
        if (!params.isEmpty()) {
            ObjectNode values = object.putObject("params");
            params.forEach(values::put);
        }
    }

    private static void seconds(ObjectNode object, String field, int seconds) {
        if (seconds > 0) {
            object.put(field, seconds);
        }
    }

    private static void names(ObjectNode object, String field, List<String> names) {
        if (!names.isEmpty()) {
            ArrayNode array = object.putArray(field);
            names.forEach(array::add);
        }
    }
}
