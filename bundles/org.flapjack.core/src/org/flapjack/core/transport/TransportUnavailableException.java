package org.flapjack.core.transport;

/**
 * The queue server could not be reached within the time the transport was told to wait, the session was closed, or
 * the waiting thread was interrupted.
 */
public class TransportUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that names the server and what failed. */
    public TransportUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
