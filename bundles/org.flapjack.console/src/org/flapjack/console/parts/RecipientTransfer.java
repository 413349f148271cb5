package org.flapjack.console.parts;

import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.TransferData;

/**
 * Recipients travel in a drag as their names, one a line, in a {@link TextTransfer}. A drop target accepts a drag
 * only while the Recipients part has one in progress, so text dragged from elsewhere is refused.
 */
final class RecipientTransfer {

    private static volatile List<String> dragged;

    private RecipientTransfer() {
    }

    /** The text a drag of NAMES carries. */
    static String text(List<String> names) {
        return String.join("\n", names);
    }

    /** Marks the start of a drag of NAMES from the Recipients part. */
    static void started(List<String> names) {
        dragged = List.copyOf(names);
    }

    /** Marks the end of the drag, dropped or not. */
    static void finished() {
        dragged = null;
    }

    /** Whether a drag of this data type is recipients from the Recipients part. */
    static boolean isRecipientDrag(TransferData type) {
        return dragged != null && (type == null || TextTransfer.getInstance().isSupportedType(type));
    }

    /** The recipient names in dropped DATA: the names of the drag in progress that the text holds. */
    static List<String> names(Object data) {
        List<String> current = dragged;
        if (!(data instanceof String text) || current == null) {
            return List.of();
        }
        List<String> lines = Arrays.stream(text.split("\\R")).map(String::strip).toList();
        return current.stream().filter(lines::contains).toList();
    }
}
