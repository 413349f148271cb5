package org.flapjack.console.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Node;
import org.flapjack.populator.BatchContent;

/**
 * What a deploy changes since the batch deployed before: the checks added, removed and changed, by name. A check
 * counts as changed when it, its node or its template differs.
 */
public record BatchChanges(List<String> added, List<String> removed, List<String> changed) {

    public BatchChanges {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** The changes from PREVIOUS (null: nothing was deployed before) to NEXT. */
    public static BatchChanges between(BatchContent previous, BatchContent next) {
        BatchContent before = previous == null ? new BatchContent(List.of(), List.of(), List.of()) : previous;
        Map<String, Check> old = new HashMap<>();
        before.checks().forEach(check -> old.put(check.name(), check));
        Lookup oldLookup = new Lookup(before);
        Lookup newLookup = new Lookup(next);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Check check : next.checks()) {
            Check earlier = old.remove(check.name());
            if (earlier == null) {
                added.add(check.name());
            } else if (!earlier.equals(check) || !oldLookup.sameDependencies(earlier, newLookup, check)) {
                changed.add(check.name());
            }
        }
        List<String> removed = old.keySet().stream().sorted().toList();
        return new BatchChanges(added, removed, changed);
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** One line: {@code 3 added, 1 removed, 2 changed}. */
    public String counts() {
        return added.size() + " added, " + removed.size() + " removed, " + changed.size() + " changed";
    }

    /** A few lines naming the first checks of each kind of change, for a person to confirm. */
    public String describe(int perKind) {
        StringBuilder text = new StringBuilder(counts());
        list(text, "added", added, perKind);
        list(text, "removed", removed, perKind);
        list(text, "changed", changed, perKind);
        return text.toString();
    }

    private static void list(StringBuilder text, String kind, List<String> names, int perKind) {
        if (names.isEmpty()) {
            return;
        }
        text.append("\n").append(kind).append(": ").append(String.join(", ", names.subList(0,
                Math.min(perKind, names.size()))));
        if (names.size() > perKind) {
            text.append(" and ").append(names.size() - perKind).append(" more");
        }
    }

    /** The nodes and templates of one batch, by name. */
    private static final class Lookup {

        private final Map<String, Node> nodes = new HashMap<>();
        private final Map<String, CheckTemplate> templates = new HashMap<>();

        Lookup(BatchContent content) {
            content.nodes().forEach(node -> nodes.put(node.name(), node));
            content.templates().forEach(template -> templates.put(template.name(), template));
        }

        boolean sameDependencies(Check mine, Lookup other, Check theirs) {
            return Objects.equals(node(mine), other.node(theirs)) && Objects.equals(template(mine),
                    other.template(theirs));
        }

        private Node node(Check check) {
            return check.node() == null ? null : nodes.get(check.node());
        }

        private CheckTemplate template(Check check) {
            return check.template() == null ? null : templates.get(check.template());
        }
    }
}
