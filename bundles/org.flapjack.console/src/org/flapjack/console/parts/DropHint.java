package org.flapjack.console.parts;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * The line under a drop target that says, while something is dragged over it, what a drop would do, or in red why a
 * drop there is refused; the target's tooltip says the same. After a drop it says what was done; at rest it says what
 * can be dragged here.
 */
final class DropHint {

    private final Label line;
    private final Control target;
    private final String idle;
    private boolean refusal;

    /** A line at the bottom of PARENT (a grid of one column) for drops on TARGET, showing IDLE at rest. */
    DropHint(Composite parent, Control target, String idle) {
        this.line = new Label(parent, SWT.NONE);
        this.target = target;
        this.idle = idle;
        line.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        line.setText(idle);
    }

    /** The pointer is where a drop does WHAT. */
    void accepts(String what) {
        show(what, false, what);
    }

    /** The pointer is where a drop is refused, for WHY. */
    void refuses(String why) {
        show(why, true, why);
    }

    /** A drop did WHAT. */
    void done(String what) {
        show(what, false, null);
    }

    /** The drag left without a drop. */
    void clear() {
        show(idle, false, null);
    }

    /** What the line says now. */
    String text() {
        return line.getText();
    }

    /** Whether the line says why a drop is refused. */
    boolean isRefusal() {
        return refusal;
    }

    private void show(String text, boolean refused, String tooltip) {
        if (line.isDisposed() || (text.equals(line.getText()) && refused == refusal)) {
            return;
        }
        refusal = refused;
        line.setText(text);
        line.setForeground(refused ? line.getDisplay().getSystemColor(SWT.COLOR_DARK_RED) : null);
        line.setToolTipText(text);
        target.setToolTipText(tooltip);
    }
}
