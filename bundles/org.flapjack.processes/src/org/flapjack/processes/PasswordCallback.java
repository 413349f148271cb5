package org.flapjack.processes;

/** Supplies a login password or key passphrase when a host needs one; never logged or stored here. */
@FunctionalInterface
public interface PasswordCallback {

    /** The secret that answers {@code question}, or null to give up. Called off the UI thread. */
    char[] secret(SecretQuestion question);

    /**
     * Told that the secret given for {@code question} did not open the login or key, so that a remembered one is
     * forgotten and not offered again. Called off the UI thread.
     */
    default void refused(SecretQuestion question) {
    }

    /** Never supplies a secret: only keys without a passphrase are used. */
    PasswordCallback NONE = question -> null;
}
