package org.flapjack.console.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipientsPartTest {

    @TempDir
    Path folder;

    private Display display;
    private Shell shell;

    @BeforeEach
    void openShell() {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setText("Flapjack");
        shell.setLayout(new FillLayout());
        shell.setSize(900, 400);
    }

    @AfterEach
    void closeShell() {
        shell.dispose();
    }

    @Test
    void showsEveryRecipientOfTheOpenedFileInItsTable() throws Exception {
        Path file = folder.resolve("recipients.conf");
        Files.writeString(file, """
                # on call this week
                [Ada Lovelace]
                  email = ada@example.org
                  jid = ada@chat.example.org
                  phone = +44 20 7946 0000

                [Grace Hopper]
                email = grace@example.org
                pager = 5551234
                """);
        RecipientsPart part = new RecipientsPart();
        part.createControls(shell);
        shell.open();

        part.open(file);
        Table table = part.viewer().getTable();

        assertEquals(2, table.getItemCount());
        assertEquals("Ada Lovelace", table.getItem(0).getText(0));
        assertEquals("ada@example.org", table.getItem(0).getText(1));
        assertEquals("+44 20 7946 0000", table.getItem(0).getText(2));
        assertEquals("ada@chat.example.org", table.getItem(0).getText(4));
        assertEquals("Grace Hopper", table.getItem(1).getText(0));
        assertEquals("5551234", table.getItem(1).getText(3));
        assertTrue(Files.size(Screenshots.save(shell, "recipients-part")) > 0);
    }

    @Test
    void aBadFileIsReportedInThePartAndTheTableKeepsWhatItShowed() throws Exception {
        Path good = folder.resolve("good.conf");
        Files.writeString(good, "[Ada]\nemail = ada@example.org\n");
        Path bad = folder.resolve("bad.conf");
        Files.writeString(bad, "email = nobody@example.org\n");
        RecipientsPart part = new RecipientsPart();
        part.createControls(shell);
        part.open(good);

        part.open(bad);

        assertEquals(1, part.viewer().getTable().getItemCount());
        assertTrue(part.statusText().startsWith(bad + ":1: "), part.statusText());
    }
}
