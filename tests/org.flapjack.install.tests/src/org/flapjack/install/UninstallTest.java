package org.flapjack.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UninstallTest {

    private static final Set<String> CONFIGS = Set.of("etc/flapjack/flapjack-notifier.conf",
        "etc/flapjack/recipients.conf", "etc/default/flapjack-workers", "etc/default/flapjack-notifier");

    @TempDir
    Path prefix;

    @Test
    void uninstallLeavesOnlyTheConfigs() throws IOException {
        Installation installation = Installation.into(prefix);
        Files.writeString(installation.path("var/log/flapjack/flapjack-workers.log"), "a log line\n");

        Command uninstall = installation.installer("--prefix", prefix.toString(), "--uninstall", "--yes");

        assertEquals(0, uninstall.exitStatus(), uninstall.shown());
        assertEquals(Set.copyOf(CONFIGS), Set.copyOf(installation.files()));
    }

    @Test
    void uninstallKeepsEditedConfigs() throws IOException {
        Installation installation = Installation.into(prefix);
        Path recipients = installation.path("etc/flapjack/recipients.conf");
        Files.writeString(recipients, "[Grace Hopper]\nemail = grace@example.org\n");

        installation.installer("--prefix", prefix.toString(), "--uninstall", "--yes");

        assertEquals("[Grace Hopper]\nemail = grace@example.org\n", Files.readString(recipients));
    }

    @Test
    void uninstallKeepsNotifierData() throws IOException {
        Installation installation = Installation.into(prefix);
        Path database = installation.path("var/lib/flapjack/flapjack.db");
        Files.writeString(database, "data");

        installation.installer("--prefix", prefix.toString(), "--uninstall", "--yes");

        assertTrue(Files.exists(database));
    }

    @Test
    void uninstallWithoutTerminalOrYesRemovesNothing() {
        Installation installation = Installation.into(prefix);
        Set<String> before = installation.files();

        Command uninstall = installation.installerWithoutTerminal("--prefix", prefix.toString(), "--uninstall");

        assertEquals(2, uninstall.exitStatus(), uninstall.shown());
        assertTrue(uninstall.output().contains("run again with --yes"), uninstall.shown());
        assertEquals(before, installation.files());
    }
}
