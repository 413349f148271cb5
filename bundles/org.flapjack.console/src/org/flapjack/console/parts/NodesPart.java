package org.flapjack.console.parts;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.flapjack.console.model.ChecksDocument;
import org.flapjack.core.model.Check;
import org.flapjack.core.model.Node;

/** Edits the nodes checks run on. Recipients dropped on a node are assigned to every check of that node. */
public class NodesPart extends CheckGroupsPart<Node> {

    public NodesPart() {
        super(Node.class, "Node");
    }

    @Override
    void addColumns() {
        addColumn("Node", 200, Node::name);
        addColumn("Params", 220, node -> node.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")));
    }

    @Override
    String name(Node node) {
        return node.name();
    }

    @Override
    String groupOf(Check check) {
        return check.node();
    }

    @Override
    List<Node> groups(ChecksDocument checks) {
        return checks.nodes();
    }

    @Override
    Optional<Node> dialog(Shell shell, Node original, Set<String> taken) {
        NodeDialog dialog = new NodeDialog(shell, original, taken);
        return dialog.open() == Window.OK ? Optional.of(dialog.result()) : Optional.empty();
    }

    @Override
    void put(ChecksDocument checks, String oldName, Node node) {
        checks.putNode(oldName, node);
    }

    @Override
    void delete(ChecksDocument checks, String name) {
        checks.deleteNode(name);
    }

    @Override
    List<String> checksOf(ChecksDocument checks, String name) {
        return checks.checksOfNode(name);
    }
}
