package org.flapjack.console.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.flapjack.processes.Host;
import org.flapjack.processes.HostStore;

/**
 * The hosts the Processes part shows: this machine, always first and never removed, then the remote hosts kept in
 * the workspace's hosts.json in their saved order. Every change is saved at once; a change that cannot be saved is
 * not made.
 */
public final class HostList {

    private static final System.Logger LOG = System.getLogger(HostList.class.getName());

    private final Host local;

    private final HostStore store;

    private List<Host> remote;

    private final String unreadable;

    /** The list of LOCAL and the remote hosts STORE holds. */
    public HostList(Host local, HostStore store) {
        this.local = local;
        this.store = store;
        List<Host> loaded = List.of();
        String problem = null;
        try {
            loaded = store.load().stream().filter(host -> !host.isLocal()).toList();
        } catch (IOException e) {
            problem = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, () -> "the hosts list is left as it is: " + e.getMessage());
        }
        this.remote = loaded;
        this.unreadable = problem;
    }

    /** Every host, this machine first. */
    public synchronized List<Host> all() {
        List<Host> all = new ArrayList<>();
        all.add(local);
        all.addAll(remote);
        return all;
    }

    /** This machine. */
    public Host local() {
        return local;
    }

    /** The names in use, this machine's included. */
    public synchronized Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        all().forEach(host -> names.add(host.name()));
        return names;
    }

    /**
     * Saves HOST in place of OLD, or adds it when OLD is null. Refuses a name taken by another host, this machine's
     * name, and any change while hosts.json could not be read (saving would lose the hosts it holds).
     */
    public synchronized void put(Host old, Host host) throws IOException {
        if (host.isLocal() || Host.LOCALHOST.equals(host.name())) {
            throw new IllegalArgumentException("'" + Host.LOCALHOST + "' is this machine; give the remote host "
                    + "another name");
        }
        boolean renamed = old == null || !old.name().equals(host.name());
        if (renamed && names().contains(host.name())) {
            throw new IllegalArgumentException("a host called '" + host.name() + "' exists already");
        }
        List<Host> changed = new ArrayList<>(remote);
        int index = old == null ? -1 : changed.indexOf(old);
        if (index >= 0) {
            changed.set(index, host);
        } else {
            changed.add(host);
        }
        save(changed);
    }

    /** Removes HOST; this machine cannot be removed. */
    public synchronized void remove(Host host) throws IOException {
        if (host.isLocal()) {
            throw new IllegalArgumentException("'" + host.name() + "' is this machine, which is always listed");
        }
        List<Host> changed = new ArrayList<>(remote);
        changed.remove(host);
        save(changed);
    }

    private void save(List<Host> changed) throws IOException {
        if (unreadable != null) {
            throw new IOException("the hosts list is not changed, because " + store.file()
                    + " could not be read; fix or move it and restart the console (" + unreadable + ")");
        }
        store.save(changed);
        remote = List.copyOf(changed);
    }
}
