package org.flapjack.core.persistence;

import java.time.Instant;
import java.util.Objects;

/** One deploy of the enabled checks onto the jobs tube: its id, when, how many checks and who deployed it. */
public record Batch(String id, Instant deployedAt, int checks, String deployedBy) {

    public Batch {
        Objects.requireNonNull(id, "a batch needs an id");
        Objects.requireNonNull(deployedAt, "a batch needs a deploy time");
        if (checks < 0) {
            throw new IllegalArgumentException("batch " + id + " cannot hold " + checks + " checks");
        }
        deployedBy = deployedBy == null ? "" : deployedBy;
    }
}
