package org.flapjack.console.parts;

import java.lang.reflect.Constructor;

import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.TransferData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TableItem;

/**
 * Drives SWT's drag and drop machinery as the platform would: the events go through {@code notifyListeners} of the
 * real {@link DragSource} and {@link DropTarget}, whose own adapters turn them into typed drag and drop events for the
 * parts' listeners and copy their answers back. Only the platform's native drag session is left out, which Xvfb
 * cannot be relied upon to run. The event class SWT uses is package private, so it is made by reflection.
 */
final class SwtDrag {

    private final TransferData type;
    private final DragSource source;
    private Object data;

    /** A drag of TYPE from the drag source attached to SOURCE. */
    SwtDrag(Control source, TransferData type) {
        this.source = (DragSource) source.getData(DND.DRAG_SOURCE_KEY);
        this.type = type;
        if (this.source == null) {
            throw new AssertionError("no drag source on " + source);
        }
    }

    /** Starts the drag and fetches its data; false when the source refused to start. */
    boolean start() {
        Event start = event(source);
        start.doit = true;
        source.notifyListeners(DND.DragStart, start);
        if (!start.doit) {
            return false;
        }
        Event setData = event(source);
        set(setData, "dataType", type);
        source.notifyListeners(DND.DragSetData, setData);
        data = setData.data;
        return true;
    }

    /** Moves the drag over ITEM (null: over the empty part of TARGET) and returns the operation the target allows. */
    int over(Control target, TableItem item) {
        DropTarget drop = dropTarget(target);
        Event enter = dropEvent(drop, target, item);
        drop.notifyListeners(DND.DragEnter, enter);
        Event over = dropEvent(drop, target, item);
        drop.notifyListeners(DND.DragOver, over);
        return over.detail;
    }

    /** Drops onto ITEM of TARGET and ends the drag; returns the operation done, DND.DROP_NONE when refused. */
    int drop(Control target, TableItem item) {
        int allowed = over(target, item);
        DropTarget drop = dropTarget(target);
        int done = DND.DROP_NONE;
        if (allowed != DND.DROP_NONE) {
            Event accept = dropEvent(drop, target, item);
            drop.notifyListeners(DND.DropAccept, accept);
            Event dropped = dropEvent(drop, target, item);
            dropped.data = data;
            drop.notifyListeners(DND.Drop, dropped);
            done = dropped.detail;
        }
        Event finished = event(source);
        finished.detail = done;
        finished.doit = done != DND.DROP_NONE;
        source.notifyListeners(DND.DragEnd, finished);
        return done;
    }

    private Event dropEvent(DropTarget drop, Control target, TableItem item) {
        Event event = event(drop);
        Rectangle bounds = item == null ? new Rectangle(5, target.getSize().y - 5, 1, 1) : item.getBounds();
        Point point = target.toDisplay(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
        event.x = point.x;
        event.y = point.y;
        event.item = item;
        event.detail = DND.DROP_COPY;
        set(event, "operations", DND.DROP_COPY | DND.DROP_LINK);
        set(event, "dataType", type);
        set(event, "dataTypes", new TransferData[] { type });
        return event;
    }

    private static DropTarget dropTarget(Control target) {
        DropTarget drop = (DropTarget) target.getData(DND.DROP_TARGET_KEY);
        if (drop == null) {
            throw new AssertionError("no drop target on " + target);
        }
        return drop;
    }

    private static Event event(org.eclipse.swt.widgets.Widget widget) {
        try {
            Class<?> kind = Class.forName("org.eclipse.swt.dnd.DNDEvent", true, DND.class.getClassLoader());
            Constructor<?> constructor = kind.getDeclaredConstructor();
            constructor.setAccessible(true);
            Event event = (Event) constructor.newInstance();
            event.widget = widget;
            event.display = widget.getDisplay();
            event.time = (int) System.currentTimeMillis();
            return event;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("SWT's drag and drop event cannot be made", e);
        }
    }

    private static void set(Event event, String field, Object value) {
        try {
            java.lang.reflect.Field f = event.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(event, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("SWT's drag and drop event has no field " + field, e);
        }
    }
}
