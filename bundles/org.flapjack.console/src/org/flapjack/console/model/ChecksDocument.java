package org.flapjack.console.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Node;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.populator.BatchContent;

/**
 * The nodes, check templates and checks being edited in the console: a working copy of what persistence holds, with
 * the changes not yet saved. Used from the UI thread only; loading reads persistence elsewhere and hands the result to
 * {@link #replace(BatchContent)}.
 */
public final class ChecksDocument {

    private final Map<String, Check> checks = new TreeMap<>();
    private final Map<String, Node> nodes = new TreeMap<>();
    private final Map<String, CheckTemplate> templates = new TreeMap<>();

    private final Changes checkChanges = new Changes();
    private final Changes nodeChanges = new Changes();
    private final Changes templateChanges = new Changes();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private Check[] sortedChecks = new Check[0];
    private ChangeSet saving;

    /** Reads everything the store holds; safe to call from any thread. */
    public static BatchContent read(Persistence persistence) {
        return new BatchContent(persistence.nodes(), persistence.templates(), persistence.checks());
    }

    /** Shows CONTENT in place of everything, dropping unsaved changes. */
    public void replace(BatchContent content) {
        checks.clear();
        nodes.clear();
        templates.clear();
        content.checks().forEach(check -> checks.put(check.name(), check));
        content.nodes().forEach(node -> nodes.put(node.name(), node));
        content.templates().forEach(template -> templates.put(template.name(), template));
        checkChanges.clear();
        nodeChanges.clear();
        templateChanges.clear();
        changed();
    }

    /**
     * Adds or replaces every node, template and check of CONTENT, as unsaved changes: what importing a batch file
     * does. Checks of the document that CONTENT does not name stay.
     *
     * @throws IllegalArgumentException when the result would have a cycle of parents; nothing changes then
     */
    public void merge(BatchContent content) {
        Map<String, Check> before = new TreeMap<>(checks);
        content.checks().forEach(check -> checks.put(check.name(), check));
        for (Check check : content.checks()) {
            Optional<String> cycle = cycleThrough(check.name(), check.parents());
            if (cycle.isPresent()) {
                checks.clear();
                checks.putAll(before);
                throw new IllegalArgumentException("parent relations would form a cycle: " + cycle.get());
            }
        }
        content.checks().forEach(check -> checkChanges.put(check.name()));
        content.nodes().forEach(node -> {
            nodes.put(node.name(), node);
            nodeChanges.put(node.name());
        });
        content.templates().forEach(template -> {
            templates.put(template.name(), template);
            templateChanges.put(template.name());
        });
        changed();
    }

    /** Every check, ordered by name; the array is shared, so callers must not change it. */
    public Check[] checks() {
        return sortedChecks;
    }

    public Optional<Check> check(String name) {
        return Optional.ofNullable(name == null ? null : checks.get(name));
    }

    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public Optional<Node> node(String name) {
        return Optional.ofNullable(name == null ? null : nodes.get(name));
    }

    public List<CheckTemplate> templates() {
        return List.copyOf(templates.values());
    }

    public Optional<CheckTemplate> template(String name) {
        return Optional.ofNullable(name == null ? null : templates.get(name));
    }

    /** What a deploy of this document would put on the jobs tube, saved or not. */
    public BatchContent content() {
        return new BatchContent(nodes(), templates(), List.of(sortedChecks));
    }

    /** Whether something changed since the last load or save. */
    public boolean isDirty() {
        return !checkChanges.isEmpty() || !nodeChanges.isEmpty() || !templateChanges.isEmpty();
    }

    /** Runs LISTENER after every change, on the thread that made it. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /**
     * Stores CHECK, replacing the check called PREVIOUS (null for a new check). A rename also renames the parent
     * references of other checks.
     *
     * @throws IllegalArgumentException when another check has the name, or the parents would form a cycle
     */
    public void putCheck(String previous, Check check) {
        if (!check.name().equals(previous) && checks.containsKey(check.name())) {
            throw new IllegalArgumentException("a check called '" + check.name() + "' exists already");
        }
        cycleThrough(check.name(), check.parents()).ifPresent(cycle -> {
            throw new IllegalArgumentException("parent relations would form a cycle: " + cycle);
        });
        if (previous != null && !previous.equals(check.name())) {
            checks.remove(previous);
            checkChanges.delete(previous);
            renameParent(previous, check.name());
        }
        checks.put(check.name(), check);
        checkChanges.put(check.name());
        changed();
    }

    /** Removes the named checks; returns how many there were. */
    public int deleteChecks(Collection<String> names) {
        int removed = 0;
        for (String name : names) {
            if (checks.remove(name) != null) {
                checkChanges.delete(name);
                removed++;
            }
        }
        changed();
        return removed;
    }

    /** Adds a copy of the named check under a free name such as {@code disk (copy)} and returns the copy. */
    public Check duplicate(String name) {
        Check original = checks.get(name);
        if (original == null) {
            throw new IllegalArgumentException("no check called '" + name + "'");
        }
        String copyName = name + " (copy)";
        for (int n = 2; checks.containsKey(copyName); n++) {
            copyName = name + " (copy " + n + ")";
        }
        Check copy = new Check(copyName, original.node(), original.template(), original.command(), original.params(),
                original.interval(), original.timeout(), original.enabled(), original.parents(),
                original.recipients());
        putCheck(null, copy);
        return copy;
    }

    /** Sets the enabled flag of the named checks. */
    public void setEnabled(Collection<String> names, boolean enabled) {
        for (String name : names) {
            Check check = checks.get(name);
            if (check != null && check.enabled() != enabled) {
                checks.put(name, withEnabled(check, enabled));
                checkChanges.put(name);
            }
        }
        changed();
    }

    /** Assigns RECIPIENTS to each named check, after those it has; returns how many checks changed. */
    public int assign(Collection<String> checkNames, List<String> recipients) {
        int count = 0;
        for (String name : checkNames) {
            Check check = checks.get(name);
            if (check == null) {
                continue;
            }
            Set<String> assigned = new LinkedHashSet<>(check.recipients());
            if (assigned.addAll(recipients)) {
                checks.put(name, withRecipients(check, List.copyOf(assigned)));
                checkChanges.put(name);
                count++;
            }
        }
        changed();
        return count;
    }

    /** Assigns RECIPIENTS to every check of the node; returns how many checks changed. */
    public int assignToNode(String node, List<String> recipients) {
        return assign(checksOfNode(node), recipients);
    }

    /** Assigns RECIPIENTS to every check made from the template; returns how many checks changed. */
    public int assignToTemplate(String template, List<String> recipients) {
        return assign(checksOfTemplate(template), recipients);
    }

    /** Takes RECIPIENTS off the named check. */
    public void unassign(String checkName, Collection<String> recipients) {
        unassign(List.of(checkName), recipients);
    }

    /** Takes RECIPIENTS off each named check; returns how many checks changed. */
    public int unassign(Collection<String> checkNames, Collection<String> recipients) {
        int count = 0;
        for (String name : checkNames) {
            Check check = checks.get(name);
            if (check == null) {
                continue;
            }
            List<String> kept = check.recipients().stream().filter(recipient -> !recipients.contains(recipient))
                    .toList();
            if (kept.size() != check.recipients().size()) {
                checks.put(name, withRecipients(check, kept));
                checkChanges.put(name);
                count++;
            }
        }
        if (count > 0) {
            changed();
        }
        return count;
    }

    /** For each recipient name, how many checks it is assigned to. */
    public Map<String, Integer> assignmentCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (Check check : sortedChecks) {
            check.recipients().forEach(name -> counts.merge(name, 1, Integer::sum));
        }
        return counts;
    }

    /** The names of the checks that run on NODE. */
    public List<String> checksOfNode(String node) {
        List<String> names = new ArrayList<>();
        for (Check check : sortedChecks) {
            if (node.equals(check.node())) {
                names.add(check.name());
            }
        }
        return names;
    }

    /** The names of the checks made from TEMPLATE. */
    public List<String> checksOfTemplate(String template) {
        List<String> names = new ArrayList<>();
        for (Check check : sortedChecks) {
            if (template.equals(check.template())) {
                names.add(check.name());
            }
        }
        return names;
    }

    /**
     * The cycle that giving check NAME these PARENTS would close, as {@code a -> b -> a}; empty when there is none.
     * Walks the ancestors of each parent, so its cost is the size of the ancestry, not of the document.
     */
    public Optional<String> cycleThrough(String name, List<String> parents) {
        for (String parent : parents) {
            List<String> path = pathTo(parent, name, new HashSet<>());
            if (path != null) {
                return Optional.of(name + " -> " + String.join(" -> ", path));
            }
        }
        return Optional.empty();
    }

    private List<String> pathTo(String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return new ArrayList<>(List.of(from));
        }
        if (!seen.add(from)) {
            return null;
        }
        Check check = checks.get(from);
        if (check == null) {
            return null;
        }
        for (String parent : check.parents()) {
            List<String> rest = pathTo(parent, target, seen);
            if (rest != null) {
                rest.add(0, from);
                return rest;
            }
        }
        return null;
    }

    /** Stores NODE, replacing the node called PREVIOUS (null for a new one); a rename moves its checks along. */
    public void putNode(String previous, Node node) {
        if (!node.name().equals(previous) && nodes.containsKey(node.name())) {
            throw new IllegalArgumentException("a node called '" + node.name() + "' exists already");
        }
        if (previous != null && !previous.equals(node.name())) {
            nodes.remove(previous);
            nodeChanges.delete(previous);
            for (String name : checksOfNode(previous)) {
                Check c = checks.get(name);
                checks.put(name, new Check(c.name(), node.name(), c.template(), c.command(), c.params(),
                        c.interval(), c.timeout(), c.enabled(), c.parents(), c.recipients()));
                checkChanges.put(name);
            }
        }
        nodes.put(node.name(), node);
        nodeChanges.put(node.name());
        changed();
    }

    /** Removes the node; refused while a check runs on it. */
    public void deleteNode(String name) {
        List<String> using = checksOfNode(name);
        if (!using.isEmpty()) {
            throw new IllegalArgumentException("node '" + name + "' is used by " + using.size() + " checks, such as '"
                    + using.get(0) + "'; delete or move them first");
        }
        if (nodes.remove(name) != null) {
            nodeChanges.delete(name);
            changed();
        }
    }

    /** Stores TEMPLATE, replacing the template called PREVIOUS (null for a new one). */
    public void putTemplate(String previous, CheckTemplate template) {
        if (!template.name().equals(previous) && templates.containsKey(template.name())) {
            throw new IllegalArgumentException("a template called '" + template.name() + "' exists already");
        }
        if (previous != null && !previous.equals(template.name())) {
            templates.remove(previous);
            templateChanges.delete(previous);
        }
        templates.put(template.name(), template);
        templateChanges.put(template.name());
        changed();
    }

    /** Removes the template; refused while a check uses it. */
    public void deleteTemplate(String name) {
        for (Check check : sortedChecks) {
            if (name.equals(check.template())) {
                throw new IllegalArgumentException("template '" + name + "' is used by check '" + check.name()
                        + "'; change that check first");
            }
        }
        if (templates.remove(name) != null) {
            templateChanges.delete(name);
            changed();
        }
    }

    /**
     * Takes the unsaved changes for a save that runs on another thread; editing may go on meanwhile. Empty while
     * an earlier save runs. End the save with {@link #endSave}.
     */
    public Optional<ChangeSet> beginSave() {
        if (saving != null) {
            return Optional.empty();
        }
        saving = new ChangeSet(values(nodes, nodeChanges.saved), values(templates, templateChanges.saved),
                values(checks, checkChanges.saved), List.copyOf(checkChanges.deleted),
                List.copyOf(templateChanges.deleted), List.copyOf(nodeChanges.deleted));
        return Optional.of(saving);
    }

    /** Whether a save begun with {@link #beginSave} has not ended yet. */
    public boolean isSaving() {
        return saving != null;
    }

    /**
     * Ends the save of CHANGES. When they were STORED, the changes that are still as they were taken count as saved;
     * edits made during the save stay unsaved. When not, every change stays unsaved, to be saved again.
     */
    public void endSave(ChangeSet changes, boolean stored) {
        if (changes != saving) {
            throw new IllegalStateException("the save that ends is not the one that runs");
        }
        saving = null;
        if (stored) {
            changes.nodes().forEach(node -> nodeChanges.saved(node.name(), nodes.get(node.name()) == node));
            changes.templates().forEach(template -> templateChanges.saved(template.name(),
                    templates.get(template.name()) == template));
            changes.checks().forEach(check -> checkChanges.saved(check.name(), checks.get(check.name()) == check));
            changes.deletedChecks().forEach(name -> checkChanges.deleted(name, !checks.containsKey(name)));
            changes.deletedTemplates().forEach(name -> templateChanges.deleted(name, !templates.containsKey(name)));
            changes.deletedNodes().forEach(name -> nodeChanges.deleted(name, !nodes.containsKey(name)));
        }
        changed();
    }

    private static <T> List<T> values(Map<String, T> map, Set<String> names) {
        return names.stream().map(map::get).toList();
    }

    private void renameParent(String previous, String name) {
        for (Check check : List.copyOf(checks.values())) {
            if (check.parents().contains(previous)) {
                List<String> parents = check.parents().stream().map(p -> p.equals(previous) ? name : p).toList();
                checks.put(check.name(), new Check(check.name(), check.node(), check.template(), check.command(),
                        check.params(), check.interval(), check.timeout(), check.enabled(), parents,
                        check.recipients()));
                checkChanges.put(check.name());
            }
        }
    }

    private void changed() {
        sortedChecks = checks.values().toArray(Check[]::new);
        listeners.forEach(Runnable::run);
    }

    static Check withEnabled(Check c, boolean enabled) {
        return new Check(c.name(), c.node(), c.template(), c.command(), c.params(), c.interval(), c.timeout(),
                enabled, c.parents(), c.recipients());
    }

    static Check withRecipients(Check c, List<String> recipients) {
        return new Check(c.name(), c.node(), c.template(), c.command(), c.params(), c.interval(), c.timeout(),
                c.enabled(), c.parents(), recipients);
    }

    /** The names written and the names removed since the last save, for one kind of thing. */
    private static final class Changes {

        final Set<String> saved = new LinkedHashSet<>();
        final Set<String> deleted = new LinkedHashSet<>();

        void put(String name) {
            deleted.remove(name);
            saved.add(name);
        }

        void delete(String name) {
            saved.remove(name);
            deleted.add(name);
        }

        boolean isEmpty() {
            return saved.isEmpty() && deleted.isEmpty();
        }

        void clear() {
            saved.clear();
            deleted.clear();
        }

        /** Forgets that NAME was to be stored, when it is STILL_AS_SAVED. */
        void saved(String name, boolean stillAsSaved) {
            if (stillAsSaved) {
                saved.remove(name);
            }
        }

        /** Forgets that NAME was to be removed, when it is STILL_GONE. */
        void deleted(String name, boolean stillGone) {
            if (stillGone) {
                deleted.remove(name);
            }
        }
    }
}
