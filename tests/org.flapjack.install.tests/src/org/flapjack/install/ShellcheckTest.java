package org.flapjack.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellcheckTest {

    @TempDir
    Path prefix;

    @Test
    void initScriptsAndInstallerHaveNoFindingAtAll() {
        Installation installation = Installation.into(prefix);

        Command check = shellcheck("style", installation.path("etc/init.d/flapjack-workers").toString(),
            installation.path("etc/init.d/flapjack-notifier").toString(),
            installation.home().resolve("bin/install-flapjack-systemwide").toString());

        assertEquals(0, check.exitStatus(), check.shown());
    }

    @Test
    void launchersHaveNoWarningOrError() {
        Installation installation = Installation.into(prefix);
        List<String> scripts = new ArrayList<>(scripts(installation.home().resolve("bin")));
        scripts.add(installation.home().resolve("lib/flapjack-run").toString());

        Command check = shellcheck("warning", scripts.toArray(String[]::new));

        assertEquals(0, check.exitStatus(), check.shown());
    }

    @Test
    void sourcedJavaPickerHasNoWarningOrError() {
        Installation installation = Installation.into(prefix);

        // The file is sourced: the variables it sets are for the launcher that sources it (SC2034 says unused).
        Command check = shellcheck("warning", "--exclude=SC2034",
            installation.home().resolve("lib/flapjack-java").toString());

        assertEquals(0, check.exitStatus(), check.shown());
    }

    private Command shellcheck(String severity, String... arguments) {
        List<String> command = new ArrayList<>(List.of(shellcheckBinary().toString(), "--shell=sh", "--format=gcc",
            "--severity=" + severity));
        command.addAll(List.of(arguments));
        return Command.run(prefix, command);
    }

    private static List<String> scripts(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path shellcheckBinary() {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            Path candidate = Path.of(dir, "shellcheck");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shellcheck not found: apt-get install shellcheck");
    }
}
