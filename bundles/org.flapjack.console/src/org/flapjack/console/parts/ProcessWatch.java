package org.flapjack.console.parts;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.flapjack.processes.Host;
import org.flapjack.processes.HostStatus;
import org.flapjack.processes.ProcessState;

/**
 * Notices processes that went away between two status refreshes while no action of the console ran on their host,
 * such as a worker killed by hand, so that the host's row can say so until the next action there.
 */
final class ProcessWatch {

    private static final System.Logger LOG = System.getLogger(ProcessWatch.class.getName());

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Per host: changes with every action started or ended, so a status taken across one is not compared. */
    private final Map<Host, AtomicLong> actions = new ConcurrentHashMap<>();

    /** Per host: the actions running now. */
    private final Map<Host, AtomicInteger> running = new ConcurrentHashMap<>();

    private final Map<Host, List<ProcessState>> seen = new ConcurrentHashMap<>();

    private final Map<Host, String> notices = new ConcurrentHashMap<>();

    /** The mark to hand to {@link #notice} for a status about to be taken of HOST. */
    long mark(Host host) {
        return counter(host).get();
    }

    /** An action of the console starts on HOST: what goes away now is expected, and the old notice is done. */
    void actionStarted(Host host) {
        running.computeIfAbsent(host, key -> new AtomicInteger()).incrementAndGet();
        counter(host).incrementAndGet();
        notices.remove(host);
    }

    /** The action on HOST is over; the next status becomes what later ones are compared with. */
    void actionEnded(Host host) {
        running.computeIfAbsent(host, key -> new AtomicInteger()).decrementAndGet();
        counter(host).incrementAndGet();
        seen.remove(host);
    }

    /**
     * Compares STATUS, taken after MARK, with the status before it, and returns the row's notice: which processes
     * went away unasked, or null when none did.
     */
    String notice(Host host, long mark, HostStatus status) {
        boolean busy = running.getOrDefault(host, new AtomicInteger()).get() > 0;
        if (busy || counter(host).get() != mark) {
            seen.remove(host);
            return notices.get(host);
        }
        List<ProcessState> now = processes(status);
        List<ProcessState> before = seen.put(host, now);
        if (before != null) {
            List<String> gone = new ArrayList<>();
            for (ProcessState process : before) {
                if (now.stream().noneMatch(other -> other.pid() == process.pid())) {
                    gone.add(process.kind().name().toLowerCase() + " " + process.pid());
                }
            }
            if (!gone.isEmpty()) {
                String notice = String.join(", ", gone) + " exited unasked at " + LocalTime.now().format(CLOCK);
                notices.put(host, notice);
                LOG.log(System.Logger.Level.INFO, () -> host.name() + ": " + notice);
            }
        }
        return notices.get(host);
    }

    /** Forgets HOST, after it was edited or removed. */
    void forget(Host host) {
        actions.remove(host);
        running.remove(host);
        seen.remove(host);
        notices.remove(host);
    }

    private AtomicLong counter(Host host) {
        return actions.computeIfAbsent(host, key -> new AtomicLong());
    }

    private static List<ProcessState> processes(HostStatus status) {
        List<ProcessState> all = new ArrayList<>(status.workers());
        status.beanstalkdProcess().ifPresent(all::add);
        status.notifierProcess().ifPresent(all::add);
        return all;
    }
}
