package org.flapjack.processes;

import java.io.EOFException;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * A client of the SSH agent on a Unix socket (the one {@code SSH_AUTH_SOCK} names). MINA's proxy writes and reads
 * the agent protocol; this class carries its messages over the JDK's Unix domain socket channel, because MINA's own
 * Unix agent client needs Tomcat's native APR library. An agent that cannot be reached offers no keys.
 */
final class UnixSocketAgent extends AbstractAgentProxy {

    private static final System.Logger LOG = System.getLogger(UnixSocketAgent.class.getName());

    /** Far above any real answer (OpenSSH's agent caps its messages at 256 KiB); a larger length is corruption. */
    private static final int MAX_MESSAGE = 256 * 1024;

    private final Path socket;

    private SocketChannel channel;

    private boolean closed;

    UnixSocketAgent(Path socket) {
        super(null);
        this.socket = socket;
    }

    @Override
    public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        try {
            return super.getIdentities();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING,
                () -> "the SSH agent at " + socket + " gave no keys, so only key files are tried: " + e.getMessage());
            return List.of();
        }
    }

    /** Sends one request (length-prefixed, as the proxy prepared it) and returns the answer without its length. */
    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        SocketChannel open = channel();
        ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
        while (out.hasRemaining()) {
            open.write(out);
        }
        int length = read(open, Integer.BYTES).getInt();
        if (length <= 0 || length > MAX_MESSAGE) {
            throw new StreamCorruptedException("the SSH agent at " + socket + " answered with a length of " + length);
        }
        return new ByteArrayBuffer(read(open, length).array());
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            super.close();
        }
    }

    private SocketChannel channel() throws IOException {
        if (closed) {
            throw new IOException("the connection to the SSH agent at " + socket + " is closed");
        }
        if (channel == null) {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            LOG.log(System.Logger.Level.DEBUG, () -> "connected to the SSH agent at " + socket);
        }
        return channel;
    }

    private ByteBuffer read(SocketChannel open, int size) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(size);
        while (in.hasRemaining()) {
            if (open.read(in) < 0) {
                throw new EOFException("the SSH agent at " + socket + " closed the connection");
            }
        }
        return in.flip();
    }
}
