package org.flapjack.notifier;

import java.time.Instant;

import org.flapjack.core.notify.Notification;

/**
 * A notification waiting in the spool to be sent by one notifier.
 *
 * @param id the file name without {@code .json}; the same notification always gets the same id, so spooling it again
 *     after a crash replaces it instead of adding a second one
 * @param notifier the name of the notifier that sends it
 * @param spooledAt when it was first recorded; it expires a configured time after
 * @param notification what to send to whom
 */
record SpooledDelivery(String id, String notifier, Instant spooledAt, Notification notification) {
}
