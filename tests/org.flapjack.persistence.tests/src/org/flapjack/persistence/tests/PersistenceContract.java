package org.flapjack.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.CheckStatus;
import org.flapjack.core.model.CheckTemplate;
import org.flapjack.core.model.Event;
import org.flapjack.core.model.Node;
import org.flapjack.core.model.Status;
import org.flapjack.core.persistence.Batch;
import org.flapjack.core.persistence.ParentRelation;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.persistence.PersistenceProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every persistence backend does, written once. A subclass names the provider and makes a fresh, empty store
 * for each test, and removes it afterwards.
 */
abstract class PersistenceContract {

    static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    private final List<Persistence> opened = new ArrayList<>();
    private Map<String, String> settings;
    Persistence persistence;

    /** The backend under test. */
    abstract PersistenceProvider provider();

    /** Settings of a new, empty store for one test. */
    abstract Map<String, String> freshStore() throws Exception;

    /** Removes the store {@link #freshStore} made. */
    abstract void dropStore(Map<String, String> settings) throws Exception;

    @BeforeEach
    void openFreshStore() throws Exception {
        settings = freshStore();
        persistence = open();
    }

    @AfterEach
    void closeAndDropStore() throws Exception {
        opened.forEach(Persistence::close);
        dropStore(settings);
    }

    /** Another instance on the same store, as a second process (notifier and console) would open it. */
    Persistence open() {
        Persistence another = provider().open(settings);
        opened.add(another);
        return another;
    }

    Map<String, String> settings() {
        return settings;
    }

    static Check check(String name, List<String> parents, List<String> recipients) {
        return new Check(name, "web1.example.com", "http", null, Map.of("PORT", "8080"), 60, 10, true, parents,
                recipients);
    }

    /** COUNT checks named {@code check 0000} upwards; every third has parents, each has RECIPIENT and one more. */
    static List<Check> numbered(int count, String recipient) {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> parents = i % 3 == 0 ? List.of("ping " + i, "router") : List.of();
            checks.add(new Check(String.format("check %04d", i), "web" + i % 50 + ".example.com", "http",
                    "check_http -u /" + i, Map.of("PORT", Integer.toString(8000 + i)), 60 + i % 7, 10, i % 5 != 0,
                    parents, List.of(recipient, "oncall-" + i % 4)));
        }
        return checks;
    }

    static CheckStatus status(String check, Status status, int second) {
        return new CheckStatus(check, status, check + " is " + status + " at " + second, T0.plusSeconds(second),
                "worker-1");
    }

    @Test
    void savedCheckIsReadBackWithEveryField() {
        Check check = new Check("web-http", "web1.example.com", "http", "check_http -H $FQDN -p $PORT",
                Map.of("PORT", "8080", "URL", "/health"), 60, 10, true, List.of("web-ping", "db-ping"),
                List.of("alice", "bob"));

        persistence.saveCheck(check);

        assertEquals(Optional.of(check), persistence.check("web-http"));
    }

    @Test
    void checkWithoutNodeTemplateOrCommandIsReadBackWithNulls() {
        Check check = new Check("bare", null, null, null, Map.of(), 0, 0, false, List.of(), List.of());

        persistence.saveCheck(check);

        assertEquals(Optional.of(check), persistence.check("bare"));
    }

    @Test
    void missingCheckIsEmpty() {
        assertEquals(Optional.empty(), persistence.check("nothing-here"));
    }

    @Test
    void savingACheckAgainReplacesItsFieldsParentsAndRecipients() {
        persistence.saveCheck(check("web-http", List.of("a", "b"), List.of("alice", "bob")));
        Check changed = new Check("web-http", "web2.example.com", null, "check_http -H web2", Map.of(), 300, 30,
                false, List.of("c"), List.of("carol"));

        persistence.saveCheck(changed);

        assertEquals(Optional.of(changed), persistence.check("web-http"));
    }

    @Test
    void checksAreListedByName() {
        persistence.saveCheck(check("web", List.of(), List.of()));
        persistence.saveCheck(check("Db", List.of("web"), List.of("alice")));
        persistence.saveCheck(check("api", List.of(), List.of("bob")));

        assertEquals(List.of("Db", "api", "web"), persistence.checks().stream().map(Check::name).toList());
        assertEquals(List.of("alice"), persistence.checks().getFirst().recipients());
    }

    @Test
    void enabledChecksLeaveOutDisabledOnes() {
        Check enabled = check("enabled", List.of("parent"), List.of("alice"));
        persistence.saveCheck(enabled);
        persistence.saveCheck(new Check("disabled", null, null, "true", Map.of(), 60, 10, false, List.of(),
                List.of()));

        assertEquals(List.of(enabled), persistence.enabledChecks());
    }

    @Test
    void deletedCheckIsGoneWithItsStatusButKeepsItsEvents() {
        persistence.saveCheck(check("web", List.of("ping"), List.of("alice")));
        persistence.recordResult(status("web", Status.CRITICAL, 1));

        assertTrue(persistence.deleteCheck("web"));

        assertEquals(Optional.empty(), persistence.check("web"));
        assertEquals(Optional.empty(), persistence.latestStatus("web"));
        assertEquals(List.of(), persistence.parentRelations());
        assertEquals(1, persistence.events("web", 0, 10).size());
    }

    @Test
    void deletingAMissingCheckReportsFalse() {
        assertFalse(persistence.deleteCheck("never-saved"));
    }

    @Test
    void checksSavedAtOnceAreReadBackWithEveryField() {
        List<Check> checks = numbered(1_500, "alice");

        persistence.saveChecks(checks);

        assertEquals(checks, persistence.checks());
        assertEquals(checks.get(7), persistence.check(checks.get(7).name()).orElseThrow());
    }

    @Test
    void savingChecksAtOnceAgainReplacesTheirFieldsParentsAndRecipients() {
        persistence.saveCheck(check("check 0001", List.of("a", "b"), List.of("carol", "dave")));
        persistence.saveChecks(numbered(20, "alice"));
        List<Check> changed = numbered(20, "bob").stream().map(check -> new Check(check.name(), null, null,
                "check_ping", Map.of(), 300, 30, false, List.of(), check.recipients())).toList();

        persistence.saveChecks(changed);

        assertEquals(changed, persistence.checks());
        assertEquals(List.of(), persistence.parentRelations());
    }

    @Test
    void aCheckGivenTwiceInOneBatchIsStoredAsTheLastOne() {
        Check first = check("web", List.of("a"), List.of("alice"));
        Check last = check("web", List.of("b"), List.of("bob"));

        persistence.saveChecks(List.of(first, last));

        assertEquals(List.of(last), persistence.checks());
    }

    @Test
    void checksDeletedAtOnceGoWithTheirStatusesButKeepTheirEvents() {
        List<Check> checks = numbered(1_200, "alice");
        persistence.saveChecks(checks);
        persistence.recordResult(status(checks.get(3).name(), Status.CRITICAL, 1));
        List<String> doomed = checks.stream().skip(2).map(Check::name).toList();

        persistence.deleteChecks(doomed);
        persistence.deleteChecks(List.of("never-saved"));

        assertEquals(checks.subList(0, 2), persistence.checks());
        assertEquals(Optional.empty(), persistence.latestStatus(checks.get(3).name()));
        assertEquals(1, persistence.events(checks.get(3).name(), 0, 10).size());
        assertEquals(checks.subList(0, 2).stream().mapToInt(check -> check.parents().size()).sum(),
                persistence.parentRelations().size());
    }

    @Test
    void checksDeletedAtOnceCanBeSavedAgain() {
        List<Check> checks = numbered(30, "alice");
        persistence.saveChecks(checks);
        persistence.deleteChecks(checks.stream().map(Check::name).toList());

        persistence.saveChecks(checks);

        assertEquals(checks, persistence.checks());
    }

    @Test
    void tenThousandChecksAreSavedAtOnce() {
        List<Check> checks = numbered(10_000, "alice");

        long start = System.nanoTime();
        persistence.saveChecks(checks);
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("%s: saved 10,000 checks at once in %.2f s%n", getClass().getSimpleName(), seconds);
        assertEquals(10_000, persistence.checks().size());
        assertEquals(checks.get(9_999), persistence.check(checks.get(9_999).name()).orElseThrow());
    }

    @Test
    void nodesAreSavedReplacedListedAndDeleted() {
        persistence.saveNode(new Node("web1.example.com", Map.of("RACK", "r1")));
        persistence.saveNode(new Node("db1.example.com"));
        persistence.saveNode(new Node("web1.example.com", Map.of("RACK", "r2", "ROOM", "b")));

        assertEquals(List.of(new Node("db1.example.com"), new Node("web1.example.com",
                Map.of("RACK", "r2", "ROOM", "b"))), persistence.nodes());
        assertTrue(persistence.deleteNode("db1.example.com"));
        assertFalse(persistence.deleteNode("db1.example.com"));
        assertEquals(Optional.empty(), persistence.node("db1.example.com"));
    }

    @Test
    void templatesAreSavedReplacedListedAndDeleted() {
        CheckTemplate http = new CheckTemplate("http", "check_http -H $FQDN", Map.of("PORT", "80"), 60, 10);
        CheckTemplate ping = new CheckTemplate("ping", "check_ping -H $FQDN -w 100,20% -c 500,60%", Map.of(), 30, 5);
        persistence.saveTemplate(new CheckTemplate("http", "old", Map.of(), 1, 1));
        persistence.saveTemplate(http);
        persistence.saveTemplate(ping);

        assertEquals(List.of(http, ping), persistence.templates());
        assertEquals(Optional.of(ping), persistence.template("ping"));
        assertTrue(persistence.deleteTemplate("http"));
        assertEquals(List.of(ping), persistence.templates());
    }

    @Test
    void parentRelationsAreListedByChildInParentOrder() {
        persistence.saveCheck(check("web", List.of("switch", "db"), List.of()));
        persistence.saveCheck(check("api", List.of("web"), List.of()));

        assertEquals(List.of(new ParentRelation("api", "web"), new ParentRelation("web", "switch"),
                new ParentRelation("web", "db")), persistence.parentRelations());
    }

    @Test
    void failingParentBlocksItsChild() {
        persistence.saveCheck(check("switch", List.of(), List.of()));
        persistence.saveCheck(check("web", List.of("switch"), List.of()));

        persistence.recordResult(status("switch", Status.CRITICAL, 1));

        assertTrue(persistence.anyParentFailing("web"));
        assertFalse(persistence.anyParentFailing("switch"));
    }

    @Test
    void parentInWarningOrUnknownAlsoBlocks() {
        persistence.saveCheck(check("web", List.of("a", "b"), List.of()));
        persistence.recordResult(status("a", Status.OK, 1));
        persistence.recordResult(status("b", Status.WARNING, 1));
        assertTrue(persistence.anyParentFailing("web"));

        persistence.recordResult(status("b", Status.UNKNOWN, 2));
        assertTrue(persistence.anyParentFailing("web"));
    }

    @Test
    void parentThatRecoveredNoLongerBlocks() {
        persistence.saveCheck(check("web", List.of("switch"), List.of()));
        persistence.recordResult(status("switch", Status.CRITICAL, 1));

        persistence.recordResult(status("switch", Status.OK, 2));

        assertFalse(persistence.anyParentFailing("web"));
    }

    @Test
    void checkWithoutParentsIsNeverBlocked() {
        persistence.saveCheck(check("web", List.of(), List.of()));
        persistence.recordResult(status("other", Status.CRITICAL, 1));

        assertFalse(persistence.anyParentFailing("web"));
        assertFalse(persistence.anyParentFailing("not-saved"));
    }

    @Test
    void parentWithoutStatusBlocksNothing() {
        persistence.saveCheck(check("web", List.of("never-ran"), List.of()));

        assertFalse(persistence.anyParentFailing("web"));
    }

    @Test
    void cycleOfParentsNeitherHangsNorBlocksWhileAllAreOk() {
        persistence.saveCheck(check("a", List.of("c"), List.of()));
        persistence.saveCheck(check("b", List.of("a"), List.of()));
        persistence.saveCheck(check("c", List.of("b"), List.of()));
        for (String name : List.of("a", "b", "c")) {
            persistence.recordResult(status(name, Status.OK, 1));
        }

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertFalse(persistence.anyParentFailing("a"));
            assertFalse(persistence.anyParentFailing("b"));
            assertFalse(persistence.anyParentFailing("c"));
        });
    }

    @Test
    void cycleOfParentsBlocksOnlyTheChildOfTheFailingCheck() {
        persistence.saveCheck(check("a", List.of("c"), List.of()));
        persistence.saveCheck(check("b", List.of("a"), List.of()));
        persistence.saveCheck(check("c", List.of("b"), List.of()));
        persistence.recordResult(status("a", Status.CRITICAL, 1));
        persistence.recordResult(status("b", Status.OK, 1));
        persistence.recordResult(status("c", Status.OK, 1));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertFalse(persistence.anyParentFailing("a"));
            assertTrue(persistence.anyParentFailing("b"));
            assertFalse(persistence.anyParentFailing("c"));
        });
    }

    @Test
    void checkThatIsItsOwnParentIsNotSilencedByItsOwnFailure() {
        persistence.saveCheck(check("loop", List.of("loop"), List.of()));
        persistence.recordResult(status("loop", Status.CRITICAL, 1));

        assertFalse(persistence.anyParentFailing("loop"));
    }

    @Test
    void failingResultIsSavedAsAnEvent() {
        persistence.recordResult(status("web", Status.CRITICAL, 5));

        assertEquals(List.of(new Event("web", Status.CRITICAL, "web is CRITICAL at 5", T0.plusSeconds(5))),
                persistence.events("web", 0, 10));
    }

    @Test
    void resultsRecordedTogetherGiveEachTheStatusBeforeItInOrder() {
        persistence.recordResult(status("web", Status.OK, 1));

        List<Optional<CheckStatus>> previous = persistence.recordResults(List.of(status("web", Status.CRITICAL, 2),
                status("db", Status.WARNING, 2), status("web", Status.OK, 3)));

        assertEquals(List.of(Optional.of(status("web", Status.OK, 1)), Optional.empty(),
                Optional.of(status("web", Status.CRITICAL, 2))), previous);
        assertEquals(Optional.of(status("web", Status.OK, 3)), persistence.latestStatus("web"));
        assertEquals(Optional.of(status("db", Status.WARNING, 2)), persistence.latestStatus("db"));
        assertEquals(List.of(Status.CRITICAL), persistence.events("web", 0, 10).stream().map(Event::status).toList());
        assertEquals(List.of(Status.WARNING), persistence.events("db", 0, 10).stream().map(Event::status).toList());
    }

    @Test
    void okResultAddsNoEvent() {
        persistence.recordResult(status("web", Status.OK, 5));

        assertEquals(List.of(), persistence.events(0, 10));
    }

    @Test
    void eventsOfOneCheckAreListedNewestFirst() {
        persistence.recordResult(status("web", Status.WARNING, 1));
        persistence.recordResult(status("db", Status.CRITICAL, 2));
        persistence.recordResult(status("web", Status.CRITICAL, 3));
        persistence.addEvent(new Event("web", Status.UNKNOWN, "timed out", T0.plusSeconds(4)));

        assertEquals(List.of(Status.UNKNOWN, Status.CRITICAL, Status.WARNING),
                persistence.events("web", 0, 10).stream().map(Event::status).toList());
    }

    @Test
    void eventsOfEveryCheckAreListedNewestFirstInPages() {
        for (int second = 1; second <= 7; second++) {
            persistence.recordResult(status(second % 2 == 0 ? "web" : "db", Status.CRITICAL, second));
        }

        assertEquals(List.of(7, 6, 5), seconds(persistence.events(0, 3)));
        assertEquals(List.of(4, 3, 2), seconds(persistence.events(3, 3)));
        assertEquals(List.of(1), seconds(persistence.events(6, 3)));
        assertEquals(List.of(), seconds(persistence.events(9, 3)));
    }

    @Test
    void eventsOfOneCheckArePaged() {
        for (int second = 1; second <= 5; second++) {
            persistence.recordResult(status("web", Status.CRITICAL, second));
            persistence.recordResult(status("db", Status.CRITICAL, second));
        }

        assertEquals(List.of(3, 2), seconds(persistence.events("web", 2, 2)));
        assertEquals(List.of(), persistence.events("web", 0, 0));
    }

    @Test
    void negativePageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> persistence.events(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> persistence.events("web", 0, -1));
    }

    @Test
    void latestStatusFollowsResults() {
        persistence.recordResult(status("web", Status.OK, 1));
        persistence.recordResult(status("web", Status.CRITICAL, 2));
        assertEquals(Optional.of(status("web", Status.CRITICAL, 2)), persistence.latestStatus("web"));

        persistence.recordResult(status("web", Status.OK, 3));
        assertEquals(Optional.of(status("web", Status.OK, 3)), persistence.latestStatus("web"));
    }

    @Test
    void recordingAResultReturnsTheStatusBefore() {
        assertEquals(Optional.empty(), persistence.recordResult(status("web", Status.WARNING, 1)));

        assertEquals(Optional.of(status("web", Status.WARNING, 1)),
                persistence.recordResult(status("web", Status.CRITICAL, 2)));
    }

    @Test
    void latestStatusesAreListedByCheck() {
        persistence.recordResult(status("web", Status.OK, 1));
        persistence.recordResult(status("db", Status.CRITICAL, 1));

        assertEquals(List.of(status("db", Status.CRITICAL, 1), status("web", Status.OK, 1)),
                persistence.latestStatuses());
    }

    @Test
    void savedLatestStatusAddsNoEvent() {
        persistence.saveLatestStatus(status("web", Status.CRITICAL, 1));

        assertEquals(Optional.of(status("web", Status.CRITICAL, 1)), persistence.latestStatus("web"));
        assertEquals(List.of(), persistence.events(0, 10));
    }

    @Test
    void deployedBatchIsKeptAndTheNewestIsLatest() {
        assertEquals(Optional.empty(), persistence.latestBatch());
        Batch first = new Batch("batch-1", T0, 120, "alice");
        Batch second = new Batch("batch-2", T0.plusSeconds(3600), 125, "bob");

        persistence.recordBatch(second);
        persistence.recordBatch(first);

        assertEquals(Optional.of(second), persistence.latestBatch());
    }

    @Test
    void storedValuesOutliveTheInstanceThatWroteThem() {
        persistence.saveCheck(check("web", List.of("ping"), List.of("alice")));
        persistence.recordResult(status("web", Status.CRITICAL, 1));
        persistence.close();

        Persistence reopened = open();

        assertEquals(Optional.of(check("web", List.of("ping"), List.of("alice"))), reopened.check("web"));
        assertEquals(1, reopened.events(0, 10).size());
    }

    @Test
    void twoWritersAtOnceLoseNoUpdate() throws Exception {
        Persistence notifier = open();
        Persistence console = open();
        int rounds = 40;

        runTogether(() -> {
            for (int i = 0; i < rounds; i++) {
                notifier.recordResult(status("web", Status.CRITICAL, i));
                notifier.saveCheck(check("notifier-" + i, List.of(), List.of()));
            }
            return null;
        }, () -> {
            for (int i = 0; i < rounds; i++) {
                console.recordResult(status("web", Status.WARNING, i));
                console.saveCheck(check("console-" + i, List.of("web"), List.of("alice")));
            }
            return null;
        });

        assertEquals(2 * rounds, persistence.events("web", 0, 1000).size());
        assertEquals(2 * rounds, persistence.checks().size());
    }

    @Test
    void twoWritersOfOneCheckLeaveOneWholeVersionOfIt() throws Exception {
        Persistence notifier = open();
        Persistence console = open();
        Check fromNotifier = check("web", List.of("a", "b", "c"), List.of("alice"));
        Check fromConsole = check("web", List.of("x", "y"), List.of("bob", "carol"));

        runTogether(() -> {
            for (int i = 0; i < 30; i++) {
                notifier.saveCheck(fromNotifier);
            }
            return null;
        }, () -> {
            for (int i = 0; i < 30; i++) {
                console.saveCheck(fromConsole);
            }
            return null;
        });

        Check stored = persistence.check("web").orElseThrow();
        assertTrue(stored.equals(fromNotifier) || stored.equals(fromConsole), () -> "a mix of both: " + stored);
    }

    private static void runTogether(Callable<Void> first, Callable<Void> second) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Void> one = threads.submit(first);
            Future<Void> two = threads.submit(second);
            one.get();
            two.get();
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Integer> seconds(List<Event> events) {
        return events.stream().map(event -> (int) Duration.between(T0, event.time()).toSeconds()).toList();
    }
}
