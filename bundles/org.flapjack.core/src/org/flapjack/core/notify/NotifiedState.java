package org.flapjack.core.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * What people were last told about a check: the status they were told of and when. A status of ok means they were
 * told it recovered, or nothing is outstanding.
 */
public record NotifiedState(String check, org.flapjack.core.model.Status status, Instant time) {

    public NotifiedState {
        Objects.requireNonNull(check, "a notified state needs a check");
        Objects.requireNonNull(status, "a notified state needs a status");
        Objects.requireNonNull(time, "a notified state needs a time");
    }

    /** Whether people were told of a failure they have not been told is over. */
    public boolean failureOutstanding() {
        return status.isFailure();
    }
}
