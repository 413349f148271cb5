package org.flapjack.console.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.Node;
import org.flapjack.populator.BatchContent;
import org.junit.jupiter.api.Test;

class BatchChangesTest {

    @Test
    void aCheckWhoseNodeChangedCountsAsChanged() {
        Check disk = new Check("disk", "web1", null, "check_disk -H $PORT", Map.of(), 60, 10, true, List.of(),
                List.of());
        BatchContent before = new BatchContent(List.of(new Node("web1", Map.of("PORT", "22"))), List.of(),
                List.of(disk));
        BatchContent after = new BatchContent(List.of(new Node("web1", Map.of("PORT", "2222"))), List.of(),
                List.of(disk));

        BatchChanges changes = BatchChanges.between(before, after);

        assertEquals(List.of("disk"), changes.changed());
        assertEquals("0 added, 0 removed, 1 changed", changes.counts());
    }
}
