package org.flapjack.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** A trial install of the built Flapjack server into a prefix, made by its own install-flapjack-systemwide. */
record Installation(Path server, Path prefix) {

    static final List<String> SERVICES = List.of("flapjack-workers", "flapjack-notifier");

    /** The built server product, as the build names it in the flapjack.server.home system property. */
    static Path builtServer() {
        String home = System.getProperty("flapjack.server.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("flapjack.server.home is not set; the build sets it to "
                + "product/target/products/flapjack.server/linux/gtk/x86_64 (run ./mvnw verify)");
        }
        Path server = Path.of(home);
        if (!Files.isExecutable(server.resolve("bin/install-flapjack-systemwide"))) {
            throw new IllegalStateException("no executable bin/install-flapjack-systemwide in " + server
                + "; build the server product first (./mvnw -DskipTests verify)");
        }
        return server;
    }

    /** Installs with --prefix and --yes and requires the install to succeed. */
    static Installation into(Path prefix) {
        Installation installation = new Installation(builtServer(), prefix);
        Command install = installation.installer("--prefix", prefix.toString(), "--yes");
        assertEquals(0, install.exitStatus(), install.shown());
        return installation;
    }

    Command installer(String... arguments) {
        return Command.run(prefix, installerCommand(arguments));
    }

    Command installerWithoutTerminal(String... arguments) {
        return Command.runDetached(prefix, installerCommand(arguments).toArray(String[]::new));
    }

    private List<String> installerCommand(String... arguments) {
        return Stream.concat(Stream.of(server.resolve("bin/install-flapjack-systemwide").toString()),
            Stream.of(arguments)).toList();
    }

    Path path(String relative) {
        return prefix.resolve(relative);
    }

    Path home() {
        return path("opt/flapjack");
    }

    Path runDir() {
        return path("var/run/flapjack");
    }

    Command service(String name, String action) {
        return Command.run(prefix, path("etc/init.d/" + name).toString(), action);
    }

    void writeControlFile(String name, String text) {
        try {
            Files.writeString(path("etc/default/" + name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file and link under the prefix, as paths relative to it; folders are left out. */
    Set<String> files() {
        try (Stream<Path> walk = Files.walk(prefix)) {
            return walk.filter(path -> Files.isSymbolicLink(path) || Files.isRegularFile(path))
                .map(path -> prefix.relativize(path).toString().replace(File.separatorChar, '/'))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the server's launchers. */
    Set<String> launchers() {
        try (Stream<Path> list = Files.list(server.resolve("bin"))) {
            return list.filter(Files::isExecutable).map(path -> path.getFileName().toString())
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
