package org.flapjack.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    private static final String PATH = "/nonexistent:" + Plugins.directory() + ":/usr/bin:/bin";

    private static final Path CHECKS = Path.of("/tmp");

    @Test
    void plainCommandRunsWithoutAShellFromTheFirstDirectoryThatHasIt() {
        Optional<List<String>> argv = CommandLine.direct("  check_load  -w 5,4,3\t-c 10,8,6 ", PATH, CHECKS);

        assertEquals(Optional.of(List.of(Plugins.directory() + "/check_load", "-w", "5,4,3", "-c", "10,8,6")), argv);
    }

    @ParameterizedTest
    @ValueSource(strings = {"check_disk -p '/var/lib'", "echo $HOME", "check_load > /dev/null", "check_load | cat",
        "check_disk -p /*", "check_load; check_users", "LC_ALL=C check_load", "check_load && true",
        "echo `id`", "check_load # comment", "check_load\ncheck_users"})
    void commandWithShellSyntaxGoesToTheShell(String command) {
        assertEquals(Optional.empty(), CommandLine.direct(command, PATH, CHECKS));
    }

    @Test
    void argumentWithEqualsSignNeedsNoShell() {
        Optional<List<String>> argv = CommandLine.direct("check_http --url=/health", PATH, CHECKS);

        assertEquals(List.of("--url=/health"), argv.orElseThrow().subList(1, 2));
    }

    @Test
    void programNotOnThePathGoesToTheShellSoItCanSayNotFound() {
        assertTrue(CommandLine.direct("check_nosuch_thing -w 1", PATH, CHECKS).isEmpty());
    }

    @Test
    void shellRunsTheCommandAsOneArgument() {
        assertEquals(List.of("/bin/sh", "-c", "a | b"), CommandLine.shell("a | b"));
    }
}
