package org.flapjack.cli;

/**
 * A failure the operator fixes outside the command line, such as a setting that cannot work or a service that
 * cannot be reached. {@link Launch} prints its message as one line and exits with status 2.
 */
public final class BadConfig extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by one line that says what is wrong and what to do. */
    public BadConfig(String message) {
        super(message);
    }

    /** A failure described by one line, caused by {@code cause}, whose stack trace {@code --debug} shows. */
    public BadConfig(String message, Throwable cause) {
        super(message, cause);
    }
}
