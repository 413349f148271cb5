package org.flapjack.core.transport;

/**
 * The queue server refused one call, such as a put whose body is bigger than the server's job size limit. The server
 * is reachable and the session stays usable: this call failed, the next may succeed.
 */
public class CallRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception whose message names the call and the server's answer. */
    public CallRefusedException(String message) {
        super(message);
    }
}
