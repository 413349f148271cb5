package org.flapjack.console.addons;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Monitor;

import jakarta.annotation.PostConstruct;

/**
 * Sizes the console's main window to the screen before it first opens: nine tenths of the primary monitor's free
 * area, at most {@value #MAX_WIDTH} x {@value #MAX_HEIGHT}, centred. The size in the application model stays as it is
 * when no monitor is known.
 */
public class WindowSizeAddon {

    static final String MAIN_WINDOW = "org.flapjack.console.window.main";
    static final int MAX_WIDTH = 1920;
    static final int MAX_HEIGHT = 1200;
    private static final double SHARE = 0.9;

    private static final System.Logger LOG = System.getLogger(WindowSizeAddon.class.getName());

    @PostConstruct
    public void fit(MApplication application, EModelService models) {
        Display display = Display.getCurrent();
        Monitor monitor = display == null ? null : display.getPrimaryMonitor();
        MUIElement element = models.find(MAIN_WINDOW, application);
        if (monitor == null || !(element instanceof MWindow window)) {
            return;
        }
        Rectangle bounds = bounds(monitor.getClientArea());
        window.setX(bounds.x);
        window.setY(bounds.y);
        window.setWidth(bounds.width);
        window.setHeight(bounds.height);
        LOG.log(System.Logger.Level.DEBUG, () -> "main window sized to " + bounds + " on a monitor of "
                + monitor.getClientArea());
    }

    /** The window's bounds on a monitor whose free area is AREA. */
    static Rectangle bounds(Rectangle area) {
        int width = Math.min(MAX_WIDTH, (int) (area.width * SHARE));
        int height = Math.min(MAX_HEIGHT, (int) (area.height * SHARE));
        return new Rectangle(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    }
}
