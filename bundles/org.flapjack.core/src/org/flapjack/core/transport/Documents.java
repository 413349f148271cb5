package org.flapjack.core.transport;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading and writing of the versioned JSON bodies shared by the job and result documents. */
final class Documents {

    static final String VERSION = "version";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Documents() {
    }

    static ObjectNode newDocument(int version) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(VERSION, version);
        return node;
    }

    static byte[] bytes(ObjectNode document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** Parses a body and checks that its format version is one this reader knows. */
    static JsonNode parse(byte[] body, String kind, int knownVersion) throws UnreadableDocumentException {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UnreadableDocumentException(0, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnreadableDocumentException(0, "not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UnreadableDocumentException(0, "a " + kind + " document must be a JSON object");
        }
        JsonNode version = node.get(VERSION);
        if (version == null || !version.canConvertToInt()) {
            throw new UnreadableDocumentException(0, "no format version in the " + kind + " document");
        }
        if (version.intValue() < 1 || version.intValue() > knownVersion) {
            throw new UnreadableDocumentException(0, kind + " document format version " + version.intValue()
                + " is not known here (known: 1 to " + knownVersion + ")");
        }
        return node;
    }

    static String requiredText(JsonNode document, String field, String kind) throws UnreadableDocumentException {
        JsonNode value = document.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new UnreadableDocumentException(0, kind + " document has no text field '" + field + "'");
        }
        return value.textValue();
    }

    static String optionalText(JsonNode document, String field) {
        JsonNode value = document.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static int requiredInt(JsonNode document, String field, String kind) throws UnreadableDocumentException {
        JsonNode value = document.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new UnreadableDocumentException(0, kind + " document has no whole number field '" + field + "'");
        }
        return value.intValue();
    }
}
