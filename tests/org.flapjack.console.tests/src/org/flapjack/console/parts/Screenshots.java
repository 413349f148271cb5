package org.flapjack.console.parts;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves a PNG of a shell into the build output, so a person can look at what a UI test saw. */
final class Screenshots {

    private Screenshots() {
    }

    /** Writes SHELL as NAME.png under target/screenshots and returns the file. */
    static Path save(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
        // GTK paints on its frame clock, so let a few frames pass before the shell is copied.
        long end = System.currentTimeMillis() + 250;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                Thread.sleep(10);
            }
        }
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        try {
            GC gc = new GC(display);
            gc.copyArea(image, bounds.x, bounds.y);
            gc.dispose();
            Path folder = Path.of(System.getProperty("flapjack.build.dir", "target"), "screenshots");
            Files.createDirectories(folder);
            Path file = folder.resolve(name + ".png");
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } finally {
            image.dispose();
        }
    }
}
