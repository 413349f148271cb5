package org.flapjack.console.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.flapjack.core.config.RecipientsFile;
import org.flapjack.core.model.Recipient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipientsPartTest {

    @TempDir
    Path folder;

    private ConsoleFixture fixture;
    private Shell shell;

    @BeforeEach
    void openShell() {
        fixture = new ConsoleFixture(folder);
        shell = fixture.shell;
    }

    @AfterEach
    void closeShell() {
        fixture.close();
    }

    private RecipientsPart newPart() {
        RecipientsPart part = new RecipientsPart();
        part.createControls(shell, fixture.session, fixture.part);
        return part;
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
        RecipientsPart part = newPart();
        shell.open();

        part.open(file);
        Table table = part.viewer().getTable();

        assertEquals(2, table.getItemCount());
        assertEquals("Ada Lovelace", table.getItem(0).getText(0));
        assertEquals("ada@example.org", table.getItem(0).getText(2));
        assertEquals("+44 20 7946 0000", table.getItem(0).getText(3));
        assertEquals("ada@chat.example.org", table.getItem(0).getText(5));
        assertEquals("Grace Hopper", table.getItem(1).getText(0));
        assertEquals("5551234", table.getItem(1).getText(4));
        assertTrue(Files.size(Screenshots.save(shell, "recipients-part")) > 0);
    }

    @Test
    void aBadFileIsReportedInThePartAndTheTableKeepsWhatItShowed() throws Exception {
        Path good = folder.resolve("good.conf");
        Files.writeString(good, "[Ada]\nemail = ada@example.org\n");
        Path bad = folder.resolve("bad.conf");
        Files.writeString(bad, "email = nobody@example.org\n");
        RecipientsPart part = newPart();
        part.open(good);

        part.open(bad);

        assertEquals(1, part.viewer().getTable().getItemCount());
        assertTrue(part.statusText().startsWith(bad + ":1: "), part.statusText());
    }

    @Test
    void savingAfterAnEditKeepsTheFilesCommentsAndUnknownKeys() throws Exception {
        Path file = folder.resolve("recipients.conf");
        Files.writeString(file, """
                # on call this week
                [Ada Lovelace]
                  email = ada@example.org   ; work address
                  shift = nights
                ; the admiral
                [Grace Hopper]
                email = grace@example.org
                """);
        RecipientsPart part = newPart();
        shell.open();
        part.open(file);

        part.put("Ada Lovelace", new Recipient("Ada Lovelace", "ada@analytical.example.org", "+44 20 7946 0000",
                null, "ada@chat.example.org"));
        assertTrue(fixture.part.isDirty());
        Path screenshot = Screenshots.save(shell, "recipients-part-edited");
        part.save();

        String saved = Files.readString(file);
        assertTrue(saved.contains("# on call this week"), saved);
        assertTrue(saved.contains("; the admiral"), saved);
        assertTrue(saved.contains("shift = nights"), saved);
        assertTrue(saved.contains("ada@analytical.example.org"), saved);
        assertTrue(saved.contains("+44 20 7946 0000"), saved);
        assertEquals("grace@example.org", RecipientsFile.read(file).recipients().get(1).email());
        assertFalse(fixture.part.isDirty());
        assertTrue(Files.size(screenshot) > 0);
    }

    @Test
    void theRecipientDialogRefusesABadJabberId() {
        RecipientsPart part = newPart();
        shell.open();
        RecipientDialog dialog = new RecipientDialog(shell, null, java.util.Set.of());
        dialog.setBlockOnOpen(false);
        dialog.open();
        Ui.<org.eclipse.swt.widgets.Text>field(dialog.getShell(), "name").setText("Ada");
        Ui.<org.eclipse.swt.widgets.Text>field(dialog.getShell(), "jid").setText("not a jid");

        assertFalse(dialog.okButton().isEnabled());
        Ui.<org.eclipse.swt.widgets.Text>field(dialog.getShell(), "jid").setText("ada@chat.example.org");
        assertTrue(dialog.okButton().isEnabled());
        dialog.close();
        assertEquals(List.of(), part.recipients());
    }
}
