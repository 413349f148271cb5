package org.flapjack.console.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.flapjack.core.model.CheckStatus;
import org.flapjack.core.model.Status;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.transport.JobDocument;
import org.flapjack.core.transport.NewJob;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.testing.Beanstalkd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusPartTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    private Beanstalkd beanstalkd;
    private ConsoleFixture fixture;

    @BeforeEach
    void start() {
        beanstalkd = Beanstalkd.start();
        fixture = new ConsoleFixture(folder, beanstalkd.port());
    }

    @AfterEach
    void stop() {
        fixture.close();
        beanstalkd.close();
    }

    @Test
    void showsTheLatestStatusOfEachCheckAndTheEventsOfTheSelectedOne() throws Exception {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        try (Persistence store = fixture.openDatabase()) {
            store.recordResult(new CheckStatus("disk web1", Status.CRITICAL, "DISK CRITICAL - / 98%", now, "w1"));
            store.recordResult(new CheckStatus("http web1", Status.OK, "HTTP OK", now, "w2"));
            store.recordResult(new CheckStatus("load db1", Status.WARNING, "LOAD WARNING", now, "w1"));
        }
        StatusPart part = new StatusPart();
        part.createControls(fixture.shell, fixture.session);
        fixture.shell.open();
        Ui.waitUntil(fixture.display, WAIT, () -> part.shownStatuses().size() == 3);

        Table table = part.viewer().getTable();
        assertEquals("disk web1", table.getItem(0).getText(1));
        assertEquals("CRITICAL", table.getItem(0).getText(0));
        table.setSelection(0);
        table.notifyListeners(SWT.Selection, new Event());
        Ui.waitUntil(fixture.display, WAIT, () -> part.eventsViewer().getTable().getItemCount() == 1);
        assertEquals("DISK CRITICAL - / 98%", part.eventsViewer().getTable().getItem(0).getText(2));
        assertTrue(Files.size(Screenshots.save(fixture.shell, "status-part")) > 0);
        part.dispose();
    }

    @Test
    void tubeStatisticsShowTheJobsWaitingOnBeanstalkd() throws Exception {
        try (TransportSession session = fixture.session.transport().openSession()) {
            session.putJob(NewJob.of(new JobDocument("b1", "disk web1", "true", 60, 10)));
            session.putJob(NewJob.of(new JobDocument("b1", "load web1", "true", 60, 10)));
        }
        TubeStatsPart part = new TubeStatsPart();
        part.createControls(fixture.shell, fixture.session);
        fixture.shell.open();

        Ui.waitUntil(fixture.display, WAIT, () -> part.shownTubes().stream()
                .anyMatch(tube -> tube.tube().equals("jobs") && tube.ready() == 2));
        assertTrue(part.stateText().startsWith("beanstalkd at 127.0.0.1:" + beanstalkd.port()), part.stateText());
        assertTrue(Files.size(Screenshots.save(fixture.shell, "tube-statistics-part")) > 0);
        part.dispose();
    }
}
