package org.flapjack.console.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.flapjack.console.model.ChecksDocument;
import org.flapjack.core.model.Check;
import org.flapjack.core.model.Node;
import org.flapjack.populator.BatchContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DragRecipientsTest {

    @TempDir
    Path folder;

    private ConsoleFixture fixture;
    private RecipientsPart recipients;
    private ChecksPart checks;
    private NodesPart nodes;

    @BeforeEach
    void openParts() throws Exception {
        fixture = new ConsoleFixture(folder);
        Files.writeString(folder.resolve("recipients.conf"), """
                [Ada Lovelace]
                email = ada@example.org
                [Grace Hopper]
                jid = grace@chat.example.org
                """);
        SashForm sash = new SashForm(fixture.shell, SWT.HORIZONTAL);
        Composite left = new Composite(sash, SWT.NONE);
        SashForm right = new SashForm(sash, SWT.VERTICAL);
        Composite top = new Composite(right, SWT.NONE);
        Composite bottom = new Composite(right, SWT.NONE);
        sash.setWeights(35, 65);
        recipients = new RecipientsPart();
        recipients.createControls(left, fixture.session, fixture.part);
        checks = new ChecksPart();
        checks.createControls(top, fixture.session, fixture.part);
        nodes = new NodesPart();
        nodes.createControls(bottom, fixture.session, fixture.part);
        fixture.shell.setBounds(0, 0, 1250, 600);
        fixture.shell.open();
        Ui.waitUntil(fixture.display, java.time.Duration.ofSeconds(20), () -> checks.countText().contains(" of "));
        document().replace(new BatchContent(List.of(new Node("web1.example.org"), new Node("db1.example.org")),
                List.of(), List.of(check("disk web1", "web1.example.org"), check("load db1", "db1.example.org"),
                        check("load web1", "web1.example.org"))));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aRecipientDraggedOntoACheckIsAssignedAndShowsOnBothSides() throws Exception {
        Table recipientTable = recipients.viewer().getTable();
        Table checkTable = checks.viewer().getTable();
        recipientTable.setSelection(0);

        SwtDrag drag = new SwtDrag(recipientTable, TextTransfer.getInstance().getSupportedTypes()[0]);
        assertTrue(drag.start());
        int done = drag.drop(checkTable, checkTable.getItem(2));
        Ui.drain(fixture.display);

        assertEquals(DND.DROP_COPY, done);
        assertEquals(List.of("Ada Lovelace"), document().check("load web1").orElseThrow().recipients());
        assertEquals("Ada Lovelace", checkTable.getItem(2).getText(7));
        assertEquals("1", recipientTable.getItem(0).getText(1));
        assertEquals("0", recipientTable.getItem(1).getText(1));
        assertEquals(List.of("Ada Lovelace"), List.of(checks.assignedList().getItems()));
        assertTrue(fixture.part.isDirty());
        assertTrue(Files.size(Screenshots.save(fixture.shell, "drag-recipient-onto-check")) > 0);
    }

    @Test
    void aDropBesideEveryCheckIsRefused() {
        Table recipientTable = recipients.viewer().getTable();
        Table checkTable = checks.viewer().getTable();
        recipientTable.setSelection(1);

        SwtDrag drag = new SwtDrag(recipientTable, TextTransfer.getInstance().getSupportedTypes()[0]);
        assertTrue(drag.start());

        assertEquals(DND.DROP_NONE, drag.drop(checkTable, null));
        assertEquals(Map.of(), document().assignmentCounts());
    }

    @Test
    void twoRecipientsDroppedOnANodeAreAssignedToEachOfItsChecks() throws Exception {
        Table recipientTable = recipients.viewer().getTable();
        Table nodeTable = nodes.viewer().getTable();
        recipientTable.setSelection(new int[] { 0, 1 });
        int web1 = nodeTable.getItem(0).getText(0).equals("web1.example.org") ? 0 : 1;

        SwtDrag drag = new SwtDrag(recipientTable, TextTransfer.getInstance().getSupportedTypes()[0]);
        assertTrue(drag.start());
        assertEquals(DND.DROP_COPY, drag.drop(nodeTable, nodeTable.getItem(web1)));
        Ui.drain(fixture.display);

        assertEquals(Map.of("Ada Lovelace", 2, "Grace Hopper", 2), document().assignmentCounts());
        assertEquals(List.of(), document().check("load db1").orElseThrow().recipients());
        assertEquals("2", recipientTable.getItem(1).getText(1));
        Screenshots.save(fixture.shell, "drag-recipients-onto-node");
    }

    @Test
    void deleteInTheAssignedListRemovesTheAssignment() {
        document().assign(List.of("disk web1"), List.of("Ada Lovelace", "Grace Hopper"));
        Table checkTable = checks.viewer().getTable();
        checkTable.setSelection(0);
        checkTable.notifyListeners(SWT.Selection, new Event());
        Ui.drain(fixture.display);
        checks.assignedList().setSelection(0);

        Event delete = new Event();
        delete.keyCode = SWT.DEL;
        checks.assignedList().notifyListeners(SWT.KeyDown, delete);
        Ui.drain(fixture.display);

        assertEquals(List.of("Grace Hopper"), document().check("disk web1").orElseThrow().recipients());
        assertEquals("Grace Hopper", checkTable.getItem(0).getText(7));
    }

    private ChecksDocument document() {
        return fixture.session.document();
    }

    private static Check check(String name, String node) {
        return new Check(name, node, null, "check_load -H $FQDN", Map.of(), 60, 10, true, List.of(), List.of());
    }
}
