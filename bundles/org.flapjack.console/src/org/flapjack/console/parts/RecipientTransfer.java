package org.flapjack.console.parts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.TransferData;

/**
 * Recipients travel in a drag as their names, one a line, in a {@link TextTransfer}. What the drag means is kept
 * here while it runs: recipients taken from the Recipients list (to assign them, or to move them in the list), or
 * assignments taken from what a check, node or template shows (to remove them). A drop target accepts only the kind
 * of drag it understands, so text dragged from elsewhere is refused.
 */
final class RecipientTransfer {

    /**
     * A drag in progress: its recipients and, when it carries assignments, the checks they are assigned to and a
     * name for their owner such as {@code check 'disk web1'}.
     */
    record Drag(List<String> recipients, List<String> checks, String owner) {

        Drag {
            recipients = List.copyOf(recipients);
            checks = List.copyOf(checks);
        }

        /** Recipients taken from the Recipients list. */
        static Drag ofRecipients(List<String> names) {
            return new Drag(names, List.of(), null);
        }

        /** Recipients taken off CHECKS, as OWNER shows them. */
        static Drag ofAssignments(List<String> recipients, List<String> checks, String owner) {
            return new Drag(recipients, checks, owner);
        }

        boolean isAssignment() {
            return owner != null;
        }

        /** The recipients for a sentence: {@code Ada Lovelace}, or {@code Ada Lovelace and 2 more}. */
        String who() {
            return recipients.size() == 1 ? recipients.get(0)
                    : recipients.get(0) + " and " + (recipients.size() - 1) + " more";
        }
    }

    private static volatile Drag current;

    private RecipientTransfer() {
    }

    /** The text a drag of NAMES carries. */
    static String text(List<String> names) {
        return String.join("\n", names);
    }

    /** Marks the start of DRAG. */
    static void started(Drag drag) {
        current = drag;
    }

    /** Marks the end of the drag, dropped or not. */
    static void finished() {
        current = null;
    }

    /** The drag of ours in progress, when it carries data of this type; empty for anything dragged from elsewhere. */
    static Optional<Drag> current(TransferData type) {
        Drag drag = current;
        boolean text = type == null || TextTransfer.getInstance().isSupportedType(type);
        return drag != null && text ? Optional.of(drag) : Optional.empty();
    }

    /** The recipient names in dropped DATA: the names of the drag in progress that the text holds. */
    static List<String> names(Object data) {
        Drag drag = current;
        if (!(data instanceof String text) || drag == null) {
            return List.of();
        }
        List<String> lines = Arrays.stream(text.split("\\R")).map(String::strip).toList();
        return drag.recipients().stream().filter(lines::contains).toList();
    }
}
