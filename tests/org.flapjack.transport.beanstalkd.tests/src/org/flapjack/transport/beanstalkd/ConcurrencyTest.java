package org.flapjack.transport.beanstalkd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.flapjack.core.transport.ReservedJob;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.testing.Beanstalkd;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private static final int THREADS = 8;

    private static final int JOBS_PER_THREAD = 500;

    @Test
    void eightThreadsPuttingAndReservingAtOnceLoseAndDoubleNothing() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger doubled = new AtomicInteger();
        try (Beanstalkd server = Beanstalkd.start();
            Transport transport = new BeanstalkdProvider().open(server.settings())) {
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(threads.submit(() -> putAndReserve(transport, thread, seen, doubled)));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();
            collectLeftovers(transport, seen, doubled);
        }

        assertEquals(0, doubled.get(), "jobs reserved twice");
        assertEquals(THREADS * JOBS_PER_THREAD, seen.size());
    }

    private static Void putAndReserve(Transport transport, int thread, Set<String> seen, AtomicInteger doubled)
        throws Exception {
        try (TransportSession session = transport.openSession()) {
            for (int i = 0; i < JOBS_PER_THREAD; i++) {
                session.putJob(Jobs.job("t" + thread + "-" + i));
                Optional<ReservedJob> job = session.reserveJob(Duration.ZERO);
                if (job.isPresent()) {
                    record(job.get(), seen, doubled);
                    session.delete(job.get().id());
                }
            }
        }
        return null;
    }

    private static void collectLeftovers(Transport transport, Set<String> seen, AtomicInteger doubled)
        throws Exception {
        try (TransportSession session = transport.openSession()) {
            Optional<ReservedJob> job;
            while ((job = session.reserveJob(Duration.ZERO)).isPresent()) {
                record(job.get(), seen, doubled);
                session.delete(job.get().id());
            }
        }
    }

    private static void record(ReservedJob job, Set<String> seen, AtomicInteger doubled) {
        if (!seen.add(job.job().check())) {
            doubled.incrementAndGet();
        }
    }
}
