package org.flapjack.processes;

/** Asks the operator whether to trust a host key that is not in known_hosts yet, or that changed. */
@FunctionalInterface
public interface HostKeyCallback {

    /**
     * Returns true to trust {@code key} for {@code host} (it is then written to known_hosts), false to refuse the
     * connection. Called off the UI thread.
     */
    boolean accept(HostKeyQuestion question);

    /** Refuses every key that is not already known: for tests and headless use. */
    HostKeyCallback REFUSE = question -> false;
}
