package org.flapjack.core.notify;

import org.flapjack.core.model.Recipient;

/**
 * Sends notifications to people by one means, such as email or XMPP. The notifier engine calls one instance from one
 * delivery thread at a time, and closes it when it stops.
 */
public interface Notifier extends AutoCloseable {

    /** The name this notifier is configured by, as in {@code notifiers} and its {@code [NAME-notifier]} section. */
    String name();

    /**
     * Whether this notifier has an address for the recipient, such as an email address for a mailer; the engine
     * records no delivery for a recipient it cannot reach.
     */
    default boolean reaches(Recipient recipient) {
        return true;
    }

    /**
     * Delivers one notification to its recipient and returns once the receiving server has accepted it.
     *
     * @throws DeliveryFailure when it was not delivered; its {@link DeliveryFailure#retryable()} says whether trying
     *     again later can help
     */
    void send(Notification notification) throws DeliveryFailure;

    /** Releases connections and files; the default does nothing. */
    @Override
    default void close() {
    }
}
