package org.flapjack.worker;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts checks with the C library's {@code posix_spawn}: straight into a process group of their own, without the
 * {@code setsid}, {@code timeout} and shell that {@link JavaLauncher} needs, and through {@code /bin/sh -c} only when
 * the command needs a shell. The calling thread reads the output and waits for the exit itself, in slices short enough
 * to notice an interruption. Loaded by name from {@link CheckRunner} on Java 22 and newer.
 */
final class PosixLauncher implements CheckLauncher {

    private static final System.Logger LOG = System.getLogger(PosixLauncher.class.getName());

    /** The longest one wait in C lasts, so that an interrupted slot notices within it. */
    private static final int SLICE_MILLIS = 200;

    /** How long to wait for the output and exit of a group after it was killed. */
    private static final long AFTER_KILL_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final int READ_SIZE = 8192;

    /**
     * Starts {@code true} once, so that a C library without a call or flag the launcher needs (glibc before 2.34)
     * fails here and the caller falls back to ProcessBuilder, not at every check.
     */
    PosixLauncher() {
        try {
            Ending probe = run("true", Path.of("/"), Map.of("PATH", "/usr/bin:/bin"),
                System.nanoTime() + TimeUnit.SECONDS.toNanos(10), new BoundedOutput(1024));
            if (!probe.ended() || probe.exitStatus() != 0) {
                throw new IllegalStateException("a trial run of true ended with " + probe);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a trial run of true", e);
        }
    }

    @Override
    public String description() {
        return "checks start with posix_spawn";
    }

    @Override
    public Ending run(String command, Path directory, Map<String, String> environment, long deadline,
        BoundedOutput output) throws InterruptedException {
        try (Arena arena = Arena.ofConfined()) {
            Libc.Errno errno = new Libc.Errno(arena);
            int[] pipe = Libc.pipe(arena, errno);
            int pid;
            try {
                pid = start(arena, command, directory, environment, pipe[1]);
            } catch (RuntimeException e) {
                Libc.close(pipe[0]);
                throw e;
            } finally {
                Libc.close(pipe[1]);
            }
            OrphanGuard guard = OrphanGuard.get();
            guard.running(pid);
            try {
                return new Watch(arena, errno, pid, pipe[0], output).until(deadline);
            } finally {
                Libc.close(pipe[0]);
                guard.ended(pid);
            }
        }
    }

    /** Starts the command directly when it needs no shell and its program starts, else through /bin/sh -c. */
    private static int start(Arena arena, String command, Path directory, Map<String, String> environment,
        int outputFd) {
        if (command.indexOf('\0') >= 0) {
            // C strings end at the first NUL: the command would run cut short.
            throw new IllegalStateException("cannot start a check whose command holds a NUL character");
        }
        String cwd = directory.toString();
        List<String> direct = CommandLine.direct(command, environment.get("PATH"), directory).orElse(null);
        if (direct != null) {
            int pid = Libc.spawn(arena, direct, cwd, environment, outputFd);
            if (pid > 0) {
                return pid;
            }
            // A script without #! or a program that cannot run: the shell runs it, or says why as shells do.
        }
        int pid = Libc.spawn(arena, CommandLine.shell(command), cwd, environment, outputFd);
        if (pid <= 0) {
            throw new IllegalStateException("cannot start the check in " + cwd + " (" + Libc.strerror(-pid) + ")");
        }
        return pid;
    }

    /** One running check: reads its output to the end, then waits for its exit, killing it at the deadline. */
    private static final class Watch {

        private final Libc.Errno errno;
        private final int pid;
        private final int outputFd;
        private final BoundedOutput output;
        private final MemorySegment pollFd;
        private final MemorySegment buffer;
        private final MemorySegment status;
        private final byte[] chunk = new byte[READ_SIZE];
        private boolean outputEnded;

        Watch(Arena arena, Libc.Errno errno, int pid, int outputFd, BoundedOutput output) {
            this.errno = errno;
            this.pid = pid;
            this.outputFd = outputFd;
            this.output = output;
            this.pollFd = Libc.pollFd(arena);
            this.buffer = arena.allocate(READ_SIZE);
            this.status = arena.allocate(JAVA_INT);
        }

        Ending until(long deadline) throws InterruptedException {
            try {
                if (readOutput(deadline)) {
                    Integer exit = awaitExit(deadline);
                    if (exit != null) {
                        return new Ending(true, exit);
                    }
                }
            } catch (InterruptedException e) {
                killAndReap();
                throw e;
            }
            killAndReap();
            return Ending.timedOut();
        }

        /** Reads until every writer closed the pipe (true) or the deadline passed (false). */
        private boolean readOutput(long deadline) throws InterruptedException {
            while (!outputEnded) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                readSome(sliceMillis(left));
                if (Thread.interrupted()) {
                    throw new InterruptedException("stopped while check process " + pid + " ran");
                }
            }
            return true;
        }

        /** Waits up to {@code millis} for output and keeps what came; notes the pipe's end. */
        private void readSome(int millis) {
            int ready = Libc.pollIn(pollFd, outputFd, millis, errno);
            if (ready < 0 && errno.value() != Libc.EINTR) {
                outputEnded = true;
                return;
            }
            if (ready <= 0) {
                return;
            }
            long n = Libc.read(outputFd, buffer, errno);
            if (n > 0) {
                MemorySegment.copy(buffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, chunk, 0, (int) n);
                output.keep(chunk, (int) n);
            } else if (n == 0 || (errno.value() != Libc.EINTR && errno.value() != Libc.EAGAIN)) {
                outputEnded = true;
            }
        }

        /** The exit status once the process ended, or null when the deadline passed first. */
        private Integer awaitExit(long deadline) throws InterruptedException {
            long pause = TimeUnit.MICROSECONDS.toNanos(50);
            while (true) {
                int reaped = Libc.reap(pid, status, errno);
                if (reaped == pid) {
                    return exitStatus(status.get(JAVA_INT, 0));
                }
                if (reaped < 0 && errno.value() != Libc.EINTR) {
                    throw new IllegalStateException("lost check process " + pid + ": "
                        + Libc.strerror(errno.value()));
                }
                if (System.nanoTime() + pause > deadline) {
                    return null;
                }
                // The pipe closes a moment before the process can be reaped; a check that closed its output and
                // runs on is rare, so a short sleep growing to 50 ms costs nothing worth a pidfd.
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(50));
                if (Thread.interrupted()) {
                    throw new InterruptedException("stopped while check process " + pid + " ran");
                }
            }
        }

        /** Kills the group, reads what is left for a moment, and reaps the process (in the background if need be). */
        private void killAndReap() {
            Libc.killGroup(pid);
            long drainUntil = System.nanoTime() + AFTER_KILL_NANOS;
            // A process that left the group may hold the pipe open: stop reading at the limit.
            while (!outputEnded && System.nanoTime() < drainUntil) {
                readSome(sliceMillis(drainUntil - System.nanoTime()));
            }
            long reapUntil = System.nanoTime() + AFTER_KILL_NANOS;
            while (System.nanoTime() < reapUntil) {
                if (Libc.reap(pid, status, errno) != 0) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            reapLater(pid);
        }

        private static int sliceMillis(long nanos) {
            return (int) Math.max(1, Math.min(SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(nanos)));
        }

        private static int exitStatus(int waitStatus) {
            int signal = waitStatus & 0x7f;
            return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal;
        }
    }

    /** A killed process that did not end at once (stuck in the kernel, say) is reaped when it does end. */
    private static void reapLater(int pid) {
        LOG.log(Level.WARNING, () -> "check process " + pid + " did not end 2 s after it was killed; reaping it when"
            + " it does");
        Thread.ofPlatform().daemon(true).name("check-reaper-" + pid).start(() -> {
            try (Arena arena = Arena.ofConfined()) {
                Libc.reapBlocking(pid, arena.allocate(JAVA_INT), new Libc.Errno(arena));
            }
        });
    }
}
