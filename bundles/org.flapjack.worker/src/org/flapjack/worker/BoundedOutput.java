package org.flapjack.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a check printed, kept up to a cap: bytes beyond it are read and thrown away, so a check that prints without
 * end neither blocks on a full pipe nor fills the worker's memory. Written by one reading thread; what it
 * holds may be read at any time.
 */
final class BoundedOutput {

    private static final int FIRST_SIZE = 4096;

    private static final int READ_SIZE = 8192;

    private final int cap;

    private byte[] kept = new byte[0];

    private int length;

    private long total;

    BoundedOutput(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("the output cap must be at least 1 byte, not " + cap);
        }
        this.cap = cap;
    }

    /** Reads the stream to its end, keeping the first {@code cap} bytes; a stream closed under it ends the read. */
    void readAll(InputStream in) {
        byte[] chunk = new byte[READ_SIZE];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                keep(chunk, n);
            }
        } catch (IOException e) {
            // The pipe was closed because the check's process group was killed: what was read is the output.
        }
    }

    /** Keeps what fits of the first {@code n} bytes of {@code chunk} and counts them all. */
    synchronized void keep(byte[] chunk, int n) {
        total += n;
        int room = cap - length;
        if (room <= 0) {
            return;
        }
        int taken = Math.min(room, n);
        if (length + taken > kept.length) {
            kept = Arrays.copyOf(kept, Math.min(cap, Math.max(FIRST_SIZE, Math.max(kept.length * 2, length + taken))));
        }
        System.arraycopy(chunk, 0, kept, length, taken);
        length += taken;
    }

    /** The kept bytes as text; a UTF-8 sequence cut at the cap becomes a replacement character. */
    synchronized String text() {
        return new String(kept, 0, length, StandardCharsets.UTF_8);
    }

    /** Whether the check printed more than the cap. */
    synchronized boolean cut() {
        return total > cap;
    }

    /** How many bytes the check printed in all, kept or not. */
    synchronized long total() {
        return total;
    }

    /** How many bytes this reader holds in memory for the output: never more than the cap. */
    synchronized int held() {
        return kept.length;
    }

    int cap() {
        return cap;
    }
}
