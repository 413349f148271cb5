package org.flapjack.transport.beanstalkd;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.flapjack.core.transport.JobDocument;
import org.flapjack.core.transport.NewJob;
import org.flapjack.testing.Beanstalkd;

/** Jobs and raw puts for the tests. */
final class Jobs {

    private Jobs() {
    }

    static JobDocument document(String check) {
        return new JobDocument("batch-1", check, "check_dummy 0 'fine'", 60, 10);
    }

    static NewJob job(String check) {
        return NewJob.of(document(check));
    }

    static NewJob job(String check, String batch) {
        return NewJob.of(new JobDocument(batch, check, "true", 60, 10));
    }

    static NewJob withTimeToRun(String check, Duration timeToRun) {
        return new NewJob(document(check), NewJob.DEFAULT_PRIORITY, Duration.ZERO, timeToRun);
    }

    /** Puts a body as it is on a tube, over a socket of its own, the way a foreign producer would. */
    static void putRaw(Beanstalkd server, String tube, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(server.host(), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("use " + tube + "\r\nput 0 0 60 " + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String replies = new String(socket.getInputStream().readNBytes(("USING " + tube + "\r\n").length() + 9),
                StandardCharsets.US_ASCII);
            if (!replies.contains("INSERTED")) {
                throw new IllegalStateException("raw put failed: " + replies);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
