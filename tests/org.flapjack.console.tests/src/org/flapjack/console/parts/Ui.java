package org.flapjack.console.parts;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
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

    /**
     * Runs ACTION once on the UI thread as soon as a visible shell titled TITLE is open, for a dialog that a later
     * call opens (and blocks in).
     */
    static void whenShellOpens(Display display, String title, Consumer<Shell> action) {
        display.asyncExec(new Runnable() {
            @Override
            public void run() {
                for (Shell shell : display.getShells()) {
                    if (!shell.isDisposed() && shell.isVisible() && title.equals(shell.getText())) {
                        action.accept(shell);
                        return;
                    }
                }
                display.timerExec(20, this);
            }
        });
    }

    /** Presses the default button of DIALOG (OK, or Yes in a question), failing when it is disabled. */
    static void pressDefault(Shell dialog) {
        Button button = dialog.getDefaultButton();
        if (button == null || !button.isEnabled()) {
            throw new AssertionError("the default button of '" + dialog.getText() + "' is missing or disabled");
        }
        button.notifyListeners(SWT.Selection, new Event());
    }

    /** The button under ROOT labelled TEXT. */
    static Button button(Composite root, String text) {
        Button found = findButton(root, text);
        if (found == null) {
            throw new AssertionError("no button '" + text + "' in " + root);
        }
        return found;
    }

    private static Button findButton(Composite root, String text) {
        for (Control child : root.getChildren()) {
            if (child instanceof Button button && text.equals(button.getText())) {
                return button;
            }
            Button found = child instanceof Composite composite ? findButton(composite, text) : null;
            if (found != null) {
                return found;
            }
        }
        return null;
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
