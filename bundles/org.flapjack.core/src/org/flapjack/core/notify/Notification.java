package org.flapjack.core.notify;

import java.time.Instant;
import java.util.Objects;

import org.flapjack.core.model.Recipient;
import org.flapjack.core.model.Status;

/**
 * One message to one person about one check: what happened ({@code kind}), the check's status and the status before
 * it, the check's output, when the result was produced, and a link to the check when a website is configured.
 *
 * @param check the check's name
 * @param node the node the check runs for; null when the check names none
 * @param status the status the result put the check in
 * @param previousStatus the status the check had before; null when it had none
 * @param kind a problem, a recovery or a reminder
 * @param output the check's summary output
 * @param time when the result was produced
 * @param recipient whom to tell
 * @param link a link to the check on the website; null when no website is configured
 */
public record Notification(String check, String node, Status status, Status previousStatus, Kind kind, String output,
        Instant time, Recipient recipient, String link) {

    /** Why a notification is sent. */
    public enum Kind {
        /** The check changed into a failing status, or to a worse one. */
        PROBLEM,
        /** The check is ok again after a failure people were told about. */
        RECOVERY,
        /** The check still fails, a renotify interval after people were last told. */
        REMINDER
    }

    public Notification {
        Objects.requireNonNull(check, "a notification needs a check");
        Objects.requireNonNull(status, "a notification needs a status");
        Objects.requireNonNull(kind, "a notification needs a kind");
        Objects.requireNonNull(time, "a notification needs a time");
        Objects.requireNonNull(recipient, "a notification needs a recipient");
        output = output == null ? "" : output;
    }

    /** A one-line title naming the kind, the check and its status, for example {@code PROBLEM: disk is CRITICAL}. */
    public String title() {
        return kind + ": " + check + (node == null || node.isEmpty() ? "" : " on " + node) + " is " + status;
    }
}
