package org.flapjack.notifier.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.flapjack.cli.Launch;
import org.flapjack.cli.NotifierManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flapjack-notifier-manager's refusals, which need no notifier to start. */
class NotifierManagerTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int manager(String... args) {
        return Launch.run(new NotifierManager(), args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path files() throws Exception {
        Files.writeString(folder.resolve("recipients.ini"), "[alice]\nemail = alice@example.com\n");
        Files.writeString(folder.resolve("notifier.conf"), "[notifier]\nnotifiers = log\n");
        return folder;
    }

    @Test
    void secondNotifierOnTheSameRunDirectoryIsRefusedNamingTheRunningOne() throws Exception {
        Path runDir = Files.createDirectories(files().resolve("run"));
        Files.writeString(runDir.resolve("flapjack-notifier.pid"), "4242\n");
        try (FileChannel channel = FileChannel.open(runDir.resolve("flapjack-notifier.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = channel.lock()) {

            int status = manager("start", "--recipients", folder.resolve("recipients.ini").toString(), "--config",
                    folder.resolve("notifier.conf").toString(), "--run-dir", runDir.toString());

            assertEquals(2, status);
            assertTrue(err.toString().contains("a notifier is running already") && err.toString().contains("4242"),
                    err.toString());
        }
    }

    @Test
    void missingDefaultConfigSaysSoAndHowToGiveOne() throws Exception {
        files();

        int status = manager("start", "--recipients", folder.resolve("recipients.ini").toString(), "--run-dir",
                folder.resolve("run").toString());

        assertEquals(2, status);
        assertTrue(err.toString().contains("/etc/flapjack/flapjack-notifier.conf")
                && err.toString().contains("--config FILE"), err.toString());
    }

    @Test
    void missingRecipientsFileIsOneLine() throws Exception {
        files();

        int status = manager("start", "--recipients", folder.resolve("nobody.ini").toString(), "--config",
                folder.resolve("notifier.conf").toString());

        assertEquals(2, status);
        assertEquals("recipients file " + folder.resolve("nobody.ini") + " does not exist", err.toString().strip());
    }

    @Test
    void statusWithoutANotifierSaysItIsNotRunning() throws Exception {
        int status = manager("status", "--run-dir", folder.toString());

        assertEquals(0, status);
        assertTrue(out.toString().contains("not running"), out.toString());
    }
}
