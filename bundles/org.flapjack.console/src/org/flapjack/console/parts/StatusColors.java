package org.flapjack.console.parts;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Display;
import org.flapjack.core.model.Status;

/** The colours statuses are shown in: green ok, yellow warning, red critical, grey unknown. */
final class StatusColors {

    private StatusColors() {
    }

    static Color of(Display display, Status status) {
        return switch (status) {
            case OK -> new Color(display, 180, 230, 180);
            case WARNING -> new Color(display, 250, 230, 140);
            case CRITICAL -> new Color(display, 240, 150, 150);
            case UNKNOWN -> display.getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW);
        };
    }
}
