package org.flapjack.console.parts;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

/**
 * The lists of assigned recipients under the Checks, Nodes and Templates tables, and their drag source: the
 * recipients selected in one, dragged back onto the Recipients list, are taken off the checks it shows them for.
 */
final class AssignmentDrag {

    /** The checks whose recipients a list shows, and how a sentence names them: {@code node 'web1'}. */
    record Owner(List<String> checks, String name) {
    }

    private AssignmentDrag() {
    }

    /**
     * Makes the list, under a label that begins with WHOSE, that shows the recipients of what OWNER gives: Delete,
     * Backspace and its menu's Remove assignment call REMOVE, and the recipients SELECTED names drag back onto the
     * Recipients list.
     */
    static org.eclipse.swt.widgets.List assignedList(Composite parent, String whose, Runnable remove,
            Supplier<Owner> owner, Supplier<List<String>> selected) {
        new Label(parent, SWT.NONE).setText(whose + " (to remove: drag onto the Recipients list, Delete, or"
                + " right-click):");
        org.eclipse.swt.widgets.List list = new org.eclipse.swt.widgets.List(parent, SWT.MULTI | SWT.BORDER
                | SWT.V_SCROLL);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, false);
        data.heightHint = 60;
        list.setLayoutData(data);
        list.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.DEL || e.keyCode == SWT.BS) {
                remove.run();
            }
        });
        Menu menu = new Menu(list);
        MenuItem item = new MenuItem(menu, SWT.PUSH);
        item.setText("Remove assignment");
        item.addListener(SWT.Selection, e -> remove.run());
        list.setMenu(menu);
        attach(list, owner, selected);
        return list;
    }

    /**
     * Lets the recipients that SELECTED names be dragged from LIST as assignments of what OWNER gives (null while the
     * list shows nothing).
     */
    static void attach(Control list, Supplier<Owner> owner, Supplier<List<String>> selected) {
        DragSource drag = new DragSource(list, DND.DROP_MOVE);
        drag.setTransfer(new Transfer[] { TextTransfer.getInstance() });
        drag.addDragListener(new DragSourceAdapter() {
            @Override
            public void dragStart(DragSourceEvent event) {
                Owner from = owner.get();
                List<String> names = selected.get();
                event.doit = from != null && !names.isEmpty();
                if (event.doit) {
                    RecipientTransfer.started(RecipientTransfer.Drag.ofAssignments(names, from.checks(),
                            from.name()));
                }
            }

            @Override
            public void dragSetData(DragSourceEvent event) {
                event.data = RecipientTransfer.text(selected.get());
            }

            @Override
            public void dragFinished(DragSourceEvent event) {
                RecipientTransfer.finished();
            }
        });
    }
}
