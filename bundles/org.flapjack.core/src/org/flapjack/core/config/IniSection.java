package org.flapjack.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One {@code [section]} of an INI file as read: its name, the line of its header, and its keys in order. */
public final class IniSection {

    private final String name;
    private final int line;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final Map<String, Integer> repeats = new LinkedHashMap<>();

    IniSection(String name, int line) {
        this.name = name;
        this.line = line;
    }

    void put(String key, String value, int keyLine) {
        if (values.containsKey(key)) {
            repeats.putIfAbsent(key, keyLine);
        }
        values.put(key, value);
        lines.put(key, keyLine);
    }

    /** The name between the brackets, without surrounding spaces. */
    public String name() {
        return name;
    }

    /** The 1-based line of the header. */
    public int line() {
        return line;
    }

    /** The keys in the order they first appear. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The key's value; where a key repeats, the last one counts. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The keys given more than once, each with the 1-based line of its second value, in file order. */
    public Map<String, Integer> repeatedKeys() {
        return Collections.unmodifiableMap(repeats);
    }

    /** The 1-based line of the key's value, or the header's line when the key is absent. */
    public int lineOf(String key) {
        return lines.getOrDefault(key, line);
    }

    /** All keys and values in order; its toString hides passwords. */
    public Map<String, String> values() {
        return new Settings(values);
    }

    /** Names the section and its keys, never the values. */
    @Override
    public String toString() {
        return "[" + name + "] at line " + line + " with keys " + values.keySet();
    }
}
