package org.flapjack.console.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckStatus;

/**
 * The checks whose name, node, command, template or latest status contains every word of a filter text, ignoring
 * case. An empty text keeps every check.
 */
public final class CheckFilter {

    private final String[] words;

    public CheckFilter(String text) {
        String trimmed = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        this.words = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    /** The checks of ALL that match, in their order; STATUSES gives each check's latest status, if known. */
    public Check[] apply(Check[] all, Map<String, CheckStatus> statuses) {
        if (words.length == 0) {
            return all;
        }
        return Arrays.stream(all).filter(check -> matches(check, statuses.get(check.name()))).toArray(Check[]::new);
    }

    /** Whether CHECK, whose latest status is STATUS (null when unknown), matches every word. */
    public boolean matches(Check check, CheckStatus status) {
        for (String word : words) {
            if (!contains(check.name(), word) && !contains(check.node(), word) && !contains(check.command(), word)
                    && !contains(check.template(), word)
                    && !(status != null && contains(status.status().name(), word))) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(String field, String word) {
        if (field == null || field.length() < word.length()) {
            return false;
        }
        return field.toLowerCase(Locale.ROOT).contains(word);
    }
}
