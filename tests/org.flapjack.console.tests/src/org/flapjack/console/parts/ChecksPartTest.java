package org.flapjack.console.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.flapjack.core.model.Check;
import org.flapjack.core.model.Node;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.populator.BatchContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksPartTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    private ConsoleFixture fixture;

    @BeforeEach
    void openShell() {
        fixture = new ConsoleFixture(folder);
    }

    @AfterEach
    void closeShell() {
        fixture.close();
    }

    @Test
    void aCheckCreatedEditedAndSavedIsInTheDatabase() throws Exception {
        try (Persistence store = fixture.openDatabase()) {
            store.saveNode(new Node("web1.example.org", Map.of("PORT", "8080")));
        }
        ChecksPart part = openPart();

        fillDialogLater("New Check", dialog -> {
            Ui.<Text>field(dialog, "name").setText("http web1");
            Ui.<Combo>field(dialog, "node").setText("web1.example.org");
            Ui.<Text>field(dialog, "command").setText("check_http -H $FQDN -p $PORT");
            Ui.<Spinner>field(dialog, "interval").setSelection(120);
        });
        part.addCheck();
        assertTrue(fixture.part.isDirty());
        assertEquals("check_http -H 'web1.example.org' -p '8080'", part.viewer().getTable().getItem(0).getText(3));

        part.viewer().getTable().setSelection(0);
        fillDialogLater("Edit Check", dialog -> {
            Ui.<Text>field(dialog, "command").setText("check_http -H $FQDN -p $PORT -u /health");
            Ui.<Spinner>field(dialog, "timeout").setSelection(15);
        });
        part.editCheck();
        Path screenshot = Screenshots.save(fixture.shell, "checks-part");
        part.save();

        assertFalse(fixture.part.isDirty());
        try (Persistence store = fixture.openDatabase()) {
            Check saved = store.check("http web1").orElseThrow();
            assertEquals("web1.example.org", saved.node());
            assertEquals("check_http -H $FQDN -p $PORT -u /health", saved.command());
            assertEquals(120, saved.interval());
            assertEquals(15, saved.timeout());
            assertTrue(saved.enabled());
        }
        assertTrue(Files.size(screenshot) > 0);
    }

    @Test
    void theCheckDialogRefusesParentsThatFormACycle() {
        ChecksPart part = openPart();
        fixture.session.document().replace(new BatchContent(List.of(), List.of(), List.of(
                check("a", List.of()), check("b", List.of("a")))));

        part.filter("a");
        part.viewer().getTable().setSelection(0);
        List<String> error = new ArrayList<>();
        fillDialogLater("Edit Check", dialog -> {
            Ui.<Text>field(dialog, "parents").setText("b");
            error.add(((org.eclipse.jface.dialogs.TitleAreaDialog) dialog.getData()).getErrorMessage());
        }, false);
        part.editCheck();

        assertTrue(error.get(0).contains("cycle: a -> b -> a"), error.get(0));
        assertEquals(List.of(), fixture.session.document().check("a").orElseThrow().parents());
    }

    @Test
    void fiftyThousandChecksFilterInUnderASecond() throws Exception {
        ChecksPart part = openPart();
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            checks.add(new Check(String.format("disk %05d", i), "host" + (i % 500) + ".example.org", null,
                    "check_disk -w 10% -c 5% -p /srv/" + i, Map.of(), 300, 30, true, List.of(), List.of()));
        }
        long start = System.nanoTime();
        fixture.session.document().replace(new BatchContent(List.of(), List.of(), checks));
        long shown = System.nanoTime();
        int matching = part.filter("host17.example.org srv/4");
        Ui.drain(fixture.display);
        long filtered = System.nanoTime();

        double showSeconds = (shown - start) / 1e9;
        double filterSeconds = (filtered - shown) / 1e9;
        System.out.printf("50,000 checks: shown in %.3f s, filtered to %d in %.3f s%n", showSeconds, matching,
                filterSeconds);
        Table table = part.viewer().getTable();
        assertEquals(matching, table.getItemCount());
        assertTrue(matching > 0 && matching < 100, "matching: " + matching);
        assertTrue(table.getItem(0).getText(0).startsWith("disk 04"), table.getItem(0).getText(0));
        assertTrue(filterSeconds < 1.0, "filtering 50,000 checks took " + filterSeconds + " s");
        part.filter("");
        table.setTopIndex(40_000);
        Screenshots.save(fixture.shell, "checks-part-50000");
        assertEquals(50_000, table.getItemCount());
    }

    private ChecksPart openPart() {
        ChecksPart part = new ChecksPart();
        part.createControls(fixture.shell, fixture.session, fixture.part);
        fixture.shell.open();
        Ui.waitUntil(fixture.display, WAIT, () -> !part.shownChecks().isEmpty() || loadedEmpty(part));
        return part;
    }

    private static boolean loadedEmpty(ChecksPart part) {
        return part.countText().startsWith("0 of");
    }

    private static Check check(String name, List<String> parents) {
        return new Check(name, null, null, "true", Map.of(), 60, 10, true, parents, List.of());
    }

    private void fillDialogLater(String title, java.util.function.Consumer<Shell> fill) {
        fillDialogLater(title, fill, true);
    }

    /** Once the dialog titled TITLE is open, fills it and presses OK (or closes it when PRESS_OK is false). */
    private void fillDialogLater(String title, java.util.function.Consumer<Shell> fill, boolean pressOk) {
        fixture.display.asyncExec(new Runnable() {
            @Override
            public void run() {
                Shell dialog = findShell(title);
                if (dialog == null) {
                    fixture.display.timerExec(20, this);
                    return;
                }
                fill.accept(dialog);
                if (pressOk) {
                    Button ok = dialog.getDefaultButton();
                    assertTrue(ok.isEnabled(), "OK is disabled");
                    ok.notifyListeners(SWT.Selection, new Event());
                } else {
                    dialog.close();
                }
            }
        });
    }

    private Shell findShell(String title) {
        for (Shell shell : fixture.display.getShells()) {
            if (!shell.isDisposed() && shell.isVisible() && title.equals(shell.getText())) {
                return shell;
            }
        }
        return null;
    }
}
