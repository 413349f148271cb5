package org.flapjack.transport.beanstalkd;

import java.util.EnumSet;
import java.util.Set;

/**
 * The beanstalkd commands this transport sends, each with the replies it may get besides the failures any command
 * may get. A reply outside the table means the connection is out of step and must be dropped.
 */
enum Command {
    PUT("put", Reply.INSERTED, Reply.BURIED),
    USE("use", Reply.USING),
    WATCH("watch", Reply.WATCHING),
    IGNORE("ignore", Reply.WATCHING, Reply.NOT_IGNORED),
    RESERVE_WITH_TIMEOUT("reserve-with-timeout", Reply.RESERVED, Reply.DEADLINE_SOON, Reply.TIMED_OUT),
    RELEASE("release", Reply.RELEASED, Reply.BURIED, Reply.NOT_FOUND),
    TOUCH("touch", Reply.TOUCHED, Reply.NOT_FOUND),
    BURY("bury", Reply.BURIED, Reply.NOT_FOUND),
    DELETE("delete", Reply.DELETED, Reply.NOT_FOUND),
    KICK("kick", Reply.KICKED),
    PEEK_READY("peek-ready", Reply.FOUND, Reply.NOT_FOUND),
    STATS_TUBE("stats-tube", Reply.OK, Reply.NOT_FOUND),
    LIST_TUBES("list-tubes", Reply.OK);

    final String word;

    private final Set<Reply> replies;

    Command(String word, Reply first, Reply... rest) {
        this.word = word;
        this.replies = EnumSet.of(first, rest);
    }

    /** Whether {@code reply} is an answer this command can get (failures are checked apart). */
    boolean expects(Reply reply) {
        return replies.contains(reply);
    }
}
