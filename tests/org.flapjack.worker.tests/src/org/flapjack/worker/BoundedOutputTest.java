package org.flapjack.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BoundedOutputTest {

    private static final int TEN_MB = 10 * 1024 * 1024;

    @Test
    void tenMegabytesAreReadWhileOnlyTheCapIsHeld() {
        BoundedOutput output = new BoundedOutput(CheckRunner.OUTPUT_CAP);

        output.readAll(new Endless(TEN_MB));

        assertEquals(TEN_MB, output.total());
        assertTrue(output.cut());
        assertTrue(output.held() <= CheckRunner.OUTPUT_CAP, "held " + output.held() + " bytes");
        assertEquals(CheckRunner.OUTPUT_CAP, output.text().length());
    }

    @Test
    void outputWithinTheCapIsKeptWhole() {
        BoundedOutput output = new BoundedOutput(CheckRunner.OUTPUT_CAP);

        output.readAll(new ByteArrayInputStream("OK: fine | t=1s\n".getBytes(StandardCharsets.UTF_8)));

        assertEquals("OK: fine | t=1s\n", output.text());
        assertFalse(output.cut());
        assertTrue(output.held() < CheckRunner.OUTPUT_CAP);
    }

    /** A stream of {@code length} letters that holds none of them. */
    private static final class Endless extends InputStream {

        private long left;

        Endless(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            left -= n;
            return n;
        }
    }
}
