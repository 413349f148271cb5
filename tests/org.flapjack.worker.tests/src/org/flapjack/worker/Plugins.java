package org.flapjack.worker;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Debian's monitoring plugins, which the tests run as real checks, and waiting for what a worker does. */
final class Plugins {

    static final Path DIRECTORY = Path.of("/usr/lib/nagios/plugins");

    private Plugins() {
    }

    /** The plugins' directory; fails the test with the install command when they are missing. */
    static Path directory() {
        if (!Files.isExecutable(DIRECTORY.resolve("check_dummy"))) {
            fail("monitoring plugins not found in " + DIRECTORY + ": apt-get install monitoring-plugins-basic");
        }
        return DIRECTORY;
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code limit}. */
    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Whether a process whose command line contains {@code marker} is alive. */
    static boolean processWith(String marker) {
        return ProcessHandle.allProcesses().anyMatch(handle -> handle.isAlive()
            && handle.info().commandLine().map(line -> line.contains(marker)).orElse(false));
    }
}
