package org.flapjack.persistence.sql.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Params (name to value, in their order) kept as one JSON object in a text column. */
final class ParamsColumn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> PARAMS = new TypeReference<>() {
    };

    private ParamsColumn() {
    }

    static String write(Map<String, String> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("params cannot be written as JSON", e);
        }
    }

    static Map<String, String> read(String column) {
        if (column == null || column.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(column, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a params column holds no JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
