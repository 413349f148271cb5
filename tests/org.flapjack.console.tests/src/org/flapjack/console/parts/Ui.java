package org.flapjack.console.parts;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Small steps a UI test takes on real widgets: run the event loop until something holds, find a dialog's fields. */
final class Ui {

    private Ui() {
    }

    /** Runs the event loop until CONDITION holds, failing after TIMEOUT. */
    static void waitUntil(Display display, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(10, () -> { });
                display.sleep();
            }
        }
    }

    /** Runs the event loop until no event is waiting: the table has painted what it shows. */
    static void drain(Display display) {
        while (display.readAndDispatch()) {
            // paint, lay out, answer virtual table requests
        }
    }

    /** The open shell whose title is TITLE. */
    static Shell shell(Display display, String title) {
        for (Shell shell : display.getShells()) {
            if (!shell.isDisposed() && title.equals(shell.getText())) {
                return shell;
            }
        }
        throw new AssertionError("no shell titled '" + title + "' is open");
    }

    /** The control under ROOT whose field key (see CheckDialog.FIELD) is NAME. */
    @SuppressWarnings("unchecked")
    static <T extends Control> T field(Composite root, String name) {
        Control found = find(root, name);
        if (found == null) {
            throw new AssertionError("no field '" + name + "' in " + root);
        }
        return (T) found;
    }

    private static Control find(Composite root, String name) {
        for (Control child : root.getChildren()) {
            if (name.equals(child.getData(CheckDialog.FIELD))) {
                return child;
            }
            if (child instanceof Composite composite) {
                Control found = find(composite, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
