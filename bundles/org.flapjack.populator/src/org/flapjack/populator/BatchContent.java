package org.flapjack.populator;

import java.util.List;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Node;

/**
 * What a batch deploys: the checks, and the nodes and templates their commands are rendered from. The order of each
 * list is kept; it is the order of a batch file and the order in which first runs are spread.
 */
public record BatchContent(List<Node> nodes, List<CheckTemplate> templates, List<Check> checks) {

    public BatchContent {
        nodes = List.copyOf(nodes);
        templates = List.copyOf(templates);
        checks = List.copyOf(checks);
    }
}
