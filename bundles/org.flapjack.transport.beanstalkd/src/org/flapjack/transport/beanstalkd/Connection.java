package org.flapjack.transport.beanstalkd;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.flapjack.core.transport.CallRefusedException;

/**
 * One TCP connection speaking the beanstalkd protocol. Commands are written to a buffer and go out on
 * {@link #flush()}, so a caller can pipeline many before reading their answers in the same order. Not thread-safe:
 * the session owning it serialises calls.
 */
final class Connection implements Closeable {

    private static final byte[] CRLF = {'\r', '\n'};

    private static final int MAX_LINE = 1024;

    private final Socket socket;

    private final InputStream in;

    private final OutputStream out;

    private final int ioTimeoutMillis;

    private final byte[] line = new byte[MAX_LINE];

    /** False once the server refused something that may leave the two sides out of step. */
    private boolean inStep = true;

    /** Connects, failing after {@code connectTimeout}; reads fail after {@code ioTimeout} without an answer. */
    Connection(Endpoint endpoint, Duration connectTimeout, Duration ioTimeout) throws IOException {
        this.ioTimeoutMillis = Math.toIntExact(ioTimeout.toMillis());
        this.socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()),
                Math.toIntExact(connectTimeout.toMillis()));
            socket.setSoTimeout(ioTimeoutMillis);
            this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command and reads its answer: one round trip. */
    Answer call(Command command, Object... args) throws IOException {
        send(command, args);
        flush();
        return receive(command);
    }

    /** Sends a command with a body (put) and reads its answer: one round trip. */
    Answer callWithBody(Command command, byte[] body, Object... args) throws IOException {
        sendWithBody(command, body, args);
        flush();
        return receive(command);
    }

    /** Buffers a command without sending it. */
    void send(Command command, Object... args) throws IOException {
        writeLine(command, args);
    }

    /** Buffers a command followed by its body; the body's byte count is appended to the arguments. */
    void sendWithBody(Command command, byte[] body, Object... args) throws IOException {
        Object[] withCount = Arrays.copyOf(args, args.length + 1);
        withCount[args.length] = body.length;
        writeLine(command, withCount);
        out.write(body);
        out.write(CRLF);
    }

    /** Sends whatever is buffered. */
    void flush() throws IOException {
        out.flush();
    }

    /** Waits longer than usual for the next answer, for a reserve that may wait {@code extra} on the server. */
    void expectDelay(Duration extra) throws IOException {
        socket.setSoTimeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, ioTimeoutMillis + extra.toMillis())));
    }

    /**
     * Reads the next answer, which must belong to {@code command}.
     *
     * @throws ProtocolException when the answer is not one the command can get, or the server is in trouble
     * @throws CallRefusedException when the server refused the command, such as a put too big for it
     */
    Answer receive(Command command) throws IOException {
        String[] words = readLine().split(" ");
        Reply reply = Reply.of(words[0]);
        if (reply == null) {
            throw new ProtocolException("beanstalkd answered " + command.word + " with '" + String.join(" ", words)
                + "', which is no beanstalkd reply");
        }
        checkFailure(command, reply);
        if (!command.expects(reply)) {
            throw new ProtocolException("beanstalkd answered " + command.word + " with " + reply.word()
                + ", which that command never gets");
        }
        socket.setSoTimeout(ioTimeoutMillis);
        List<String> args = List.of(words).subList(1, words.length);
        if (reply.shape != Reply.Shape.BODY) {
            return new Answer(reply, args, null);
        }
        int length = Integer.parseInt(args.get(args.size() - 1));
        return new Answer(reply, args.subList(0, args.size() - 1), readBody(length));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void writeLine(Command command, Object[] args) throws IOException {
        StringBuilder text = new StringBuilder(command.word);
        for (Object arg : args) {
            text.append(' ').append(arg);
        }
        out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
    }

    /**
     * Whether the connection can carry on after a refusal: beanstalkd skips the body of a job too big for it, but
     * after a malformed command it may read a body as the next command.
     */
    boolean inStep() {
        return inStep;
    }

    /** Notes that answers are left unread, as when a pipelined put stopped at a refusal. */
    void outOfStep() {
        inStep = false;
    }

    private void checkFailure(Command command, Reply reply) throws ProtocolException {
        switch (reply.shape) {
            case SERVER_TROUBLE -> throw new ProtocolException("beanstalkd answered " + command.word + " with "
                + reply.word());
            case CLIENT_ERROR -> {
                inStep &= reply == Reply.JOB_TOO_BIG;
                throw new CallRefusedException("beanstalkd refused " + command.word + " with " + reply.word()
                    + (reply == Reply.JOB_TOO_BIG ? " (the job is bigger than beanstalkd's -z limit)" : ""));
            }
            default -> {
            }
        }
    }

    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("beanstalkd closed the connection");
            }
            if (b == '\n' && length > 0 && line[length - 1] == '\r') {
                return new String(line, 0, length - 1, StandardCharsets.US_ASCII);
            }
            if (length == MAX_LINE) {
                throw new ProtocolException("beanstalkd sent a line longer than " + MAX_LINE + " bytes");
            }
            line[length++] = (byte) b;
        }
    }

    private byte[] readBody(int length) throws IOException {
        byte[] body = in.readNBytes(length);
        if (body.length < length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("beanstalkd closed the connection in the middle of a body");
        }
        return body;
    }
}
