package org.flapjack.core.persistence;

import java.util.Objects;

/** One edge of the parent graph: the {@code check} is not notified while its {@code parent} fails. */
public record ParentRelation(String check, String parent) {

    public ParentRelation {
        Objects.requireNonNull(check, "a parent relation needs a check");
        Objects.requireNonNull(parent, "a parent relation needs a parent");
    }
}
