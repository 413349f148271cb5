package org.flapjack.core.model;

import java.time.Instant;
import java.util.Objects;

/** The latest known state of one check, and which worker reported it. */
public record CheckStatus(String check, Status status, String output, Instant time, String worker) {

    public CheckStatus {
        Copies.name(check, "a check status's check");
        Objects.requireNonNull(status, "a check status needs a status");
        Objects.requireNonNull(time, "a check status needs a time");
        output = output == null ? "" : output;
    }
}
