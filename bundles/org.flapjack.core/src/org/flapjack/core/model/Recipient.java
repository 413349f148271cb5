package org.flapjack.core.model;

/** A person to tell when a check fails, with the ways to reach them; any of them may be null. */
public record Recipient(String name, String email, String phone, String pager, String jid) {

    public Recipient {
        Copies.name(name, "a recipient");
    }
}
