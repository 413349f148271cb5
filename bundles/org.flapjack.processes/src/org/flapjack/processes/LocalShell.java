package org.flapjack.processes;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands on this machine with {@link ProcessBuilder}. */
final class LocalShell implements Shell {

    private static final System.Logger LOG = System.getLogger(LocalShell.class.getName());

    @Override
    public CommandResult run(List<String> command, Duration timeout) {
        LOG.log(System.Logger.Level.DEBUG, () -> "running " + String.join(" ", command));
        Process process = start(command);
        CappedOutput output = new CappedOutput(OUTPUT_LIMIT);
        Thread reader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), output));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new HostException(Host.LOCALHOST + ": " + command.get(0) + " timed out after "
                    + timeout.toSeconds() + " s");
            }
            reader.join(Duration.ofSeconds(2));
            return new CommandResult(process.exitValue(), output.text());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HostException(Host.LOCALHOST + ": interrupted while running " + command.get(0), e);
        }
    }

    private static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
        } catch (IOException e) {
            throw new HostException(Host.LOCALHOST + ": cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static void copy(InputStream in, CappedOutput out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the process went away; what was read so far is the output
        }
    }
}
