package org.flapjack.e2e.tests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of a Linux process from {@code /proc/PID/stat}: its own (user and system) and that of its children it has
 * waited for, in seconds.
 *
 * @param own the process's own user and system time
 * @param children the user and system time of its ended children (and theirs, as far as each waited for its own)
 */
record ProcessCpu(double own, double children) {

    /** The kernel's clock ticks per second, which /proc counts in; 100 on every common Linux build. */
    private static final double TICKS_PER_SECOND = ticksPerSecond();

    static final ProcessCpu NONE = new ProcessCpu(0, 0);

    /** The CPU time of a running process; none when it has ended. */
    static ProcessCpu of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name in parentheses may hold spaces; the fields after it are plain numbers.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the name: state is fields[0], so utime (field 14 of the whole line) is fields[11].
            return new ProcessCpu((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND,
                    (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND);
        } catch (IOException e) {
            return NONE;
        }
    }

    /** The CPU time of this JVM. */
    static ProcessCpu self() {
        return of(ProcessHandle.current().pid());
    }

    /** The sum over several running processes. */
    static ProcessCpu of(List<Long> pids) {
        return pids.stream().map(ProcessCpu::of).reduce(NONE, ProcessCpu::plus);
    }

    ProcessCpu plus(ProcessCpu other) {
        return new ProcessCpu(own + other.own, children + other.children);
    }

    ProcessCpu minus(ProcessCpu other) {
        return new ProcessCpu(own - other.own, children - other.children);
    }

    double total() {
        return own + children;
    }

    /** The resident set size of a running process in MiB, and its peak, from {@code /proc/PID/status}. */
    static String residentSize(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return kib(lines, "VmRSS:") / 1024 + " MiB (peak " + kib(lines, "VmHWM:") / 1024 + " MiB)";
        } catch (IOException e) {
            return "unknown: process " + pid + " has ended";
        }
    }

    private static long kib(List<String> lines, String key) {
        return lines.stream().filter(line -> line.startsWith(key))
                .mapToLong(line -> Long.parseLong(line.substring(key.length()).replace("kB", "").strip()))
                .findFirst().orElse(0);
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String text = new String(getconf.getInputStream().readAllBytes()).strip();
            return getconf.waitFor() == 0 ? Double.parseDouble(text) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
