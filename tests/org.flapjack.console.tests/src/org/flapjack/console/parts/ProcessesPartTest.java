package org.flapjack.console.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.flapjack.console.parts.ProcessesPart.HostRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessesPartTest {

    private static final String WAITING = "waiting for the first status";

    private Display display;
    private Shell shell;
    private ProcessesPart part;

    @BeforeEach
    void openShell() {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setText("Flapjack");
        shell.setLayout(new FillLayout());
        shell.setSize(1000, 600);
    }

    @AfterEach
    void closeShell() {
        if (part != null) {
            part.dispose();
        }
        shell.dispose();
    }

    @Test
    void showsThisMachinesRowWithItsLiveStatus() throws Exception {
        part = new ProcessesPart();
        part.createControls(shell);
        shell.open();

        HostRow local = awaitFirstStatus(Duration.ofSeconds(30));
        part.hostsViewer().refresh();
        TableItem row = part.hostsViewer().getTable().getItem(0);

        assertEquals("localhost", row.getText(0));
        assertNotEquals(WAITING, local.problem());
        assertTrue(local.status() != null || local.problem() != null);
        if (local.status() != null) {
            assertTrue(row.getText(1).equals("stopped") || row.getText(1).startsWith("running ("), row.getText(1));
            assertEquals(Integer.toString(local.status().workers().size()), row.getText(2));
        }
        assertTrue(Files.size(Screenshots.save(shell, "processes-part")) > 0);
    }

    private HostRow awaitFirstStatus(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            while (display.readAndDispatch()) {
                // let the part show what the refresh found
            }
            HostRow local = part.rows().get(0);
            if (!WAITING.equals(local.problem())) {
                return local;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the processes part showed no status of localhost within " + timeout);
    }
}
