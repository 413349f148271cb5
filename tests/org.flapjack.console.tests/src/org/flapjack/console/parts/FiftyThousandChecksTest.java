package org.flapjack.console.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Table;
import org.flapjack.core.model.Check;
import org.flapjack.core.model.Node;
import org.flapjack.core.persistence.Persistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Checks part on an SQLite database of 50,000 checks: loading and saving run off the UI thread, which a ping
 * through {@link UiLatency} proves, and a filter over all of them applies in under a second. The figures go to
 * stdout.
 */
class FiftyThousandChecksTest {

    private static final int CHECKS = 50_000;
    private static final int CHANGED = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Longer than any pause a person notices as a freeze of a few hundred milliseconds, on a busy 2-core machine. */
    private static final long UI_FROZEN_MILLIS = 500;

    @TempDir
    Path folder;

    private ConsoleFixture fixture;

    @BeforeEach
    void storeFiftyThousandChecks() {
        fixture = new ConsoleFixture(folder);
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < CHECKS; i++) {
            checks.add(new Check(String.format("disk %05d", i), "host" + i % 500 + ".example.org", null,
                    "check_disk -w 10% -c 5% -p /srv/" + i, Map.of(), 300, 30, true, List.of(),
                    List.of("oncall")));
        }
        try (Persistence store = fixture.openDatabase()) {
            for (int i = 0; i < 500; i++) {
                store.saveNode(new Node("host" + i + ".example.org"));
            }
            store.saveChecks(checks);
        }
        fixture.shell.setSize(1280, 800);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void fiftyThousandChecksLoadWithoutFreezingTheUiAndFilterInUnderASecond() throws Exception {
        fixture.shell.open();
        Ui.drain(fixture.display);
        long start = System.nanoTime();
        ChecksPart part = new ChecksPart();
        long worstFreeze;
        try (UiLatency latency = UiLatency.start(fixture.display)) {
            // The part's controls are made at once; the checks load in a Job and are shown when they are read.
            part.createControls(fixture.shell, fixture.session, fixture.part);
            fixture.shell.layout(true, true);
            Ui.waitUntil(fixture.display, WAIT, () -> part.shownChecks().size() == CHECKS);
            Ui.drain(fixture.display);
            worstFreeze = latency.worstMillis();
        }
        double loadSeconds = (System.nanoTime() - start) / 1e9;

        long filterStart = System.nanoTime();
        int matching = part.filter("host17.example.org srv/4");
        Ui.drain(fixture.display);
        double filterSeconds = (System.nanoTime() - filterStart) / 1e9;

        System.out.printf("50,000 checks from SQLite: loaded in %.2f s, UI thread frozen %d ms at most;"
                + " filtered to %d in %.3f s%n", loadSeconds, worstFreeze, matching, filterSeconds);
        assertTrue(worstFreeze < UI_FROZEN_MILLIS, "the UI thread was frozen for " + worstFreeze + " ms");
        Table table = part.viewer().getTable();
        assertEquals(matching, table.getItemCount());
        assertTrue(matching > 0 && matching < 100, "matching: " + matching);
        assertTrue(table.getItem(0).getText(0).startsWith("disk 04"), table.getItem(0).getText(0));
        assertTrue(filterSeconds < 1.0, "filtering 50,000 checks took " + filterSeconds + " s");
        part.filter("");
        table.setTopIndex(40_000);
        Screenshots.save(fixture.shell, "checks-part-50000");
        assertEquals(CHECKS, table.getItemCount());
    }

    @Test
    void tenThousandChangedChecksAreSavedWithoutFreezingTheUi() throws Exception {
        ChecksPart part = new ChecksPart();
        part.createControls(fixture.shell, fixture.session, fixture.part);
        fixture.shell.open();
        Ui.waitUntil(fixture.display, WAIT, () -> part.shownChecks().size() == CHECKS);
        List<String> names = part.shownChecks().stream().limit(CHANGED).map(Check::name).toList();
        fixture.session.document().setEnabled(names, false);
        assertTrue(fixture.part.isDirty());

        long start = System.nanoTime();
        long worstFreeze;
        try (UiLatency latency = UiLatency.start(fixture.display)) {
            Job save = part.save();
            Ui.waitUntil(fixture.display, WAIT, () -> save.getResult() != null
                    && !fixture.session.document().isSaving());
            worstFreeze = latency.worstMillis();
        }
        double saveSeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("10,000 changed checks saved to SQLite in %.2f s, UI thread frozen %d ms at most%n",
                saveSeconds, worstFreeze);
        assertFalse(fixture.part.isDirty(), part.saveText());
        assertTrue(worstFreeze < UI_FROZEN_MILLIS, "the UI thread was frozen for " + worstFreeze + " ms");
        try (Persistence store = fixture.openDatabase()) {
            assertEquals(CHECKS - CHANGED, store.enabledChecks().size());
            assertFalse(store.check(names.get(CHANGED - 1)).orElseThrow().enabled());
        }
    }
}
