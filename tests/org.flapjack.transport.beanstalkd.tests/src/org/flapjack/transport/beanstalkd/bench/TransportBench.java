package org.flapjack.transport.beanstalkd.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flapjack.core.transport.JobDocument;
import org.flapjack.core.transport.NewJob;
import org.flapjack.core.transport.Transport;
import org.flapjack.core.transport.TransportSession;
import org.flapjack.testing.Beanstalkd;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;

/**
 * Measures the beanstalkd transport against a beanstalkd it starts: put and reserve+delete rates with one thread and
 * with several, the pipelined batch put and drain, and a raw pipelined put over one socket for comparison. Not a
 * test; run its main by hand: {@code java ... TransportBench [jobs-per-run] [threads]}.
 */
public final class TransportBench {

    private final Transport transport;

    private final Beanstalkd server;

    private TransportBench(Beanstalkd server) {
        this.server = server;
        this.transport = new BeanstalkdProvider().open(server.settings());
    }

    /** Runs every measurement and prints one line per figure. */
    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int batch = 100_000;
        try (Beanstalkd server = Beanstalkd.start()) {
            TransportBench bench = new TransportBench(server);
            bench.warmUp();
            report("put, 1 thread", jobs, bench.putConcurrently(jobs, 1));
            report("reserve+delete, 1 thread", jobs, bench.reserveConcurrently(jobs, 1));
            report("put, " + threads + " threads", jobs, bench.putConcurrently(jobs, threads));
            report("reserve+delete, " + threads + " threads", jobs, bench.reserveConcurrently(jobs, threads));
            report("putJobs pipelined (SPI), 1 socket", batch, bench.pipelinedPut(batch));
            report("drainJobs pipelined (SPI), 1 socket", batch, bench.drain());
            report("raw pipelined put, 1 socket", batch, bench.rawPipelinedPut(batch));
            bench.transport.close();
        }
    }

    private static void report(String what, int count, long nanos) {
        System.out.printf("%-40s %8d jobs in %7.3f s = %9.0f jobs/s%n", what, count, nanos / 1e9,
            count / (nanos / 1e9));
    }

    private static NewJob job(int i) {
        return NewJob.of(new JobDocument("bench", "check-" + i, "/usr/lib/nagios/plugins/check_dummy 0 'all fine'",
            60, 10));
    }

    private void warmUp() throws Exception {
        putConcurrently(2000, 2);
        reserveConcurrently(2000, 2);
    }

    private long putConcurrently(int count, int threads) throws Exception {
        return concurrently(threads, session -> {
            for (int i = 0; i < count / threads; i++) {
                session.putJob(job(i));
            }
        });
    }

    private long reserveConcurrently(int count, int threads) throws Exception {
        return concurrently(threads, session -> {
            for (int i = 0; i < count / threads; i++) {
                long id = session.reserveJob(Duration.ofSeconds(1)).orElseThrow().id();
                session.delete(id);
            }
        });
    }

    private long pipelinedPut(int count) {
        List<NewJob> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            jobs.add(job(i));
        }
        try (TransportSession session = transport.openSession()) {
            long start = System.nanoTime();
            session.putJobs(jobs, TransportSession.PutProgress.NONE);
            return System.nanoTime() - start;
        }
    }

    private long drain() {
        try (TransportSession session = transport.openSession()) {
            long start = System.nanoTime();
            session.drainJobs();
            return System.nanoTime() - start;
        }
    }

    /** Puts the same bodies the SPI would, written by one thread and acknowledged by another, over one socket. */
    private long rawPipelinedPut(int count) throws Exception {
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(job(i).job().toJson());
        }
        try (Socket socket = new Socket(server.host(), server.port())) {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out.write("use raw\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            Thread writer = Thread.ofPlatform().start(() -> writeAll(out, bodies));
            int inserted = countLines(in, count + 1) - 1;
            writer.join();
            long nanos = System.nanoTime() - start;
            if (inserted != count) {
                throw new IllegalStateException("raw put: " + inserted + " of " + count + " acknowledged");
            }
            return nanos;
        }
    }

    private static void writeAll(OutputStream out, List<byte[]> bodies) {
        try {
            for (byte[] body : bodies) {
                out.write(("put 65536 0 40 " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.write('\r');
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int countLines(InputStream in, int lines) throws IOException {
        int seen = 0;
        while (seen < lines) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            if (b == '\n') {
                seen++;
            }
        }
        return seen;
    }

    private long concurrently(int threads, SessionWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    try (TransportSession session = transport.openSession()) {
                        work.run(session);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdown();
        }
    }

    @FunctionalInterface
    private interface SessionWork {
        void run(TransportSession session) throws Exception;
    }
}
