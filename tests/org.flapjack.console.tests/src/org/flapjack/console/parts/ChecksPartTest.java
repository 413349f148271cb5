package org.flapjack.console.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckStatus;
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
        saveAndWait(part);

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
    void aSaveThatFailsSaysWhyAndKeepsEveryChangeUnsaved() throws Exception {
        ChecksPart part = openPart();
        fixture.session.document().replace(new BatchContent(List.of(), List.of(), List.of(check("a", List.of()),
                check("b", List.of()))));
        fixture.session.document().setEnabled(List.of("a", "b"), false);
        executeSql("ALTER TABLE checks RENAME TO checks_away");
        List<String> dialog = new ArrayList<>();
        closeDialogLater("Save Checks", dialog);

        part.save().join();
        Ui.waitUntil(fixture.display, WAIT, () -> !dialog.isEmpty());

        assertTrue(dialog.get(0).contains("no such table: checks"), dialog.get(0));
        assertTrue(dialog.get(0).contains("Nothing is lost"), dialog.get(0));
        assertTrue(part.saveText().startsWith("Not saved: "), part.saveText());
        assertTrue(fixture.part.isDirty());
        assertFalse(fixture.session.document().check("a").orElseThrow().enabled());
        Screenshots.save(fixture.shell, "checks-part-save-failed");

        executeSql("ALTER TABLE checks_away RENAME TO checks");
        saveAndWait(part);
        assertFalse(fixture.part.isDirty());
        try (Persistence store = fixture.openDatabase()) {
            assertFalse(store.check("a").orElseThrow().enabled());
        }
    }

    @Test
    void editsMadeWhileASaveRunsStayUnsaved() throws Exception {
        ChecksPart part = openPart();
        fixture.session.document().replace(new BatchContent(List.of(), List.of(), List.of(check("a", List.of()))));
        fixture.session.document().setEnabled(List.of("a"), false);

        Job save = part.save();
        fixture.session.document().putCheck(null, check("b", List.of()));
        assertEquals(null, part.save(), "a second save while one runs");
        save.join();
        Ui.waitUntil(fixture.display, WAIT, () -> !fixture.session.document().isSaving());

        assertTrue(fixture.part.isDirty());
        try (Persistence store = fixture.openDatabase()) {
            assertFalse(store.check("a").orElseThrow().enabled());
            assertTrue(store.check("b").isEmpty());
        }
        saveAndWait(part);
        try (Persistence store = fixture.openDatabase()) {
            assertTrue(store.check("b").isPresent());
        }
    }

    @Test
    void statusColumnAndItsFilterFollowResultsStoredAfterTheLoad() throws Exception {
        try (Persistence store = fixture.openDatabase()) {
            store.saveCheck(check("disk", List.of()));
        }
        ChecksPart part = openPart();
        assertEquals("", part.viewer().getTable().getItem(0).getText(2));

        try (Persistence store = fixture.openDatabase()) {
            store.recordResult(new CheckStatus("disk", org.flapjack.core.model.Status.CRITICAL, "full",
                    java.time.Instant.now(), "worker-1"));
        }

        Ui.waitUntil(fixture.display, WAIT, () -> "CRITICAL".equals(part.viewer().getTable().getItem(0).getText(2)));
    }

    private ChecksPart openPart() {
        ChecksPart part = new ChecksPart();
        part.createControls(fixture.shell, fixture.session, fixture.part);
        fixture.shell.open();
        Ui.waitUntil(fixture.display, WAIT, () -> !part.shownChecks().isEmpty() || loadedEmpty(part));
        return part;
    }

    /** Saves, waits until the store has every change, and fails when the save failed. */
    private void saveAndWait(ChecksPart part) throws InterruptedException {
        Job job = part.save();
        if (job != null) {
            job.join();
        }
        Ui.waitUntil(fixture.display, WAIT, () -> !fixture.session.document().isSaving());
        assertFalse(part.saveText().startsWith("Not saved"), part.saveText());
    }

    /** Runs SQL on the test's database through a connection of its own, as another program would. */
    private void executeSql(String sql) throws Exception {
        try (Connection connection = new org.sqlite.JDBC().connect("jdbc:sqlite:" + fixture.database,
                new Properties()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Once a dialog titled TITLE is open, keeps its message in MESSAGES and closes it. */
    private void closeDialogLater(String title, List<String> messages) {
        fixture.display.asyncExec(new Runnable() {
            @Override
            public void run() {
                Shell dialog = findShell(title);
                if (dialog == null) {
                    fixture.display.timerExec(20, this);
                    return;
                }
                messages.add(labels(dialog));
                dialog.close();
            }
        });
    }

    private static String labels(org.eclipse.swt.widgets.Composite root) {
        StringBuilder text = new StringBuilder();
        for (org.eclipse.swt.widgets.Control child : root.getChildren()) {
            if (child instanceof org.eclipse.swt.widgets.Label label) {
                text.append(label.getText()).append('\n');
            } else if (child instanceof org.eclipse.swt.widgets.Composite composite) {
                text.append(labels(composite));
            }
        }
        return text.toString();
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
