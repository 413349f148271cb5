package org.flapjack.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Immutable copies for the collections inside records: null becomes empty, order is kept, null elements refused. */
final class Copies {

    private Copies() {
    }

    static <T> List<T> list(List<T> list, String what) {
        if (list == null) {
            return List.of();
        }
        for (T element : list) {
            Objects.requireNonNull(element, () -> what + " must not hold null");
        }
        return List.copyOf(list);
    }

    static Map<String, String> map(Map<String, String> map, String what) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            Objects.requireNonNull(key, () -> what + " must not hold a null name");
            Objects.requireNonNull(value, () -> what + " must not hold a null value for " + key);
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    static String name(String name, String what) {
        Objects.requireNonNull(name, () -> what + " needs a name");
        if (name.isBlank()) {
            throw new IllegalArgumentException(what + " needs a name that is not blank");
        }
        return name;
    }

    /** A name an operator gives, which goes into log lines and tables, where a line break would forge a line. */
    static String plainName(String name, String what) {
        name(name, what);
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " needs a name without line breaks or other control"
                + " characters, not " + name.replaceAll("\\p{Cntrl}", "?"));
        }
        return name;
    }

    static int seconds(int seconds, String what) {
        if (seconds < 0) {
            throw new IllegalArgumentException(what + " must be zero or more seconds, not " + seconds);
        }
        return seconds;
    }
}
