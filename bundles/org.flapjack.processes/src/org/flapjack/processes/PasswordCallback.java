package org.flapjack.processes;

/** Supplies a password or key passphrase when key authentication alone is not enough; never logged or stored here. */
@FunctionalInterface
public interface PasswordCallback {

    /**
     * The secret for {@code host}, described by {@code prompt} (a password or a key's passphrase), or null to give
     * up. Called off the UI thread.
     */
    char[] secret(Host host, String prompt);

    /** Never supplies a secret: only keys are used. */
    PasswordCallback NONE = (host, prompt) -> null;
}
