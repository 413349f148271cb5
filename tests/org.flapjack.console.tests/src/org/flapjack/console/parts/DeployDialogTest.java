package org.flapjack.console.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flapjack.console.deploy.BatchDeploy;
import org.flapjack.core.model.Check;
import org.flapjack.core.model.Node;
import org.flapjack.core.transport.ReservedJob;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.populator.BatchContent;
import org.flapjack.populator.BatchRefusedException;
import org.flapjack.populator.DeploySummary;
import org.flapjack.testing.Beanstalkd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployDialogTest {

    @TempDir
    Path folder;

    private Beanstalkd beanstalkd;
    private ConsoleFixture fixture;
    private BatchDeploy deploy;

    @BeforeEach
    void start() {
        beanstalkd = Beanstalkd.start();
        fixture = new ConsoleFixture(folder, beanstalkd.port());
        deploy = new BatchDeploy(fixture.session.transport(), fixture.session.persistence(),
                folder.resolve("state").resolve("last-deployed-batch.json"));
        fixture.shell.open();
    }

    @AfterEach
    void stop() {
        fixture.close();
        beanstalkd.close();
    }

    @Test
    void deployPutsOneJobPerEnabledCheckOnBeanstalkdAndReportsTheSummary() throws Exception {
        BatchContent content = new BatchContent(List.of(new Node("web1.example.org")), List.of(), List.of(
                check("disk web1", "check_disk -H $FQDN", true, List.of()),
                check("http web1", "check_http -H $FQDN", true, List.of("disk web1")),
                check("ping web1", "check_ping -H $FQDN", false, List.of())));
        BatchDeploy.Preview preview = deploy.preview(content);
        assertEquals(List.of("disk web1", "http web1", "ping web1"), preview.changes().added());

        DeployDialog dialog = new DeployDialog(fixture.shell, deploy, preview);
        dialog.setBlockOnOpen(false);
        dialog.open();
        dialog.deploy();
        Ui.waitUntil(fixture.display, Duration.ofSeconds(30), () -> dialog.outcome() != null);
        Path screenshot = Screenshots.save(dialog.getShell(), "deploy-dialog");

        assertNull(dialog.outcome().failure());
        DeploySummary summary = dialog.outcome().summary();
        assertEquals(List.of(2, 2, 1, 0), List.of(summary.put(), summary.planned(), summary.disabled(),
                summary.failed().size()));
        assertTrue(dialog.reportText().contains(summary.describe()), dialog.reportText());
        Map<String, String> jobs = reserveAll();
        assertEquals(Map.of("disk web1", "check_disk -H 'web1.example.org'",
                "http web1", "check_http -H 'web1.example.org'"), jobs);
        assertTrue(Files.size(screenshot) > 0);
        dialog.close();
    }

    @Test
    void theNextPreviewShowsWhatChangedSinceTheDeploy() throws Exception {
        BatchContent first = new BatchContent(List.of(), List.of(), List.of(check("a", "true", true, List.of()),
                check("b", "true", true, List.of())));
        Object[] done = new Object[1];
        deploy.start(deploy.preview(first), (put, total) -> { }, outcome -> done[0] = outcome).join();

        BatchContent second = new BatchContent(List.of(), List.of(), List.of(check("b", "false", true, List.of()),
                check("c", "true", true, List.of())));
        BatchDeploy.Preview preview = deploy.preview(second);

        assertEquals(List.of("c"), preview.changes().added());
        assertEquals(List.of("a"), preview.changes().removed());
        assertEquals(List.of("b"), preview.changes().changed());
    }

    @Test
    void aBatchWithAnUnknownParentIsRefusedAndNothingIsPut() {
        BatchContent content = new BatchContent(List.of(), List.of(), List.of(
                check("a", "true", true, List.of("nowhere"))));

        BatchRefusedException refused = assertThrows(BatchRefusedException.class, () -> deploy.preview(content));

        assertTrue(refused.getMessage().contains("unknown parent check 'nowhere'"), refused.getMessage());
        try (TransportSession session = fixture.session.transport().openSession()) {
            assertEquals(0, session.stats("jobs").total());
        }
    }

    private Map<String, String> reserveAll() throws Exception {
        Map<String, String> jobs = new HashMap<>();
        try (TransportSession session = fixture.session.transport().openSession()) {
            Optional<ReservedJob> job;
            while ((job = session.reserveJob(Duration.ofMillis(500))).isPresent()) {
                jobs.put(job.get().job().check(), job.get().job().command());
            }
        }
        return jobs;
    }

    private static Check check(String name, String command, boolean enabled, List<String> parents) {
        return new Check(name, command.contains("$FQDN") ? "web1.example.org" : null, null, command, Map.of(), 1, 1,
                enabled, parents, List.of());
    }
}
