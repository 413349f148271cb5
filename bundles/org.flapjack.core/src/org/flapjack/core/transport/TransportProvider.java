package org.flapjack.core.transport;

import java.util.Map;

/** Makes transports of one kind, picked by its name from the {@code backend} key of the {@code [transport]} section. */
public interface TransportProvider {

    /** The backend name the configuration uses for this kind, for example {@code beanstalkd}. */
    String name();

    /**
     * Opens a transport from the {@code [transport]} section's settings. Unknown keys are ignored; a malformed value is
     * an {@link IllegalArgumentException} naming the key.
     */
    Transport open(Map<String, String> settings);
}
