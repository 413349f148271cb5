package org.flapjack.processes;

/**
 * A secret a login needs from the operator.
 *
 * @param host the host being logged in to
 * @param kind whether the login password or the passphrase of a key file is wanted
 * @param subject what the secret opens: {@code user@address:port} for a password, the key file for a passphrase
 */
public record SecretQuestion(Host host, Kind kind, String subject) {

    /** What the secret is. */
    public enum Kind {

        /** The user's login password on the host. */
        PASSWORD,

        /** The passphrase of an encrypted private key. */
        PASSPHRASE
    }

    /** The question as the operator reads it, for example {@code Password for ops@db1:22}. */
    public String prompt() {
        return (kind == Kind.PASSWORD ? "Password for " : "Passphrase for the key ") + subject;
    }
}
