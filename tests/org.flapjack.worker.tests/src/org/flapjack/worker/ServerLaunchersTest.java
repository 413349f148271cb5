package org.flapjack.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server product's launchers as an operator meets them: what they print when a setting is wrong. */
class ServerLaunchersTest {

    @TempDir
    Path folder;

    @Test
    void statsPortOutOfRangeIsAUsageErrorNamingTheOption() throws Exception {
        for (String port : List.of("0", "65536")) {
            Run stats = launch("flapjack-stats", "--once", "-p", port);

            assertEquals(1, stats.exitStatus(), stats.err());
            assertTrue(stats.err().startsWith("--port must be a number from 1 to 65535, not " + port + "\n"),
                stats.err());
        }
    }

    @Test
    void workerPortOutOfRangeIsAUsageErrorNamingTheOption() throws Exception {
        Run worker = launch("flapjack-worker", "-p", "0", "-c", folder.toString());

        assertEquals(1, worker.exitStatus(), worker.err());
        assertTrue(worker.err().startsWith("--port must be a number from 1 to 65535, not 0\n"), worker.err());
    }

    @Test
    void sqliteRunPrintsNoJvmWarnings() throws Exception {
        Path config = Files.writeString(folder.resolve("notifier.conf"), "[notifier]\n[persistence]\nbackend = sql\n"
            + "uri = sqlite3://" + folder.resolve("flapjack.db") + "\n");

        Run populator = launch("flapjack-populator", "--config", config.toString(), "--dry-run");

        assertEquals(0, populator.exitStatus(), populator.err());
        assertFalse(populator.err().contains("WARNING"), populator.err());
    }

    @Test
    void mariaDbWrongPasswordIsOneLineOfFlapjacksOwn() throws Exception {
        Path config = Files.writeString(folder.resolve("notifier.conf"), "[notifier]\n[persistence]\nbackend = sql\n"
            + "uri = mysql://root:Wrong@Pass@127.0.0.1:3306/flapjack\n");

        Run populator = launch("flapjack-populator", "--config", config.toString(), "--dry-run");

        assertEquals(2, populator.exitStatus(), populator.err());
        assertEquals(1, populator.err().strip().lines().count(), populator.err());
        assertTrue(populator.err().startsWith("sql persistence at mysql://root:***@127.0.0.1:3306/flapjack: "),
            populator.err());
        assertFalse(populator.err().contains("Wrong") || populator.err().contains("Pass@"), populator.err());
    }

    @Test
    void collectorAndHeapNamedInJvmOptionsReplaceTheDefaultsInsteadOfClashing() throws Exception {
        Run stats = launchWith("-XX:+UseParallelGC -Xmx12m", "flapjack-stats", "--help");

        assertEquals(0, stats.exitStatus(), stats.err());
        assertTrue(stats.out().contains("--port"), stats.out());
    }

    private Run launch(String launcher, String... arguments) throws IOException, InterruptedException {
        return launchWith("-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", launcher, arguments);
    }

    private Run launchWith(String jvmOptions, String launcher, String... arguments)
        throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(serverHome().resolve("bin").resolve(launcher).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("FLAPJACK_JVM_OPTIONS", jvmOptions);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("HOME", folder.toString());
        Path out = Files.createTempFile(folder, launcher, ".out");
        Path err = Files.createTempFile(folder, launcher, ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(launcher + " " + String.join(" ", arguments) + " ran for more than a minute");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path serverHome() {
        String property = System.getProperty("flapjack.server.home");
        if (property == null || !Files.isExecutable(Path.of(property, "bin", "flapjack-stats"))) {
            fail("system property flapjack.server.home must name the built server product (with "
                + "bin/flapjack-stats), not " + property + ": build it with ./mvnw verify");
        }
        return Path.of(property);
    }

    /** How one run of a launcher ended. */
    private record Run(int exitStatus, String out, String err) {
    }
}
