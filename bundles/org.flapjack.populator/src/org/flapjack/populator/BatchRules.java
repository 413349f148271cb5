package org.flapjack.populator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Node;

/**
 * The rules a batch must keep before anything of it is deployed: names are unique within nodes, templates and checks;
 * every node, template and parent a check names exists; every enabled check has a command, an interval and a timeout
 * of its own or from its template; and no check is its own ancestor.
 */
public final class BatchRules {

    private final BatchContent content;

    private final List<BatchProblem> problems = new ArrayList<>();

    private BatchRules(BatchContent content) {
        this.content = content;
    }

    /** Every rule the batch breaks, in the order of the batch; empty when it may be deployed. */
    public static List<BatchProblem> problems(BatchContent content) {
        BatchRules rules = new BatchRules(content);
        rules.uniqueNames();
        rules.knownReferences();
        rules.noCycles();
        rules.runnable();
        return List.copyOf(rules.problems);
    }

    /** Throws the problems of the batch, if it has any, naming {@code file} (null when it came from elsewhere). */
    public static void require(BatchContent content, Path file) throws BatchRefusedException {
        List<BatchProblem> found = problems(content);
        if (!found.isEmpty()) {
            throw new BatchRefusedException(file, found);
        }
    }

    private void uniqueNames() {
        unique("nodes", content.nodes().stream().map(Node::name).toList(), "node");
        unique("templates", content.templates().stream().map(CheckTemplate::name).toList(), "template");
        unique("checks", content.checks().stream().map(Check::name).toList(), "check");
    }

    private void unique(String list, List<String> names, String kind) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer first = seen.putIfAbsent(names.get(i), i);
            if (first != null) {
                problems.add(new BatchProblem("$." + list + "[" + i + "].name", "duplicate " + kind + " name '"
                    + names.get(i) + "', already used at $." + list + "[" + first + "]"));
            }
        }
    }

    private void knownReferences() {
        Set<String> nodes = names(content.nodes().stream().map(Node::name).toList());
        Set<String> templates = names(content.templates().stream().map(CheckTemplate::name).toList());
        Set<String> checks = names(content.checks().stream().map(Check::name).toList());
        for (int i = 0; i < content.checks().size(); i++) {
            Check check = content.checks().get(i);
            String at = "$.checks[" + i + "]";
            known(at + ".node", check.node(), nodes, "node");
            known(at + ".template", check.template(), templates, "template");
            for (int p = 0; p < check.parents().size(); p++) {
                String parent = check.parents().get(p);
                if (parent.equals(check.name())) {
                    problems.add(new BatchProblem(at + ".parents[" + p + "]", "check '" + parent
                        + "' cannot be its own parent"));
                } else {
                    known(at + ".parents[" + p + "]", parent, checks, "parent check");
                }
            }
        }
    }

    /** Checked here rather than when the jobs are planned, so that no deploy finds it after the tube was drained. */
    private void runnable() {
        Map<String, CheckTemplate> templates = new HashMap<>();
        content.templates().forEach(template -> templates.putIfAbsent(template.name(), template));
        for (int i = 0; i < content.checks().size(); i++) {
            Check check = content.checks().get(i);
            CheckTemplate template = check.template() == null ? null : templates.get(check.template());
            if (!check.enabled() || (check.template() != null && !check.template().isEmpty() && template == null)) {
                continue;
            }
            String at = "$.checks[" + i + "]";
            String where = template == null ? "set it on the check" : "set it on the check or its template '"
                + template.name() + "'";
            boolean command = hasText(check.command()) || template != null && hasText(template.command());
            if (!command) {
                problems.add(new BatchProblem(at + ".command", "check '" + check.name() + "' has no command; "
                    + where));
            }
            int interval = check.interval() > 0 ? check.interval() : template == null ? 0 : template.interval();
            if (interval < 1) {
                problems.add(new BatchProblem(at + ".interval", "check '" + check.name() + "' has no interval of 1 s"
                    + " or more; " + where));
            }
            int timeout = check.timeout() > 0 ? check.timeout() : template == null ? 0 : template.timeout();
            if (timeout < 1) {
                problems.add(new BatchProblem(at + ".timeout", "check '" + check.name() + "' has no timeout of 1 s"
                    + " or more; " + where));
            }
        }
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }

    private void known(String path, String name, Set<String> known, String kind) {
        if (name != null && !name.isEmpty() && !known.contains(name)) {
            problems.add(new BatchProblem(path, "unknown " + kind + " '" + name + "'"));
        }
    }

    private static Set<String> names(List<String> names) {
        return new HashSet<>(names);
    }

    /** Walks the parent relations depth first and reports each cycle once, at the check that closes it. */
    private void noCycles() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < content.checks().size(); i++) {
            index.putIfAbsent(content.checks().get(i).name(), i);
        }
        CycleSearch search = new CycleSearch(index);
        for (int i = 0; i < content.checks().size(); i++) {
            search.visit(i);
        }
    }

    /** Depth-first search with the usual three colours; iterative, so a long chain of parents cannot overflow. */
    private final class CycleSearch {

        private final Map<String, Integer> index;

        private final byte[] state;

        private static final byte DONE = 2;

        private static final byte ON_PATH = 1;

        CycleSearch(Map<String, Integer> index) {
            this.index = index;
            this.state = new byte[content.checks().size()];
        }

        void visit(int start) {
            if (state[start] == DONE) {
                return;
            }
            List<int[]> stack = new ArrayList<>();
            stack.add(new int[] {start, 0});
            state[start] = ON_PATH;
            while (!stack.isEmpty()) {
                int[] top = stack.get(stack.size() - 1);
                List<String> parents = content.checks().get(top[0]).parents();
                if (top[1] == parents.size()) {
                    state[top[0]] = DONE;
                    stack.remove(stack.size() - 1);
                    continue;
                }
                int p = top[1]++;
                Integer parent = index.get(parents.get(p));
                if (parent == null || parent == top[0] || state[parent] == DONE) {
                    continue;
                }
                if (state[parent] == ON_PATH) {
                    problems.add(new BatchProblem("$.checks[" + top[0] + "].parents[" + p + "]",
                        "parent relations form a cycle: " + cycle(stack, parent)));
                    continue;
                }
                state[parent] = ON_PATH;
                stack.add(new int[] {parent, 0});
            }
        }

        private String cycle(List<int[]> stack, int closing) {
            StringBuilder names = new StringBuilder();
            boolean inCycle = false;
            for (int[] frame : stack) {
                inCycle |= frame[0] == closing;
                if (inCycle) {
                    names.append(content.checks().get(frame[0]).name()).append(" -> ");
                }
            }
            return names.append(content.checks().get(closing).name()).toString();
        }
    }
}
