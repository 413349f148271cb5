package org.flapjack.transport.beanstalkd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.flapjack.core.transport.ReservedJob;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.testing.Beanstalkd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutageTest {

    @TempDir
    Path binlog;

    private Beanstalkd server;

    private Transport transport;

    @BeforeEach
    void start() {
        server = Beanstalkd.startWithBinlog(binlog);
        transport = new BeanstalkdProvider().open(server.settings());
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Test
    void killedServerRestartedWithItsBinlogLosesNoAcknowledgedJob() throws Exception {
        try (TransportSession populator = transport.openSession()) {
            for (int i = 0; i < 200; i++) {
                populator.putJob(Jobs.job("before-" + i));
            }

            server.kill();
            CompletableFuture<Void> during = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 50; i++) {
                    populator.putJob(Jobs.job("during-" + i));
                }
            });
            Thread.sleep(1500);
            server.restart();
            during.get(20, TimeUnit.SECONDS);
        }

        assertEquals(250, drainChecks().size());
    }

    @Test
    void reserveWaitingThroughAnOutageResumesByItself() throws Exception {
        try (TransportSession worker = transport.openSession(); TransportSession populator = transport.openSession()) {
            worker.stats("jobs");
            server.kill();
            CompletableFuture<Optional<ReservedJob>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return worker.reserveJob(Duration.ofSeconds(10));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500);
            server.restart();
            populator.putJob(Jobs.job("after-restart"));

            assertEquals("after-restart", waiting.get(20, TimeUnit.SECONDS).orElseThrow().job().check());
        }
    }

    private Set<String> drainChecks() throws Exception {
        Set<String> checks = new HashSet<>();
        try (TransportSession consumer = transport.openSession()) {
            Optional<ReservedJob> job;
            while ((job = consumer.reserveJob(Duration.ZERO)).isPresent()) {
                if (!checks.add(job.get().job().check())) {
                    throw new AssertionError("job of " + job.get().job().check() + " came twice");
                }
                consumer.delete(job.get().id());
            }
        }
        return checks;
    }
}
