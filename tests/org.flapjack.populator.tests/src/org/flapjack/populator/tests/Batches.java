package org.flapjack.populator.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.Node;
import org.flapjack.populator.BatchContent;

/** Batches of simple checks on one node, for the tests. */
final class Batches {

    static final String NODE = "web1.example.com";

    private Batches() {
    }

    /** {@code count} enabled checks named check-0, check-1, ... running every {@code interval} seconds. */
    static BatchContent numbered(int count, int interval) {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            checks.add(check("check-" + i, interval));
        }
        return of(checks);
    }

    static BatchContent of(List<Check> checks) {
        return new BatchContent(List.of(new Node(NODE)), List.of(), checks);
    }

    static Check check(String name, int interval) {
        return new Check(name, NODE, null, "/usr/lib/nagios/plugins/check_ping -H $FQDN", Map.of(), interval, 5, true,
            List.of(), List.of());
    }

    static Check disabled(Check check) {
        return new Check(check.name(), check.node(), check.template(), check.command(), check.params(),
            check.interval(), check.timeout(), false, check.parents(), check.recipients());
    }

    static Check withParents(Check check, String... parents) {
        return new Check(check.name(), check.node(), check.template(), check.command(), check.params(),
            check.interval(), check.timeout(), check.enabled(), List.of(parents), check.recipients());
    }

    static Check withCommand(Check check, String command) {
        return new Check(check.name(), check.node(), check.template(), command, check.params(), check.interval(),
            check.timeout(), check.enabled(), check.parents(), check.recipients());
    }
}
