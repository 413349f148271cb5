package org.flapjack.console.parts;

/** A part whose unsaved changes can be dropped, going back to what is stored: what File > Revert does. */
public interface Revertible {

    /** Drops the unsaved changes and shows what is stored. */
    void revert();
}
