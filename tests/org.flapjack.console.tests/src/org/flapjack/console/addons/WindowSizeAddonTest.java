package org.flapjack.console.addons;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.swt.graphics.Rectangle;
import org.junit.jupiter.api.Test;

class WindowSizeAddonTest {

    @Test
    void theWindowTakesNineTenthsOfAnOrdinaryScreenCentred() {
        assertEquals(new Rectangle(64, 51, 1152, 921), WindowSizeAddon.bounds(new Rectangle(0, 0, 1280, 1024)));
    }

    @Test
    void onALargeScreenTheWindowStopsAtItsLargestSize() {
        assertEquals(new Rectangle(960, 480, 1920, 1200), WindowSizeAddon.bounds(new Rectangle(0, 0, 3840, 2160)));
    }

    @Test
    void theWindowIsCentredInTheFreeAreaBesideAPanel() {
        assertEquals(new Rectangle(2016, 81, 1728, 946), WindowSizeAddon.bounds(new Rectangle(1920, 28, 1920, 1052)));
    }
}
