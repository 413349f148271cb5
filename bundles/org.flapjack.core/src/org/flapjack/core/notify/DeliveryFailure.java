package org.flapjack.core.notify;

/** A notification was not delivered; {@link #retryable()} tells the engine whether to keep it and try again. */
public final class DeliveryFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /** A failure described by a message without secrets; retryable when a later attempt may succeed. */
    public DeliveryFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** A failure worth trying again later, such as a server that is down or refused for now. */
    public static DeliveryFailure retryable(String message, Throwable cause) {
        return new DeliveryFailure(message, true, cause);
    }

    /** A failure no retry can fix, such as an address the server rejects for good. */
    public static DeliveryFailure permanent(String message, Throwable cause) {
        return new DeliveryFailure(message, false, cause);
    }

    /** Whether trying again later can help. */
    public boolean retryable() {
        return retryable;
    }
}
