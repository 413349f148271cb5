package org.flapjack.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a check command into the program and arguments to start directly, when it needs nothing of a shell: no
 * quotes, variables, redirections, pipes, globs or lists. Nagios decides the same way; a plain
 * {@code check_load -w 5 -c 10} then costs one program start, not two.
 */
final class CommandLine {

    /** Characters that give a command a meaning only a shell can carry out. */
    private static final String SHELL_SYNTAX = "!$^&*()~[]\\|{};<>?'\"`#\n\r";

    private CommandLine() {
    }

    /**
     * The argument vector to start {@code command} without a shell, its program found on {@code searchPath} (a
     * PATH value) the way a shell would; empty when the command needs a shell or its program is not found there,
     * so that the shell runs it and says why.
     */
    static Optional<List<String>> direct(String command, String searchPath, Path directory) {
        if (command.isBlank() || command.chars().anyMatch(c -> SHELL_SYNTAX.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>(List.of(command.trim().split("[ \t]+")));
        if (words.get(0).contains("=")) {
            // NAME=value before the program sets a variable for it: the shell's work.
            return Optional.empty();
        }
        Optional<String> program = locate(words.get(0), searchPath, directory);
        if (program.isEmpty()) {
            return Optional.empty();
        }
        words.set(0, program.get());
        return Optional.of(List.copyOf(words));
    }

    /** The argument vector that has {@code /bin/sh} run the command. */
    static List<String> shell(String command) {
        return List.of("/bin/sh", "-c", command);
    }

    private static Optional<String> locate(String program, String searchPath, Path directory) {
        if (program.contains("/")) {
            Path path = directory.resolve(program);
            return runnable(path) ? Optional.of(path.toString()) : Optional.empty();
        }
        for (String entry : searchPath.split(":")) {
            Path path = directory.resolve(entry.isEmpty() ? "." : entry).resolve(program);
            if (runnable(path)) {
                return Optional.of(path.toString());
            }
        }
        return Optional.empty();
    }

    private static boolean runnable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
