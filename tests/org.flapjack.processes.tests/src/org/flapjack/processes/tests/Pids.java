package org.flapjack.processes.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a process runs, as {@code ps} sees it: a zombie nobody reaped yet has stopped running. */
final class Pids {

    private Pids() {
    }

    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            return !"Z".equals(state) && !"X".equals(state);
        } catch (IOException e) {
            return false;
        }
    }
}
