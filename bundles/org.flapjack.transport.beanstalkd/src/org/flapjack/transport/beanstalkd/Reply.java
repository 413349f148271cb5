package org.flapjack.transport.beanstalkd;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The first word of every line beanstalkd answers with, and what it says about the connection. */
enum Reply {
    INSERTED, BURIED, USING, WATCHING, NOT_IGNORED, RESERVED(Shape.BODY), DEADLINE_SOON, TIMED_OUT, DELETED,
    RELEASED, TOUCHED, NOT_FOUND, KICKED, FOUND(Shape.BODY), OK(Shape.BODY),

    /** The server is in trouble or shutting down: worth retrying on a new connection later. */
    OUT_OF_MEMORY(Shape.SERVER_TROUBLE), INTERNAL_ERROR(Shape.SERVER_TROUBLE), DRAINING(Shape.SERVER_TROUBLE),

    /** This client sent something wrong: retrying cannot help. */
    BAD_FORMAT(Shape.CLIENT_ERROR), UNKNOWN_COMMAND(Shape.CLIENT_ERROR), EXPECTED_CRLF(Shape.CLIENT_ERROR),
    JOB_TOO_BIG(Shape.CLIENT_ERROR);

    /** What follows the reply line, or what kind of failure the reply is. */
    enum Shape { LINE, BODY, SERVER_TROUBLE, CLIENT_ERROR }

    private static final Map<String, Reply> BY_WORD = Arrays.stream(values())
        .collect(Collectors.toUnmodifiableMap(Reply::word, Function.identity()));

    final Shape shape;

    Reply() {
        this(Shape.LINE);
    }

    Reply(Shape shape) {
        this.shape = shape;
    }

    /** The reply as beanstalkd spells it. */
    String word() {
        return name();
    }

    /** The reply a line starts with, or null when beanstalkd has no such reply. */
    static Reply of(String word) {
        return BY_WORD.get(word);
    }
}
