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
        return over(target, item, 0.5);
    }

    /**
     * Moves the drag over ITEM at HEIGHT (0 its top edge, 1 its bottom edge) and returns the operation the target
     * allows. As on the platform, an operation the drag source does not offer counts as none.
     */
    int over(Control target, TableItem item, double height) {
        DropTarget drop = dropTarget(target);
        Event enter = dropEvent(drop, target, item, height);
        drop.notifyListeners(DND.DragEnter, enter);
        Event over = dropEvent(drop, target, item, height);
        drop.notifyListeners(DND.DragOver, over);
        return (over.detail & operations()) == 0 ? DND.DROP_NONE : over.detail;
    }

    /** Drops onto ITEM of TARGET and ends the drag; returns the operation done, DND.DROP_NONE when refused. */
    int drop(Control target, TableItem item) {
        return drop(target, item, 0.5);
    }

    /** Drops onto ITEM of TARGET at HEIGHT (see {@link #over}) and ends the drag; returns the operation done. */
    int drop(Control target, TableItem item, double height) {
        int allowed = over(target, item, height);
        DropTarget drop = dropTarget(target);
        int done = DND.DROP_NONE;
        if (allowed != DND.DROP_NONE) {
            drop.notifyListeners(DND.DragLeave, dropEvent(drop, target, item, height));
            // As on the platform, the drop starts with the operation the last drag over chose.
            Event accept = dropEvent(drop, target, item, height);
            accept.detail = allowed;
            drop.notifyListeners(DND.DropAccept, accept);
            Event dropped = dropEvent(drop, target, item, height);
            dropped.detail = accept.detail;
            dropped.data = data;
            drop.notifyListeners(DND.Drop, dropped);
            done = dropped.detail;
        } else {
            drop.notifyListeners(DND.DragLeave, dropEvent(drop, target, item, height));
        }
        Event finished = event(source);
        finished.detail = done;
        finished.doit = done != DND.DROP_NONE;
        source.notifyListeners(DND.DragEnd, finished);
        return done;
    }

    /** The operations the drag source offers. */
    private int operations() {
        return source.getStyle() & (DND.DROP_COPY | DND.DROP_MOVE | DND.DROP_LINK);
    }

    private Event dropEvent(DropTarget drop, Control target, TableItem item, double height) {
        Event event = event(drop);
        Rectangle bounds = item == null ? new Rectangle(5, target.getSize().y - 5, 1, 1) : item.getBounds();
        int y = bounds.y + (int) Math.round(Math.min(bounds.height - 1, bounds.height * height));
        Point point = target.toDisplay(bounds.x + bounds.width / 2, y);
        event.x = point.x;
        event.y = point.y;
        event.item = item;
        int operations = operations();
        event.detail = (operations & DND.DROP_COPY) != 0 ? DND.DROP_COPY : DND.DROP_MOVE;
        set(event, "operations", operations);
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
