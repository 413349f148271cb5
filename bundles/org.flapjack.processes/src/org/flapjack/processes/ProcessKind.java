package org.flapjack.processes;

/** The kinds of Flapjack process a host runs. */
public enum ProcessKind {
    /** The queue the workers and the notifier share. */
    BEANSTALKD,
    /** One of the worker manager's workers. */
    WORKER,
    /** The notifier, one per host. */
    NOTIFIER
}
