package org.flapjack.worker;

import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Kills the checks a worker leaves running when it dies, however it dies: kill -9 and the out-of-memory killer
 * included, where no code of the worker's runs. A small awk process in a session of its own reads from a pipe which
 * check groups run; when the pipe ends, which happens when the worker's last descriptor of it closes with the worker,
 * it kills the groups still listed. One per worker process; without awk the worker runs without it.
 */
final class OrphanGuard {

    private static final System.Logger LOG = System.getLogger(OrphanGuard.class.getName());

    /** Keeps the groups reported running; at the end of its input kills those left. */
    private static final String PROGRAM = "$1 == \"+\" { running[$2] = 1 } $1 == \"-\" { delete running[$2] }"
        + " END { for (group in running) system(\"kill -9 -\" group \" 2>/dev/null\") }";

    private static final OrphanGuard NONE = new OrphanGuard(-1);

    private static OrphanGuard current;

    /** The write end of the guard's pipe, closed on exec so that no check holds it; -1 when there is no guard. */
    private volatile int fd;

    private OrphanGuard(int fd) {
        this.fd = fd;
    }

    /** This worker's guard, started the first time it is asked for. */
    static synchronized OrphanGuard get() {
        if (current == null) {
            current = start();
        }
        return current;
    }

    private static OrphanGuard start() {
        Path awk = Path.of("/usr/bin/awk");
        if (!Files.isExecutable(awk)) {
            LOG.log(Level.WARNING, "no /usr/bin/awk: checks still running when this worker is killed by force stay"
                + " running (apt-get install mawk)");
            return NONE;
        }
        try (Arena arena = Arena.ofConfined()) {
            int[] pipe = Libc.pipe(arena, new Libc.Errno(arena));
            int pid = Libc.spawn(arena, List.of(awk.toString(), PROGRAM), "/", Map.of("PATH", "/usr/bin:/bin",
                "LANG", "C"), pipe[0], -1);
            Libc.close(pipe[0]);
            if (pid <= 0) {
                Libc.close(pipe[1]);
                LOG.log(Level.WARNING, () -> "cannot start the guard that kills checks left by a killed worker: "
                    + Libc.strerror(-pid));
                return NONE;
            }
            LOG.log(Level.DEBUG, () -> "guard of this worker's checks started, pid " + pid);
            return new OrphanGuard(pipe[1]);
        }
    }

    /** Notes that the check whose group is {@code pgid} runs. */
    void running(int pgid) {
        tell("+ " + pgid + "\n");
    }

    /** Notes that the check whose group is {@code pgid} ended and was reaped. */
    void ended(int pgid) {
        tell("- " + pgid + "\n");
    }

    private void tell(String line) {
        int to = fd;
        if (to < 0) {
            return;
        }
        // One short write is atomic on a pipe, so slots may tell at once.
        if (!Libc.writeAll(to, line.getBytes(StandardCharsets.US_ASCII))) {
            fd = -1;
            Libc.close(to);
            LOG.log(Level.WARNING, "the guard that kills checks left by a killed worker has gone; checks running when"
                + " this worker is killed by force will stay running");
        }
    }
}
