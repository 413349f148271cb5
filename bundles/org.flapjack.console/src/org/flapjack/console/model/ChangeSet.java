package org.flapjack.console.model;

import java.util.List;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Node;
import org.flapjack.core.persistence.Persistence;

/**
 * The unsaved changes of a checks document as they were at one moment: what to store and what to remove. It is
 * immutable, so it can be written from another thread while editing goes on.
 */
public record ChangeSet(List<Node> nodes, List<CheckTemplate> templates, List<Check> checks,
        List<String> deletedChecks, List<String> deletedTemplates, List<String> deletedNodes) {

    public ChangeSet {
        nodes = List.copyOf(nodes);
        templates = List.copyOf(templates);
        checks = List.copyOf(checks);
        deletedChecks = List.copyOf(deletedChecks);
        deletedTemplates = List.copyOf(deletedTemplates);
        deletedNodes = List.copyOf(deletedNodes);
    }

    /** Hears how much of a write is done, in changes (a node, a template, a check or a deletion each count one). */
    @FunctionalInterface
    public interface Progress {

        void progress(int done, int total, String step);
    }

    /** How many things change. */
    public int size() {
        return nodes.size() + templates.size() + checks.size() + deletedChecks.size() + deletedTemplates.size()
                + deletedNodes.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** For a person: {@code 10000 checks saved, 2 nodes saved, 3 checks deleted}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        append(text, nodes.size(), "node", "saved");
        append(text, templates.size(), "template", "saved");
        append(text, checks.size(), "check", "saved");
        append(text, deletedChecks.size(), "check", "deleted");
        append(text, deletedTemplates.size(), "template", "deleted");
        append(text, deletedNodes.size(), "node", "deleted");
        return text.isEmpty() ? "no changes" : text.toString();
    }

    /**
     * Writes the changes: nodes and templates before the checks that name them, and deletions of checks before
     * those of the templates and nodes they used. The checks go in one batch write, so a store with transactions
     * holds all of them or none; a failure is a {@link org.flapjack.core.persistence.PersistenceException}.
     */
    public void writeTo(Persistence persistence, Progress progress) {
        int total = size();
        int done = 0;
        for (Node node : nodes) {
            persistence.saveNode(node);
            progress.progress(++done, total, "node " + node.name());
        }
        for (CheckTemplate template : templates) {
            persistence.saveTemplate(template);
            progress.progress(++done, total, "template " + template.name());
        }
        progress.progress(done, total, "saving " + checks.size() + " checks");
        persistence.saveChecks(checks);
        done += checks.size();
        progress.progress(done, total, "deleting " + deletedChecks.size() + " checks");
        persistence.deleteChecks(deletedChecks);
        done += deletedChecks.size();
        for (String template : deletedTemplates) {
            persistence.deleteTemplate(template);
            progress.progress(++done, total, "deleted template " + template);
        }
        for (String node : deletedNodes) {
            persistence.deleteNode(node);
            progress.progress(++done, total, "deleted node " + node);
        }
        progress.progress(total, total, "saved");
    }

    private static void append(StringBuilder text, int count, String kind, String what) {
        if (count > 0) {
            text.append(text.isEmpty() ? "" : ", ").append(count).append(' ').append(kind)
                    .append(count == 1 ? "" : "s").append(' ').append(what);
        }
    }
}
