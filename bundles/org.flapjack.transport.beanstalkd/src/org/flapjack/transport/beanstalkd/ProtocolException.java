package org.flapjack.transport.beanstalkd;

import java.io.IOException;

/** beanstalkd answered something this client cannot follow, or said it is in trouble; the connection is dropped. */
final class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
        super(message);
    }
}
