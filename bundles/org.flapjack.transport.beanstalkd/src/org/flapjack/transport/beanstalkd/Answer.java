package org.flapjack.transport.beanstalkd;

import java.util.List;

/**
 * One reply from beanstalkd: its word, the numbers or names after it, and the body when the reply carries one.
 *
 * @param reply the reply word
 * @param args the words after it, without the body's byte count
 * @param body the body, or null when the reply has none
 */
record Answer(Reply reply, List<String> args, byte[] body) {

    /** The job id a reply such as INSERTED, RESERVED or FOUND starts with. */
    long id() {
        return Long.parseLong(args.get(0));
    }

    /** The count a reply such as KICKED carries. */
    long count() {
        return Long.parseLong(args.get(0));
    }
}
