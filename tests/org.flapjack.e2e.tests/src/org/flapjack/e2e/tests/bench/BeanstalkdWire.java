package org.flapjack.e2e.tests.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The few beanstalkd commands the benchmark needs beside Flapjack's own transport, over one plain socket: a tube's
 * counters (cumulative ones included), pausing a tube, and kicking its delayed jobs.
 */
final class BeanstalkdWire implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    BeanstalkdWire(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
    }

    /** The tube's {@code stats-tube} counters, such as {@code total-jobs} and {@code current-jobs-ready}. */
    Map<String, Long> stats(String tube) throws IOException {
        String reply = call("stats-tube " + tube);
        if (!reply.startsWith("OK ")) {
            return Map.of("total-jobs", 0L, "current-jobs-ready", 0L, "current-jobs-reserved", 0L,
                    "current-jobs-delayed", 0L);
        }
        byte[] body = in.readNBytes(Integer.parseInt(reply.substring(3)) + 2);
        Map<String, Long> counters = new HashMap<>();
        for (String line : new String(body, StandardCharsets.US_ASCII).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0 && line.substring(colon + 2).strip().matches("\\d+")) {
                counters.put(line.substring(0, colon).strip(), Long.parseLong(line.substring(colon + 2).strip()));
            }
        }
        return counters;
    }

    /** Keeps every client from reserving the tube's jobs for this many seconds; put, kick and stats go on. */
    void pause(String tube, long seconds) throws IOException {
        expect(call("pause-tube " + tube + " " + seconds), "PAUSED");
    }

    /** Makes the tube's delayed jobs ready now (it has no buried ones); returns how many. */
    long kickDelayed(String tube) throws IOException {
        expect(call("use " + tube), "USING");
        String reply = call("kick " + Integer.MAX_VALUE);
        expect(reply, "KICKED");
        return Long.parseLong(reply.substring("KICKED ".length()));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String call(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("beanstalkd closed the connection after: " + command);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void expect(String reply, String expected) throws IOException {
        if (!reply.startsWith(expected)) {
            throw new IOException("expected " + expected + " from beanstalkd, got: " + reply);
        }
    }
}
