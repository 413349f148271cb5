package org.flapjack.populator.tests.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flapjack.core.model.Check;
import org.flapjack.core.model.Node;
import org.flapjack.core.transport.NewJob;
import org.flapjack.core.transport.Transport;
import org.flapjack.populator.BatchContent;
import org.flapjack.populator.DeployPlan;
import org.flapjack.populator.DeployProgress;
import org.flapjack.populator.DeploySummary;
import org.flapjack.populator.Populator;
import org.flapjack.testing.Beanstalkd;
import org.flapjack.transport.beanstalkd.BeanstalkdProvider;

/**
 * Deploys a batch of checks (100,000 unless told otherwise) into a beanstalkd it starts, and in the same run puts the
 * same job bodies over one plain socket with nothing but pipelined {@code put}s, to show what the deploy costs over
 * the wire's own speed. Not a test: {@code java ... DeployBench [checks]}.
 */
public final class DeployBench {

    private static final int RAW_WINDOW = 1024;

    private DeployBench() {
    }

    /** Prints the deploy's rate, the raw put's rate and their ratio. */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        BatchContent content = content(count);
        try (Beanstalkd server = Beanstalkd.start();
                Transport transport = new BeanstalkdProvider().open(server.settings())) {
            Populator populator = new Populator(transport);
            populator.deploy(content(20_000), DeployProgress.NONE, () -> false);
            rawPut(server, Populator.plan(content(20_000)).jobs(), "warm-up");

            long started = System.nanoTime();
            DeploySummary summary = populator.deploy(content, DeployProgress.NONE, () -> false);
            long deployNanos = System.nanoTime() - started;

            DeployPlan plan = Populator.plan(content);
            long rawNanos = rawPut(server, plan.jobs(), "raw");

            System.out.println(summary.describe());
            double deployRate = report("deploy (plan, render, publish, drain 20000, put)", count, deployNanos);
            double rawRate = report("raw pipelined put, 1 socket", count, rawNanos);
            System.out.printf("raw / deploy = %.2f%n", rawRate / deployRate);
        }
    }

    private static BatchContent content(int count) {
        List<Check> checks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            checks.add(new Check("ping-" + i, "host" + (i % 1000) + ".example.com", null,
                "/usr/lib/nagios/plugins/check_ping -H $FQDN -w 100,20% -c 500,60%", Map.of(), 60, 10, true,
                List.of(), List.of()));
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            nodes.add(new Node("host" + i + ".example.com"));
        }
        return new BatchContent(nodes, List.of(), checks);
    }

    private static double report(String what, int count, long nanos) {
        double rate = count / (nanos / 1e9);
        System.out.printf("%-52s %7d jobs in %6.3f s = %9.0f jobs/s%n", what, count, nanos / 1e9, rate);
        return rate;
    }

    /**
     * Puts the bodies on their own tube with at most {@link #RAW_WINDOW} puts unanswered, reading answers as it goes;
     * the bodies are made before the clock starts, so this is the wire and the server alone.
     */
    private static long rawPut(Beanstalkd server, List<NewJob> jobs, String tube) throws IOException {
        List<byte[]> commands = new ArrayList<>(jobs.size());
        for (NewJob job : jobs) {
            byte[] body = job.job().toJson();
            byte[] head = ("put 65536 " + job.delay().toSeconds() + " " + job.timeToRun().toSeconds() + " "
                + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] command = new byte[head.length + body.length + 2];
            System.arraycopy(head, 0, command, 0, head.length);
            System.arraycopy(body, 0, command, head.length, body.length);
            command[command.length - 2] = '\r';
            command[command.length - 1] = '\n';
            commands.add(command);
        }
        try (Socket socket = new Socket(server.host(), server.port())) {
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out.write(("use " + tube + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in, "USING");
            long started = System.nanoTime();
            int answered = 0;
            for (int sent = 0; sent < commands.size(); sent++) {
                out.write(commands.get(sent));
                if (sent - answered >= RAW_WINDOW) {
                    out.flush();
                    expect(in, "INSERTED");
                    answered++;
                }
            }
            out.flush();
            while (answered < commands.size()) {
                expect(in, "INSERTED");
                answered++;
            }
            return System.nanoTime() - started;
        }
    }

    private static void expect(InputStream in, String reply) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("beanstalkd closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        if (!line.toString().startsWith(reply)) {
            throw new IOException("expected " + reply + " from beanstalkd, got: " + line);
        }
    }
}
