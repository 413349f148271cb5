package org.flapjack.populator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flapjack.cli.Launch;
import org.flapjack.cli.Populator;
import org.flapjack.core.model.Check;
import org.flapjack.core.model.Node;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.transport.JobDocument;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.persistence.sql.SqlPersistenceProvider;
import org.flapjack.testing.Beanstalkd;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flapjack-populator} run in this JVM against a real beanstalkd. */
class CommandTest {

    @TempDir
    Path dir;

    private Beanstalkd server;

    private Transport transport;

    private TransportSession session;

    private final StringWriter out = new StringWriter();

    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        server = Beanstalkd.start();
        transport = new BeanstalkdProvider().open(server.settings());
        session = transport.openSession();
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Test
    void batchFileIsDeployedAndSummarised() throws Exception {
        Path batch = write("batch.json", BatchFileTest.EXAMPLE);

        int status = run("--batch", batch.toString(), "-b", server.host(), "-p", Integer.toString(server.port()));

        assertEquals(0, status, err.toString());
        String lastLine = out.toString().strip().lines().reduce((first, second) -> second).orElse("");
        assertTrue(lastLine.matches("batch \\S+: put 2 of 2 enabled checks \\(0 failed\\), removed 0 earlier jobs,"
                + " 1 disabled"), out.toString());
        assertEquals(2, session.stats("jobs").total());
    }

    @Test
    void progressIsPrintedAsPlainLinesEveryTenthWhenNotOnATerminal() throws Exception {
        Path batch = write("batch.yaml", "checks:\n" + manyChecks(10_000));

        assertEquals(0, run("--batch", batch.toString(), "-b", server.host(), "-p", "" + server.port()));

        List<String> progress = out.toString().lines().filter(line -> line.startsWith("put ")).toList();
        assertEquals(11, progress.size(), out.toString());
        assertEquals("put 10000 of 10000 jobs (100%)", progress.get(10));
    }

    @Test
    void badBatchFileIsRefusedWithItsPathAndNothingIsDeployed() throws Exception {
        Path batch = write("batch.json", """
            {"checks": [{"name": "a", "command": "true", "interval": 60, "timeout": 5},
                        {"name": "b", "command": "true", "interval": "often", "timeout": 5}]}""");

        int status = run("--batch", batch.toString(), "-b", server.host(), "-p", "" + server.port());

        assertEquals(Launch.FAILURE, status);
        assertEquals(batch + ": $.checks[1].interval: expected a whole number of seconds, 1 or more, not \"often\"",
            err.toString().strip());
        assertEquals(0, session.stats("jobs").total());
        assertEquals(Optional.empty(), session.currentBatch());
    }

    @Test
    void dryRunPrintsTheJobsAndDeploysNothing() throws Exception {
        Path batch = write("batch.json", BatchFileTest.EXAMPLE);

        int status = run("--batch", batch.toString(), "--dry-run", "-b", server.host(), "-p", "" + server.port());

        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("disk-web1: first run in 0 s, every 300 s, timeout 20 s: "
            + "check_disk -H 'web1.example.com' -p '/var'"), out.toString());
        assertTrue(out.toString().contains("old-web1: disabled, not deployed"), out.toString());
        assertTrue(out.toString().contains("would put 2 of 2 enabled checks (0 failed), 1 disabled; nothing deployed"),
            out.toString());
        assertEquals(Optional.empty(), session.currentBatch());
    }

    @Test
    void zeroIntervalIsRefusedWithItsPathAndTheEarlierBatchStays() throws Exception {
        Path good = write("good.json", """
            {"checks": [{"name": "a", "command": "true", "interval": 60, "timeout": 5}]}""");
        run("--batch", good.toString(), "-b", server.host(), "-p", "" + server.port());
        Path batch = write("batch.json", """
            {"checks": [{"name": "a", "command": "true", "interval": 0, "timeout": 5}]}""");
        err.getBuffer().setLength(0);

        int status = run("--batch", batch.toString(), "-b", server.host(), "-p", "" + server.port());

        assertEquals(Launch.FAILURE, status);
        assertEquals(batch + ": $.checks[0].interval: expected a whole number of seconds, 1 or more, not 0",
            err.toString().strip());
        assertEquals(1, session.stats("jobs").total());
    }

    @Test
    void summaryCountsTheFailedChecksAmongTheEnabledOnes() throws Exception {
        Path batch = write("batch.json", """
            {"checks": [{"name": "a", "command": "true", "interval": 60, "timeout": 5},
                        {"name": "b", "command": "check_x $NOPE", "interval": 60, "timeout": 5}]}""");

        run("--batch", batch.toString(), "-b", server.host(), "-p", "" + server.port());

        assertTrue(out.toString().strip().matches("(?s).*batch \\S+: put 1 of 2 enabled checks \\(1 failed\\), "
            + "removed 0 earlier jobs, 0 disabled"), out.toString());
    }

    @Test
    void checkThatCannotBeRenderedIsNamedAndTheExitStatusSaysSo() throws Exception {
        Path batch = write("batch.json", """
            {"checks": [{"name": "a", "command": "true", "interval": 60, "timeout": 5},
                        {"name": "b", "command": "check_x $NOPE", "interval": 60, "timeout": 5}]}""");

        int status = run("--batch", batch.toString(), "-b", server.host(), "-p", "" + server.port());

        assertEquals(Launch.FAILURE, status);
        assertTrue(err.toString().startsWith("check b not deployed: no value for placeholder $NOPE"), err.toString());
        assertEquals(1, session.stats("jobs").total());
    }

    @Test
    void withoutConfigOrBatchItIsAUsageError() {
        assertEquals(Launch.USAGE, run());
        assertTrue(err.toString().contains("--config FILE"), err.toString());
    }

    @Test
    void configDeploysTheChecksOfSqlitePersistenceAndRecordsTheBatch() throws Exception {
        Path database = dir.resolve("flapjack.db");
        Map<String, String> persistenceSettings = Map.of("backend", "sql", "uri", "sqlite3://" + database);
        try (Persistence persistence = new SqlPersistenceProvider().open(persistenceSettings)) {
            persistence.saveNode(new Node("db1.example.com"));
            persistence.saveCheck(new Check("pgsql-db1", "db1.example.com", null, "check_pgsql -H $FQDN", Map.of(),
                60, 10, true, List.of(), List.of()));
            persistence.saveCheck(new Check("old", null, null, "true", Map.of(), 60, 10, false, List.of(), List.of()));
        }
        Path config = write("flapjack.ini", """
            [notifier]
            notifier-directories = /tmp
            notifiers = log
            [persistence]
            backend = sql
            uri = sqlite3://%s
            [transport]
            backend = beanstalkd
            host = %s
            port = %d
            """.formatted(database, server.host(), server.port()));

        int status = run("--config", config.toString());

        assertEquals(0, status, err.toString());
        List<JobDocument> jobs = WaitingJobs.ready(transport);
        assertEquals(List.of("check_pgsql -H 'db1.example.com'"), jobs.stream().map(JobDocument::command).toList());
        try (Persistence persistence = new SqlPersistenceProvider().open(persistenceSettings)) {
            assertEquals(jobs.get(0).batch(), persistence.latestBatch().orElseThrow().id());
            assertEquals(1, persistence.latestBatch().orElseThrow().checks());
        }
    }

    @Test
    void batchWithAConfigStoresItsChecksWithParentsAndRecipientsForTheNotifier() throws Exception {
        Path database = dir.resolve("flapjack.db");
        Path batch = write("batch.json", BatchFileTest.EXAMPLE);
        Path config = write("flapjack.ini", sqliteConfig(database));

        int status = run("--batch", batch.toString(), "--config", config.toString());

        assertEquals(0, status, err.toString());
        assertEquals(2, session.stats("jobs").total());
        try (Persistence persistence = new SqlPersistenceProvider().open(sqliteSettings(database))) {
            Check disk = persistence.check("disk-web1").orElseThrow();
            assertEquals(List.of("ping-web1"), disk.parents());
            assertEquals(List.of("alice", "bob"), disk.recipients());
            assertEquals(3, persistence.checks().size());
            assertTrue(persistence.latestBatch().isPresent());
        }
    }

    @Test
    void configWhosePersistenceHoldsNoEnabledCheckDeploysNothingAndTheEarlierBatchStays() throws Exception {
        Path batch = write("batch.json", BatchFileTest.EXAMPLE);
        assertEquals(0, run("--batch", batch.toString(), "-b", server.host(), "-p", "" + server.port()));
        Path config = write("flapjack.ini", sqliteConfig(dir.resolve("empty.db")));

        int status = run("--config", config.toString());

        assertEquals(Launch.FAILURE, status);
        assertTrue(err.toString().contains("holds no enabled check"), err.toString());
        assertEquals(2, session.stats("jobs").total());
    }

    private String sqliteConfig(Path database) {
        return """
            [notifier]
            notifiers = log
            [persistence]
            backend = sql
            uri = sqlite3://%s
            [transport]
            backend = beanstalkd
            host = %s
            port = %d
            """.formatted(database, server.host(), server.port());
    }

    private static Map<String, String> sqliteSettings(Path database) {
        return Map.of("backend", "sql", "uri", "sqlite3://" + database);
    }

    private int run(String... args) {
        return Launch.run(new Populator(), args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String manyChecks(int count) {
        StringBuilder checks = new StringBuilder();
        for (int i = 0; i < count; i++) {
            checks.append("  - {name: c").append(i).append(", command: 'true', interval: 60, timeout: 5}\n");
        }
        return checks.toString();
    }
}
