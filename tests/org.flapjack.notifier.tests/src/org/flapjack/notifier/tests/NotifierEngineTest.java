package org.flapjack.notifier.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.flapjack.core.model.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** What the notifier tells whom, observed through the built-in log notifier. */
class NotifierEngineTest {

    private static final String CONFIG = """
            [notifier]
            notifiers = log
            renotify_interval = 2s
            """;

    @TempDir
    Path folder;

    private NotifierRig rig;

    @AfterEach
    void stopRig() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void checkTurningCriticalNotifiesEveryoneOnce() throws Exception {
        rig = new NotifierRig(folder, CONFIG);
        rig.saveCheck("disk", List.of(), List.of());

        rig.putResult("disk", Status.CRITICAL, "DISK CRITICAL - 2% free");
        rig.awaitIdle();

        assertEquals(List.of("PROBLEM disk CRITICAL to alice", "PROBLEM disk CRITICAL to bob"), rig.logged());
    }

    @Test
    void okResultOfACheckNeverNotifiedSendsNothing() throws Exception {
        rig = new NotifierRig(folder, CONFIG);

        rig.putResult("disk", Status.OK, "DISK OK");
        rig.awaitIdle();

        assertEquals(List.of(), rig.logged());
    }

    @Test
    void repeatedFailuresSendNothingMoreUntilTheReminderInterval() throws Exception {
        rig = new NotifierRig(folder, CONFIG);
        rig.saveCheck("disk", List.of(), List.of("alice"));
        rig.putResult("disk", Status.CRITICAL, "first");
        rig.putResult("disk", Status.CRITICAL, "second");
        rig.putResult("disk", Status.CRITICAL, "third");
        rig.awaitIdle();
        assertEquals(List.of("PROBLEM disk CRITICAL to alice"), rig.logged());

        Thread.sleep(2100);
        rig.putResult("disk", Status.CRITICAL, "fourth");
        rig.awaitIdle();

        assertEquals(List.of("PROBLEM disk CRITICAL to alice", "REMINDER disk CRITICAL to alice"), rig.logged());
    }

    @Test
    void warningTurningCriticalNotifiesAgain() throws Exception {
        rig = new NotifierRig(folder, CONFIG);
        rig.saveCheck("load", List.of(), List.of("bob"));

        rig.putResult("load", Status.WARNING, "load 5");
        rig.putResult("load", Status.CRITICAL, "load 20");
        rig.awaitIdle();

        assertEquals(List.of("PROBLEM load WARNING to bob", "PROBLEM load CRITICAL to bob"), rig.logged());
    }

    @Test
    void recoverySendsOneRecoveryMessage() throws Exception {
        rig = new NotifierRig(folder, CONFIG);
        rig.saveCheck("disk", List.of(), List.of("alice"));

        rig.putResult("disk", Status.CRITICAL, "full");
        rig.putResult("disk", Status.OK, "fine");
        rig.putResult("disk", Status.OK, "still fine");
        rig.awaitIdle();

        assertEquals(List.of("PROBLEM disk CRITICAL to alice", "RECOVERY disk OK to alice"), rig.logged());
    }

    @Test
    void manyResultsWaitingAtOnceAreAllStoredAndToldInTheirOrder() throws Exception {
        rig = new NotifierRig(folder, CONFIG);
        rig.saveCheck("disk", List.of(), List.of("alice"));
        rig.saveCheck("load", List.of(), List.of("bob"));
        rig.stop();
        for (int i = 0; i < 450; i++) {
            switch (i) {
                case 100 -> rig.putResult("disk", Status.CRITICAL, "full");
                case 150 -> rig.putResult("load", Status.WARNING, "load 5");
                case 151 -> rig.putResult("load", Status.CRITICAL, "load 20");
                case 300 -> rig.putResult("disk", Status.OK, "fine");
                default -> rig.putResult(String.format("bulk-%03d", i), Status.OK, "fine");
            }
        }

        rig.start();
        rig.awaitIdle();

        assertEquals(List.of("PROBLEM disk CRITICAL to alice", "PROBLEM load WARNING to bob",
                "PROBLEM load CRITICAL to bob", "RECOVERY disk OK to alice"), rig.logged());
        assertEquals(448, rig.persistence().latestStatuses().size());
        assertEquals(Status.OK, rig.persistence().latestStatus("disk").orElseThrow().status());
        assertEquals(2, rig.persistence().events("load", 0, 10).size());
    }

    @Test
    void resultTheStoreRefusesHoldsBackNoOtherWaitingWithIt() throws Exception {
        rig = new NotifierRig(folder, CONFIG);
        rig.saveCheck("disk", List.of(), List.of("alice"));
        refuseStatusesOf("refused");
        rig.stop();
        rig.putResult("before", Status.OK, "fine");
        rig.putResult("refused", Status.CRITICAL, "never stored");
        rig.putResult("disk", Status.CRITICAL, "full");

        rig.start();
        NotifierRig.await("the result of disk was told", () -> !logged().isEmpty());

        assertEquals(List.of("PROBLEM disk CRITICAL to alice"), logged());
        assertTrue(rig.persistence().latestStatus("before").isPresent());
        assertTrue(rig.persistence().latestStatus("refused").isEmpty());
    }

    @Test
    void childFailingBeforeItsParentInOneBatchIsToldAndAfterItIsNot() throws Exception {
        rig = new NotifierRig(folder, CONFIG);
        rig.saveCheck("switch", List.of(), List.of("alice"));
        rig.saveCheck("web", List.of("switch"), List.of("alice"));
        rig.saveCheck("db", List.of("switch"), List.of("bob"));
        rig.stop();
        rig.putResult("web", Status.CRITICAL, "down while the switch was fine");
        rig.putResult("switch", Status.CRITICAL, "down");
        rig.putResult("db", Status.CRITICAL, "down behind the switch");

        rig.start();
        rig.awaitIdle();

        assertEquals(List.of("PROBLEM web CRITICAL to alice", "PROBLEM switch CRITICAL to alice"), rig.logged());
    }

    /** Makes the SQLite store refuse every status of {@code check}, as a store refuses data it cannot hold. */
    private void refuseStatusesOf(String check) throws SQLException {
        SQLiteDataSource store = new SQLiteDataSource();
        store.setUrl("jdbc:sqlite:" + folder.resolve("flapjack.db"));
        try (Connection connection = store.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER refuse_status BEFORE INSERT ON latest_status WHEN NEW.check_name = '"
                    + check + "' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        }
    }

    private List<String> logged() {
        try {
            return rig.logged();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    void childOfAFailingParentSendsNothing() throws Exception {
        rig = new NotifierRig(folder, CONFIG);
        rig.saveCheck("ping", List.of(), List.of("alice"));
        rig.saveCheck("http", List.of("ping"), List.of("alice"));
        rig.putResult("ping", Status.CRITICAL, "host down");
        rig.awaitIdle();

        rig.putResult("http", Status.CRITICAL, "connection refused");
        rig.awaitIdle();

        assertEquals(List.of("PROBLEM ping CRITICAL to alice"), rig.logged());
    }

    @Test
    void assignedCheckGoesOnlyToItsPeople() throws Exception {
        rig = new NotifierRig(folder, CONFIG);
        rig.saveCheck("backup", List.of(), List.of("bob"));

        rig.putResult("backup", Status.WARNING, "late");
        rig.awaitIdle();

        assertEquals(List.of("PROBLEM backup WARNING to bob"), rig.logged());
    }

    @Test
    void everyFailureModeNotifiesEachFailingResult() throws Exception {
        rig = new NotifierRig(folder, CONFIG.replace("renotify_interval = 2s", "notify = every-failure"));
        rig.saveCheck("disk", List.of(), List.of("alice"));

        rig.putResult("disk", Status.CRITICAL, "one");
        rig.putResult("disk", Status.CRITICAL, "two");
        rig.awaitIdle();

        assertEquals(List.of("PROBLEM disk CRITICAL to alice", "PROBLEM disk CRITICAL to alice"), rig.logged());
    }

    @Test
    void restartedNotifierRemembersWhatItToldPeople() throws Exception {
        rig = new NotifierRig(folder, CONFIG.replace("2s", "1h"));
        rig.saveCheck("disk", List.of(), List.of("alice"));
        rig.putResult("disk", Status.CRITICAL, "full");
        rig.awaitIdle();

        rig.stop();
        rig.start();
        rig.putResult("disk", Status.CRITICAL, "still full");
        rig.putResult("disk", Status.OK, "fine");
        rig.awaitIdle();

        assertEquals(List.of("PROBLEM disk CRITICAL to alice", "RECOVERY disk OK to alice"), rig.logged());
        assertTrue(rig.logLines().get(1).endsWith(": fine"), rig.logLines().get(1));
    }
}
