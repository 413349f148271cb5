package org.flapjack.core.model;

/** The state a check is in, read from a Nagios plugin's exit status. */
public enum Status {
    OK, WARNING, CRITICAL, UNKNOWN;

    /** Exit status 0 is ok, 1 warning, 2 critical; 3 and anything else is unknown. */
    public static Status ofExitStatus(int exitStatus) {
        return switch (exitStatus) {
            case 0 -> OK;
            case 1 -> WARNING;
            case 2 -> CRITICAL;
            default -> UNKNOWN;
        };
    }

    /** The exit status a Nagios plugin returns for this state: 0 to 3. */
    public int exitStatus() {
        return ordinal();
    }

    /** Whether this state calls for attention: anything but ok. */
    public boolean isFailure() {
        return this != OK;
    }
}
