package org.flapjack.processes;

/**
 * A host could not be reached or a process on it could not be controlled. The message is one line naming the host
 * and the reason, for example {@code db1:22: connection refused}; it never holds a password.
 */
public final class HostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with a one-line message. */
    public HostException(String message) {
        super(message);
    }

    /** A failure with a one-line message and the exception behind it. */
    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}
