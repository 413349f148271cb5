package org.flapjack.worker;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/** Kills a whole process group, so the children a check started die with it. */
final class ProcessGroup {

    private static final System.Logger LOG = System.getLogger(ProcessGroup.class.getName());

    private ProcessGroup() {
    }

    /**
     * Sends SIGKILL to every process of the group {@code pgid}. Java cannot signal a group itself, so the shell's
     * kill does it; an empty group is no error.
     */
    static void kill(long pgid) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", "kill -9 -" + pgid + " 2>/dev/null")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        try {
            Process kill = builder.start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                LOG.log(Level.WARNING, () -> "killing process group " + pgid + " took more than 5 s");
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, () -> "could not kill process group " + pgid + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
