package org.flapjack.core.notify;

import java.util.Map;

/**
 * Makes notifiers of one kind. Plugin jars in the notifier directories provide one through
 * {@code META-INF/services/org.flapjack.core.notify.NotifierFactory}.
 */
public interface NotifierFactory {

    /** The settings key the engine adds, unless the section sets it, naming the notifier's own state directory. */
    String STATE_DIR = "state-dir";

    /** The name {@code notifiers} uses for this kind, for example {@code mailer}. */
    String name();

    /**
     * Makes a notifier from its {@code [NAME-notifier]} section's settings, plus {@link #STATE_DIR}. A setting that
     * cannot work is an {@link IllegalArgumentException} naming the key, never showing a password.
     */
    Notifier create(Map<String, String> settings);
}
