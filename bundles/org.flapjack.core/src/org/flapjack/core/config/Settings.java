package org.flapjack.core.config;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** An unmodifiable, ordered map of a section's keys whose toString never shows a password. */
final class Settings extends AbstractMap<String, String> {

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|secret|token).*");
    private static final Pattern URI_PASSWORD = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    private final Map<String, String> values;

    Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return values.entrySet();
    }

    @Override
    public String get(Object key) {
        return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + shown(entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static String shown(String key, String value) {
        if (SECRET_KEY.matcher(key).matches()) {
            return "****";
        }
        return URI_PASSWORD.matcher(value).replaceAll("$1****@");
    }
}
