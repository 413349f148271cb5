package org.flapjack.core.model;

import java.time.Instant;
import java.util.Objects;

/** A moment worth remembering in a check's history, such as a failure. */
public record Event(String check, Status status, String output, Instant time) {

    public Event {
        Copies.name(check, "an event's check");
        Objects.requireNonNull(status, "an event needs a status");
        Objects.requireNonNull(time, "an event needs a time");
        output = output == null ? "" : output;
    }
}
