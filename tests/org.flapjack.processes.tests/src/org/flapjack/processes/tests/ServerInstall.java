package org.flapjack.processes.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/** The built server product the tests drive, named by the system property {@code flapjack.server.home}. */
final class ServerInstall {

    private ServerInstall() {
    }

    /** The install folder, after checking that its worker and notifier managers are there. */
    static Path home() {
        String home = System.getProperty("flapjack.server.home", "");
        if (home.isBlank()) {
            throw new IllegalStateException("set -Dflapjack.server.home to the built server product "
                + "(product/target/products/flapjack.server/linux/gtk/x86_64): ./mvnw verify builds it");
        }
        Path path = Path.of(home).toAbsolutePath();
        for (String launcher : new String[] {"bin/flapjack-worker-manager", "bin/flapjack-notifier-manager"}) {
            if (!Files.isExecutable(path.resolve(launcher))) {
                throw new IllegalStateException(path + " has no " + launcher + ": build the server product first");
            }
        }
        return path;
    }
}
