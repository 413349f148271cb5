package org.flapjack.console.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.TransferData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MenuItem;
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

        SwtDrag drag = new SwtDrag(recipientTable, text());
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
    void aDropBesideEveryCheckIsRefusedWithAReason() {
        Table recipientTable = recipients.viewer().getTable();
        Table checkTable = checks.viewer().getTable();
        recipientTable.setSelection(1);

        SwtDrag drag = new SwtDrag(recipientTable, text());
        assertTrue(drag.start());

        assertEquals(DND.DROP_NONE, drag.over(checkTable, null));
        assertTrue(checks.dropHint().isRefusal());
        assertEquals("Drop onto a check to assign Grace Hopper to it", checks.dropHint().text());
        assertEquals(checks.dropHint().text(), checkTable.getToolTipText());
        assertEquals(DND.DROP_NONE, drag.drop(checkTable, null));
        assertEquals(Map.of(), document().assignmentCounts());
    }

    @Test
    void aRecipientDraggedUpTheListMovesThereAndTheSavedFileKeepsItsCommentsAndKeys() throws Exception {
        Path file = folder.resolve("recipients.conf");
        Files.writeString(file, """
                # on call this week

                [Ada Lovelace]
                email = ada@example.org   ; work address
                shift = nights

                ; the admiral
                [Grace Hopper]
                jid = grace@chat.example.org

                [Alan Turing]
                pager = 5551234
                """);
        recipients.open(file);
        Table recipientTable = recipients.viewer().getTable();
        recipientTable.setSelection(2);

        SwtDrag drag = new SwtDrag(recipientTable, text());
        assertTrue(drag.start());
        assertEquals(DND.DROP_MOVE, drag.over(recipientTable, recipientTable.getItem(0), 0.2));
        assertEquals("Move Alan Turing above Ada Lovelace", recipients.dropHint().text());
        assertEquals(DND.DROP_MOVE, drag.drop(recipientTable, recipientTable.getItem(0), 0.2));
        Ui.drain(fixture.display);

        assertEquals(List.of("Alan Turing", "Ada Lovelace", "Grace Hopper"), tableColumn(recipientTable, 0));
        assertEquals(List.of("Alan Turing"), recipients.viewer().getStructuredSelection().toList().stream()
                .map(recipient -> ((org.flapjack.core.model.Recipient) recipient).name()).toList());
        assertTrue(fixture.part.isDirty());
        Screenshots.save(fixture.shell, "drag-recipient-to-reorder");
        recipients.save();
        assertEquals("""
                # on call this week

                [Alan Turing]
                pager = 5551234

                [Ada Lovelace]
                email = ada@example.org   ; work address
                shift = nights

                ; the admiral
                [Grace Hopper]
                jid = grace@chat.example.org
                """, Files.readString(file));
    }

    @Test
    void aRecipientDraggedBelowTheLastMovesToTheEnd() {
        Table recipientTable = recipients.viewer().getTable();
        recipientTable.setSelection(0);

        SwtDrag drag = new SwtDrag(recipientTable, text());
        assertTrue(drag.start());

        assertEquals(DND.DROP_MOVE, drag.drop(recipientTable, recipientTable.getItem(1), 0.8));
        assertEquals(List.of("Grace Hopper", "Ada Lovelace"), tableColumn(recipientTable, 0));
    }

    @Test
    void aRecipientDroppedOntoItselfIsRefusedWithAReason() {
        Table recipientTable = recipients.viewer().getTable();
        recipientTable.setSelection(0);

        SwtDrag drag = new SwtDrag(recipientTable, text());
        assertTrue(drag.start());

        assertEquals(DND.DROP_NONE, drag.over(recipientTable, recipientTable.getItem(0), 0.3));
        assertTrue(recipients.dropHint().isRefusal());
        assertEquals("Drop above or below another recipient to move Ada Lovelace", recipients.dropHint().text());
        assertEquals(DND.DROP_NONE, drag.drop(recipientTable, recipientTable.getItem(0), 0.3));
        assertEquals(List.of("Ada Lovelace", "Grace Hopper"), tableColumn(recipientTable, 0));
        assertFalse(fixture.part.isDirty());
    }

    @Test
    void textDraggedFromElsewhereIsRefusedByTheRecipientsList() {
        Label elsewhere = new Label(fixture.shell, SWT.NONE);
        DragSource source = new DragSource(elsewhere, DND.DROP_COPY | DND.DROP_MOVE);
        source.setTransfer(TextTransfer.getInstance());
        source.addDragListener(new DragSourceAdapter() {
            @Override
            public void dragSetData(DragSourceEvent event) {
                event.data = "Ada Lovelace";
            }
        });
        Table recipientTable = recipients.viewer().getTable();

        SwtDrag drag = new SwtDrag(elsewhere, text());
        assertTrue(drag.start());

        assertEquals(DND.DROP_NONE, drag.over(recipientTable, recipientTable.getItem(1)));
        assertTrue(recipients.dropHint().isRefusal());
        assertEquals(DND.DROP_NONE, drag.drop(recipientTable, recipientTable.getItem(1)));
        assertEquals(List.of("Ada Lovelace", "Grace Hopper"), tableColumn(recipientTable, 0));
    }

    @Test
    void anAssignmentDraggedFromACheckBackOntoTheRecipientsListIsRemoved() throws Exception {
        document().assign(List.of("disk web1", "load web1"), List.of("Ada Lovelace", "Grace Hopper"));
        Table checkTable = checks.viewer().getTable();
        Table recipientTable = recipients.viewer().getTable();
        selectRow(checkTable, 0);
        checks.assignedList().setSelection(0);

        SwtDrag drag = new SwtDrag(checks.assignedList(), text());
        assertTrue(drag.start());
        assertEquals(DND.DROP_MOVE, drag.over(recipientTable, null));
        assertEquals("Remove Ada Lovelace from check 'disk web1'", recipients.dropHint().text());
        assertEquals(DND.DROP_MOVE, drag.drop(recipientTable, null));
        Ui.drain(fixture.display);

        assertEquals(List.of("Grace Hopper"), document().check("disk web1").orElseThrow().recipients());
        assertEquals(List.of("Ada Lovelace", "Grace Hopper"), document().check("load web1").orElseThrow()
                .recipients());
        assertEquals(List.of("Grace Hopper"), List.of(checks.assignedList().getItems()));
        assertEquals("Grace Hopper", checkTable.getItem(0).getText(7));
        assertEquals("1", recipientTable.getItem(0).getText(1));
        assertTrue(fixture.part.isDirty());
        Screenshots.save(fixture.shell, "drag-assignment-back");
    }

    @Test
    void anAssignmentDraggedFromANodeBackOntoTheRecipientsListIsRemovedFromAllItsChecks() {
        document().assign(List.of("disk web1", "load web1", "load db1"), List.of("Ada Lovelace"));
        Table nodeTable = nodes.viewer().getTable();
        selectRow(nodeTable, rowOf(nodeTable, "web1.example.org"));
        assertEquals(List.of("Ada Lovelace"), List.of(nodes.assignedList().getItems()));
        nodes.assignedList().setSelection(0);

        SwtDrag drag = new SwtDrag(nodes.assignedList(), text());
        assertTrue(drag.start());
        assertEquals(DND.DROP_MOVE, drag.drop(recipients.viewer().getTable(), recipients.viewer().getTable()
                .getItem(1)));
        Ui.drain(fixture.display);

        assertEquals(Map.of("Ada Lovelace", 1), document().assignmentCounts());
        assertEquals(List.of("Ada Lovelace"), document().check("load db1").orElseThrow().recipients());
        assertEquals(0, nodes.assignedList().getItemCount());
    }

    @Test
    void anAssignmentDroppedOnAnotherCheckIsRefusedWithAReason() {
        document().assign(List.of("disk web1"), List.of("Ada Lovelace"));
        Table checkTable = checks.viewer().getTable();
        selectRow(checkTable, 0);
        checks.assignedList().setSelection(0);

        SwtDrag drag = new SwtDrag(checks.assignedList(), text());
        assertTrue(drag.start());

        assertEquals(DND.DROP_NONE, drag.over(checkTable, checkTable.getItem(1)));
        assertTrue(checks.dropHint().isRefusal());
        assertEquals("To remove Ada Lovelace from check 'disk web1', drop onto the Recipients list",
                checks.dropHint().text());
        assertEquals(DND.DROP_NONE, drag.drop(checkTable, checkTable.getItem(1)));
        assertEquals(Map.of("Ada Lovelace", 1), document().assignmentCounts());
    }

    @Test
    void theContextMenuRemovesANodesAssignment() {
        document().assign(List.of("disk web1", "load web1"), List.of("Ada Lovelace", "Grace Hopper"));
        Table nodeTable = nodes.viewer().getTable();
        selectRow(nodeTable, rowOf(nodeTable, "web1.example.org"));
        nodes.assignedList().setSelection(1);
        MenuItem remove = nodes.assignedList().getMenu().getItem(0);
        assertEquals("Remove assignment", remove.getText());

        remove.notifyListeners(SWT.Selection, new Event());

        assertEquals(Map.of("Ada Lovelace", 2), document().assignmentCounts());
        assertEquals("Ada Lovelace", nodeTable.getItem(rowOf(nodeTable, "web1.example.org")).getText(3));
    }

    @Test
    void twoRecipientsDroppedOnANodeAreAssignedToEachOfItsChecks() throws Exception {
        Table recipientTable = recipients.viewer().getTable();
        Table nodeTable = nodes.viewer().getTable();
        recipientTable.setSelection(new int[] { 0, 1 });
        int web1 = nodeTable.getItem(0).getText(0).equals("web1.example.org") ? 0 : 1;

        SwtDrag drag = new SwtDrag(recipientTable, text());
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
        selectRow(checkTable, 0);
        checks.assignedList().setSelection(0);

        Event delete = new Event();
        delete.keyCode = SWT.DEL;
        checks.assignedList().notifyListeners(SWT.KeyDown, delete);
        Ui.drain(fixture.display);

        assertEquals(List.of("Grace Hopper"), document().check("disk web1").orElseThrow().recipients());
        assertEquals("Grace Hopper", checkTable.getItem(0).getText(7));
    }

    private static TransferData text() {
        return TextTransfer.getInstance().getSupportedTypes()[0];
    }

    private void selectRow(Table table, int row) {
        table.setSelection(row);
        table.notifyListeners(SWT.Selection, new Event());
        Ui.drain(fixture.display);
    }

    private static int rowOf(Table table, String first) {
        return tableColumn(table, 0).indexOf(first);
    }

    private static List<String> tableColumn(Table table, int column) {
        return java.util.Arrays.stream(table.getItems()).map(item -> item.getText(column)).toList();
    }

    private ChecksDocument document() {
        return fixture.session.document();
    }

    private static Check check(String name, String node) {
        return new Check(name, node, null, "check_load -H $FQDN", Map.of(), 60, 10, true, List.of(), List.of());
    }
}
