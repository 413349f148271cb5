package org.flapjack.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program to its end and keeps its exit status and its output (stdout and stderr together). */
record Command(int exitStatus, String output) {

    private static final long TIMEOUT_SECONDS = 180;

    static Command run(Path workingDirectory, String... command) {
        return run(workingDirectory, List.of(command));
    }

    /** Runs without a controlling terminal (through setsid), so that a script asking on /dev/tty finds none. */
    static Command runDetached(Path workingDirectory, String... command) {
        return run(workingDirectory, List.of(concat("/usr/bin/setsid", command)));
    }

    static Command run(Path workingDirectory, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " still ran after " + TIMEOUT_SECONDS + " s");
            }
            return new Command(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Describes the run for an assertion message. */
    String shown() {
        return "exit " + exitStatus + ", output:\n" + output;
    }
}
