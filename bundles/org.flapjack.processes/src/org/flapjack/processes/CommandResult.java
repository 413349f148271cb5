package org.flapjack.processes;

/**
 * What a command run on a host gave back.
 *
 * @param exitStatus its exit status
 * @param output stdout and stderr together, cut at {@link Shell#OUTPUT_LIMIT}
 */
record CommandResult(int exitStatus, String output) {

    boolean succeeded() {
        return exitStatus == 0;
    }

    /** The last non-empty line of the output, the one a failing command uses to say why. */
    String lastLine() {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
