package org.flapjack.worker;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;

/**
 * The few calls of the C library (glibc on Linux) that starting and watching a check needs, through Java's foreign
 * function API. Each returns what C returns; calls that set errno on failure give it through {@link Errno}.
 */
final class Libc {

    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CLOEXEC = 0x80000;
    static final short POLLIN = 0x1;
    static final int WNOHANG = 1;
    static final int SIGKILL = 9;
    static final int EINTR = 4;
    static final int EAGAIN = 11;

    /** glibc's flag (2.26 and newer) for a new session: the check leads its own process group, with no terminal. */
    private static final short POSIX_SPAWN_SETSID = 0x80;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

    /** Room for glibc's posix_spawn_file_actions_t (80 bytes on x86-64) and posix_spawnattr_t (336), with margin. */
    private static final long SPAWN_STRUCT_SIZE = 1024;
    /** Room for sigset_t (128 bytes in glibc). */
    private static final long SIGSET_SIZE = 256;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle PIPE2 = withErrno("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle POLL = withErrno("poll",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle READ = withErrno("read",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = withErrno("write",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WAITPID = withErrno("waitpid",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = plain("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle KILL = plain("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = plain("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private static final MethodHandle SPAWN = plain("posix_spawn",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle ACTIONS_INIT = plain("posix_spawn_file_actions_init",
        FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle ACTIONS_DESTROY = plain("posix_spawn_file_actions_destroy",
        FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle ADD_OPEN = plain("posix_spawn_file_actions_addopen",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle ADD_DUP2 = plain("posix_spawn_file_actions_adddup2",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle ADD_CHDIR = plain("posix_spawn_file_actions_addchdir_np",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle ADD_CLOSEFROM = plain("posix_spawn_file_actions_addclosefrom_np",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle ATTR_INIT = plain("posix_spawnattr_init",
        FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle ATTR_DESTROY = plain("posix_spawnattr_destroy",
        FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle ATTR_FLAGS = plain("posix_spawnattr_setflags",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    private static final MethodHandle ATTR_SIGMASK = plain("posix_spawnattr_setsigmask",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle ATTR_SIGDEFAULT = plain("posix_spawnattr_setsigdefault",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SIGEMPTYSET = plain("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle SIGFILLSET = plain("sigfillset", FunctionDescriptor.of(JAVA_INT, ADDRESS));

    private Libc() {
    }

    /** Where a call that fails with -1 leaves errno; one per calling thread. */
    static final class Errno {

        private final MemorySegment state;

        Errno(Arena arena) {
            this.state = arena.allocate(CALL_STATE);
        }

        int value() {
            return (int) ERRNO.get(state, 0L);
        }
    }

    /** Makes a pipe whose ends close on exec; returns {read, write}. */
    static int[] pipe(Arena arena, Errno errno) {
        MemorySegment fds = arena.allocate(JAVA_INT, 2);
        int rc = call(() -> (int) PIPE2.invokeExact(errno.state, fds, O_CLOEXEC));
        if (rc != 0) {
            throw new IllegalStateException("cannot make a pipe for a check's output: " + strerror(errno.value()));
        }
        return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
    }

    /**
     * Starts {@code argv} (its first element a path) in a new session, so in a process group of its own and without
     * the worker's terminal, with stdin from /dev/null, stdout and
     * stderr into {@code outputFd}, in {@code directory}, with only {@code environment}, every other descriptor
     * closed, no signal blocked and every signal handled the default way. Returns the pid, or minus the error number
     * when it could not start.
     */
    static int spawn(Arena arena, List<String> argv, String directory, Map<String, String> environment, int outputFd) {
        return spawn(arena, argv, directory, environment, -1, outputFd);
    }

    /**
     * As {@link #spawn(Arena, List, String, Map, int)}, with stdin from {@code inputFd} and stdout and stderr into
     * {@code outputFd}, either being /dev/null when -1.
     */
    static int spawn(Arena arena, List<String> argv, String directory, Map<String, String> environment, int inputFd,
        int outputFd) {
        MemorySegment actions = arena.allocate(SPAWN_STRUCT_SIZE, 16);
        MemorySegment attributes = arena.allocate(SPAWN_STRUCT_SIZE, 16);
        MemorySegment noSignals = arena.allocate(SIGSET_SIZE, 16);
        MemorySegment allSignals = arena.allocate(SIGSET_SIZE, 16);
        MemorySegment pid = arena.allocate(JAVA_INT);
        MemorySegment devNull = arena.allocateFrom("/dev/null");
        MemorySegment cwd = arena.allocateFrom(directory);
        MemorySegment argvArray = strings(arena, argv);
        MemorySegment envArray = strings(arena, environment.entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue()).toList());
        expectZero("posix_spawn_file_actions_init", call(() -> (int) ACTIONS_INIT.invokeExact(actions)));
        try {
            expectZero("posix_spawnattr_init", call(() -> (int) ATTR_INIT.invokeExact(attributes)));
            try {
                redirect(actions, inputFd, 0, devNull, O_RDONLY);
                redirect(actions, outputFd, 1, devNull, O_WRONLY);
                redirect(actions, outputFd, 2, devNull, O_WRONLY);
                expectZero("addchdir_np", call(() -> (int) ADD_CHDIR.invokeExact(actions, cwd)));
                expectZero("addclosefrom_np", call(() -> (int) ADD_CLOSEFROM.invokeExact(actions, 3)));
                expectZero("sigemptyset", call(() -> (int) SIGEMPTYSET.invokeExact(noSignals)));
                expectZero("sigfillset", call(() -> (int) SIGFILLSET.invokeExact(allSignals)));
                expectZero("setsigmask", call(() -> (int) ATTR_SIGMASK.invokeExact(attributes, noSignals)));
                expectZero("setsigdefault", call(() -> (int) ATTR_SIGDEFAULT.invokeExact(attributes, allSignals)));
                short flags = POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
                expectZero("setflags", call(() -> (int) ATTR_FLAGS.invokeExact(attributes, flags)));
                MemorySegment path = argvArray.getAtIndex(ADDRESS, 0);
                int rc = call(() -> (int) SPAWN.invokeExact(pid, path, actions, attributes, argvArray, envArray));
                return rc == 0 ? pid.get(JAVA_INT, 0) : -rc;
            } finally {
                call(() -> (int) ATTR_DESTROY.invokeExact(attributes));
            }
        } finally {
            call(() -> (int) ACTIONS_DESTROY.invokeExact(actions));
        }
    }

    /** Has the child's descriptor {@code target} be {@code fd}, or /dev/null opened with {@code flags} when -1. */
    private static void redirect(MemorySegment actions, int fd, int target, MemorySegment devNull, int flags) {
        if (fd < 0) {
            expectZero("addopen", call(() -> (int) ADD_OPEN.invokeExact(actions, target, devNull, flags, 0)));
        } else {
            expectZero("adddup2", call(() -> (int) ADD_DUP2.invokeExact(actions, fd, target)));
        }
    }

    /** Writes all of {@code bytes} to {@code fd}; false when it cannot (the reader is gone, say). */
    static boolean writeAll(int fd, byte[] bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, bytes);
            Errno errno = new Errno(arena);
            long done = 0;
            while (done < bytes.length) {
                long offset = done;
                long n = call(() -> (long) WRITE.invokeExact(errno.state, fd, buffer.asSlice(offset),
                    bytes.length - offset));
                if (n < 0 && errno.value() != EINTR) {
                    return false;
                }
                done += Math.max(0, n);
            }
            return true;
        }
    }

    /** Waits up to {@code millis} for {@code fd} to be readable (or at its end); &gt;0 ready, 0 not yet, -1 error. */
    static int pollIn(MemorySegment pollFd, int fd, int millis, Errno errno) {
        pollFd.set(JAVA_INT, 0, fd);
        pollFd.set(JAVA_SHORT, 4, POLLIN);
        pollFd.set(JAVA_SHORT, 6, (short) 0);
        return call(() -> (int) POLL.invokeExact(errno.state, pollFd, 1L, millis));
    }

    /** A pollfd structure (8 bytes) to pass to {@link #pollIn}. */
    static MemorySegment pollFd(Arena arena) {
        return arena.allocate(8, 4);
    }

    static long read(int fd, MemorySegment buffer, Errno errno) {
        return call(() -> (long) READ.invokeExact(errno.state, fd, buffer, buffer.byteSize()));
    }

    /** waitpid with WNOHANG: the pid when it ended (its status in {@code status}), 0 while it runs, -1 on error. */
    static int reap(int pid, MemorySegment status, Errno errno) {
        return call(() -> (int) WAITPID.invokeExact(errno.state, pid, status, WNOHANG));
    }

    /** waitpid without WNOHANG: blocks until the process ends. */
    static int reapBlocking(int pid, MemorySegment status, Errno errno) {
        return call(() -> (int) WAITPID.invokeExact(errno.state, pid, status, 0));
    }

    static void close(int fd) {
        call(() -> (int) CLOSE.invokeExact(fd));
    }

    /** Sends SIGKILL to every process of the group {@code pgid}. */
    static void killGroup(int pgid) {
        call(() -> (int) KILL.invokeExact(-pgid, SIGKILL));
    }

    /** The C library's text for an error number. */
    static String strerror(int error) {
        MemorySegment text = call(() -> (MemorySegment) STRERROR.invokeExact(error));
        return text.reinterpret(1024).getString(0);
    }

    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    private static void expectZero(String what, int rc) {
        if (rc != 0) {
            throw new IllegalStateException("cannot prepare a check's process: " + what + " failed: " + strerror(rc));
        }
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    private static MethodHandle withErrno(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, Linker.Option.captureCallState("errno"));
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
            .orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name));
    }

    /** A C call, as a lambda so that invokeExact's Throwable is dealt with in one place. */
    @FunctionalInterface
    private interface Call<T> {
        T invoke() throws Throwable;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("a C library call failed", e);
        }
    }
}
