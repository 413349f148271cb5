package org.flapjack.processes;

/** How the console logs in to a remote host. */
public enum Authentication {

    /** The SSH agent's keys when an agent runs, then the host's key file and the user's default keys. */
    KEY,

    /** A password, asked for through the {@link PasswordCallback}; no key is offered. */
    PASSWORD
}
