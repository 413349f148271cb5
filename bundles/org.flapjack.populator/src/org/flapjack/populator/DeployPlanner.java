package org.flapjack.populator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.CommandRenderer;
import org.flapjack.core.model.Node;
import org.flapjack.core.transport.JobDocument;
import org.flapjack.core.transport.NewJob;

/**
 * Works out the jobs of a batch: renders each enabled check's command from its node and template, takes interval and
 * timeout from the check or else its template, and spreads the first runs of the checks that share an interval evenly
 * over that interval, in batch order, so that the same batch always starts the same way.
 */
final class DeployPlanner {

    private final Map<String, Node> nodes;

    private final Map<String, CheckTemplate> templates;

    private DeployPlanner(BatchContent content) {
        this.nodes = byName(content.nodes(), Node::name);
        this.templates = byName(content.templates(), CheckTemplate::name);
    }

    /** The plan for the batch, which must already keep {@link BatchRules}. */
    static DeployPlan plan(String batch, BatchContent content) {
        return new DeployPlanner(content).planChecks(batch, content.checks());
    }

    private DeployPlan planChecks(String batch, List<Check> checks) {
        List<JobDocument> documents = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Check check : checks) {
            if (!check.enabled()) {
                disabled.add(check.name());
                continue;
            }
            try {
                documents.add(document(batch, check));
            } catch (IllegalArgumentException e) {
                failed.put(check.name(), e.getMessage());
            }
        }
        return new DeployPlan(batch, spread(documents), disabled, failed);
    }

    private JobDocument document(String batch, Check check) {
        CheckTemplate template = check.template() == null ? null : templates.get(check.template());
        Node node = check.node() == null ? null : nodes.get(check.node());
        int interval = check.interval() > 0 ? check.interval() : template == null ? 0 : template.interval();
        int timeout = check.timeout() > 0 ? check.timeout() : template == null ? 0 : template.timeout();
        if (interval < 1 || timeout < 1) {
            throw new IllegalArgumentException("no " + (interval < 1 ? "interval" : "timeout")
                + ": set one on the check" + (template == null ? "" : " or its template " + template.name()));
        }
        return new JobDocument(batch, check.name(), CommandRenderer.render(check, node, template), interval, timeout);
    }

    /** The k-th of m checks with interval i first runs after k * i / m seconds (beanstalkd counts whole seconds). */
    private static List<NewJob> spread(List<JobDocument> documents) {
        Map<Integer, Integer> sharing = new HashMap<>();
        documents.forEach(document -> sharing.merge(document.interval(), 1, Integer::sum));
        Map<Integer, Integer> seen = new HashMap<>();
        List<NewJob> jobs = new ArrayList<>(documents.size());
        for (JobDocument document : documents) {
            long k = seen.merge(document.interval(), 1, Integer::sum) - 1;
            long delay = k * document.interval() / sharing.get(document.interval());
            jobs.add(NewJob.of(document).withDelay(Duration.ofSeconds(delay)));
        }
        return jobs;
    }

    private static <T> Map<String, T> byName(List<T> values, Function<T, String> name) {
        Map<String, T> map = new HashMap<>();
        values.forEach(value -> map.putIfAbsent(name.apply(value), value));
        return map;
    }
}
