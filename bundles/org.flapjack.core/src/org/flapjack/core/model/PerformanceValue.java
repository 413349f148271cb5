package org.flapjack.core.model;

/**
 * One item of a plugin's performance data: {@code 'label'=value[unit];[warning];[critical];[min];[max]}. The
 * numbers stay as the plugin wrote them ({@code U} means it could not tell); a part that was left out is empty.
 */
public record PerformanceValue(String label, String value, String unit, String warning, String critical,
        String min, String max) {

    public PerformanceValue {
        Copies.name(label, "a performance value");
        value = orEmpty(value);
        unit = orEmpty(unit);
        warning = orEmpty(warning);
        critical = orEmpty(critical);
        min = orEmpty(min);
        max = orEmpty(max);
    }

    /** This value as a plugin writes it, quoting the label where it needs it and dropping empty tail parts. */
    public String format() {
        String text = quotedLabel() + "=" + value + unit + ";" + warning + ";" + critical + ";" + min + ";" + max;
        return text.replaceAll(";+$", "");
    }

    private String quotedLabel() {
        if (label.matches("[^\\s'=]+")) {
            return label;
        }
        return "'" + label.replace("'", "''") + "'";
    }

    private static String orEmpty(String part) {
        return part == null ? "" : part;
    }
}
