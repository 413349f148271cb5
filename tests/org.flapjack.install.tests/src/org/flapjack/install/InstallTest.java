package org.flapjack.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallTest {

    /** An absolute path to a system folder that does not lie inside the prefix. */
    private static final Pattern SYSTEM_PATH = Pattern.compile(
        "(?<![\\w./-])/(etc|opt|var|run|usr/local|lib/systemd)(/[\\w.@-]*)*");

    private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z_]+@");

    @TempDir
    static Path prefix;

    private static Installation installation;

    @BeforeAll
    static void install() {
        installation = Installation.into(prefix);
    }

    @Test
    void installLaysDownExactlyItsFiles() {
        Set<String> expected = new TreeSet<>(List.of("etc/flapjack/flapjack-notifier.conf",
            "etc/flapjack/recipients.conf", "etc/default/flapjack-workers", "etc/default/flapjack-notifier",
            "etc/init.d/flapjack-workers", "etc/init.d/flapjack-notifier",
            "etc/systemd/system/flapjack-workers.service", "etc/systemd/system/flapjack-notifier.service"));
        installation.launchers().forEach(launcher -> expected.add("usr/local/bin/" + launcher));

        Set<String> outsideServer = new TreeSet<>(installation.files());
        outsideServer.removeIf(file -> file.startsWith("opt/flapjack/"));

        assertEquals(expected, outsideServer);
    }

    @Test
    void serverIsCopiedWhole() {
        Set<String> copied = new TreeSet<>();
        installation.files().stream().filter(file -> file.startsWith("opt/flapjack/"))
            .forEach(file -> copied.add(file.substring("opt/flapjack/".length())));

        assertEquals(new Installation(installation.server(), installation.server()).files(), copied);
    }

    @Test
    void launchersOnThePathLinkIntoTheCopy() throws IOException {
        for (String launcher : installation.launchers()) {
            Path link = installation.path("usr/local/bin/" + launcher);

            assertTrue(Files.isSymbolicLink(link), link + " is not a link");
            assertEquals(installation.home().resolve("bin/" + launcher), Files.readSymbolicLink(link));
        }
    }

    @Test
    void runLogAndDataFoldersExist() {
        for (String folder : List.of("var/run/flapjack", "var/log/flapjack", "var/lib/flapjack")) {
            assertTrue(Files.isDirectory(installation.path(folder)), folder);
        }
    }

    @Test
    void initScriptsAreExecutable() {
        for (String service : Installation.SERVICES) {
            assertTrue(Files.isExecutable(installation.path("etc/init.d/" + service)), service);
        }
    }

    @Test
    void initScriptsHaveLsbHeaders() throws IOException {
        for (String service : Installation.SERVICES) {
            String script = Files.readString(installation.path("etc/init.d/" + service));

            assertTrue(script.contains("### BEGIN INIT INFO\n# Provides:          " + service + "\n"), script);
            assertTrue(script.contains("# Default-Start:     2 3 4 5\n"), script);
            assertTrue(script.contains("### END INIT INFO\n"), script);
        }
    }

    @Test
    void systemdUnitsRunTheInitScriptsOfThePrefix() throws IOException {
        for (String service : Installation.SERVICES) {
            String unit = Files.readString(installation.path("etc/systemd/system/" + service + ".service"));

            assertTrue(unit.contains("\nExecStart=" + installation.path("etc/init.d/" + service) + " start\n"), unit);
            assertTrue(unit.contains("\nExecStop=" + installation.path("etc/init.d/" + service) + " stop\n"), unit);
            assertTrue(unit.contains("\nWantedBy=multi-user.target\n"), unit);
        }
    }

    @Test
    void everyWrittenFilePointsInsideThePrefixOnly() throws IOException {
        List<String> outside = new ArrayList<>();
        for (String file : installation.files()) {
            if (file.startsWith("opt/") || file.startsWith("usr/local/bin/")) {
                continue;
            }
            String text = Files.readString(installation.path(file));
            assertFalse(PLACEHOLDER.matcher(text).find(), file + " holds an unfilled placeholder: " + text);
            Matcher matcher = SYSTEM_PATH.matcher(text);
            while (matcher.find()) {
                outside.add(file + ": " + matcher.group());
            }
        }

        assertEquals(List.of(), outside);
    }

    @Test
    void controlFilesStartDisabled() throws IOException {
        for (String service : Installation.SERVICES) {
            String control = Files.readString(installation.path("etc/default/" + service));

            assertTrue(control.contains("\nENABLED=no\n"), control);
            assertTrue(control.contains("\nRUN_DIR=" + installation.runDir() + "\n"), control);
        }
    }

    @Test
    void exampleConfigsPassConfigCheck() {
        Command check = Command.run(prefix, installation.path("usr/local/bin/flapjack-config-check").toString(),
            "--recipients", installation.path("etc/flapjack/recipients.conf").toString(),
            "--config", installation.path("etc/flapjack/flapjack-notifier.conf").toString());

        assertEquals(0, check.exitStatus(), check.shown());
        assertEquals("ok", check.output().strip());
    }

    @Test
    void reinstallKeepsEditedConfigs(@TempDir Path otherPrefix) throws IOException {
        Installation other = Installation.into(otherPrefix);
        Path recipients = other.path("etc/flapjack/recipients.conf");
        Path control = other.path("etc/default/flapjack-workers");
        Files.writeString(recipients, "[Grace Hopper]\nemail = grace@example.org\n");
        Files.writeString(control, "ENABLED=yes\nWORKERS=7\n");

        Command again = other.installer("--prefix", otherPrefix.toString(), "--yes");

        assertEquals(0, again.exitStatus(), again.shown());
        assertEquals("[Grace Hopper]\nemail = grace@example.org\n", Files.readString(recipients));
        assertEquals("ENABLED=yes\nWORKERS=7\n", Files.readString(control));
    }

    @Test
    void roleWorkersEnablesTheWorkersOnly(@TempDir Path otherPrefix) throws IOException {
        Installation other = new Installation(Installation.builtServer(), otherPrefix);

        Command install = other.installer("--prefix", otherPrefix.toString(), "--yes", "--role", "workers");

        assertEquals(0, install.exitStatus(), install.shown());
        assertTrue(Files.readString(other.path("etc/default/flapjack-workers")).contains("\nENABLED=yes\n"));
        assertTrue(Files.readString(other.path("etc/default/flapjack-notifier")).contains("\nENABLED=no\n"));
    }

    @Test
    void replacingAnEditedInitScriptWithoutTerminalOrYesIsRefused(@TempDir Path otherPrefix) throws IOException {
        Installation other = Installation.into(otherPrefix);
        Path script = other.path("etc/init.d/flapjack-workers");
        String edited = Files.readString(script) + "# edited by hand\n";
        Files.writeString(script, edited);

        Command again = other.installerWithoutTerminal("--prefix", otherPrefix.toString());

        assertEquals(2, again.exitStatus(), again.shown());
        assertTrue(again.output().contains("run again with --yes"), again.shown());
        assertEquals(edited, Files.readString(script));
    }

    @Test
    void unknownArgumentIsUsageError() {
        Command wrong = installation.installer("--prefix", prefix.toString(), "--frobnicate");

        assertEquals(1, wrong.exitStatus(), wrong.shown());
        assertTrue(wrong.output().contains("Usage: install-flapjack-systemwide"), wrong.shown());
    }

    @Test
    void helpDescribesTheOptions() {
        Command help = installation.installer("--help");

        assertEquals(0, help.exitStatus(), help.shown());
        for (String option : List.of("--prefix DIR", "--yes", "--uninstall", "--role")) {
            assertTrue(help.output().contains(option), help.shown());
        }
    }
}
