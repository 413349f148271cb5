package org.flapjack.console.parts;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Control;

/**
 * Makes a list of assigned recipients a drag source: the recipients selected in it, dragged back onto the Recipients
 * list, are taken off the checks the list shows them for.
 */
final class AssignmentDrag {

    /** The checks whose recipients a list shows, and how a sentence names them: {@code node 'web1'}. */
    record Owner(List<String> checks, String name) {
    }

    private AssignmentDrag() {
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
