package org.flapjack.transport.beanstalkd;

import java.io.IOException;

/**
 * Empties the used and watched jobs tube: kicks buried and then delayed jobs to ready, then reserves what is ready
 * with pipelined {@code reserve-with-timeout 0} and deletes it with pipelined deletes, until a reserve times out.
 * Jobs other connections hold reserved stay with them.
 */
final class Drain {

    private static final int CHUNK = 512;

    private static final long KICK_ALL = Integer.MAX_VALUE;

    private long deleted;

    /** Drains, and returns how many jobs were deleted in all, counting those of an attempt an outage cut short. */
    long resume(Connection connection) throws IOException {
        kickEverything(connection);
        long[] ids = new long[CHUNK];
        while (true) {
            int reserved = reserveChunk(connection, ids);
            deleteAll(connection, ids, reserved);
            if (reserved < CHUNK) {
                return deleted;
            }
        }
    }

    /** A kick moves buried jobs if the tube has any, else delayed ones; kicking until nothing moves gets both. */
    private static void kickEverything(Connection connection) throws IOException {
        while (connection.call(Command.KICK, KICK_ALL).count() > 0) {
            // kick again: the first kick only moved the buried jobs
        }
    }

    private static int reserveChunk(Connection connection, long[] ids) throws IOException {
        for (int i = 0; i < ids.length; i++) {
            connection.send(Command.RESERVE_WITH_TIMEOUT, 0);
        }
        connection.flush();
        int reserved = 0;
        for (int i = 0; i < ids.length; i++) {
            Answer answer = connection.receive(Command.RESERVE_WITH_TIMEOUT);
            if (answer.reply() == Reply.RESERVED) {
                ids[reserved++] = answer.id();
            }
        }
        return reserved;
    }

    private void deleteAll(Connection connection, long[] ids, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            connection.send(Command.DELETE, ids[i]);
        }
        connection.flush();
        for (int i = 0; i < count; i++) {
            if (connection.receive(Command.DELETE).reply() == Reply.DELETED) {
                deleted++;
            }
        }
    }
}
