package org.flapjack.cli;

import java.io.Console;
import java.io.PrintWriter;

import org.flapjack.populator.DeployProgress;

/**
 * Shows a deploy's progress: on a terminal a bar redrawn in place at each whole percent, elsewhere (a log, a pipe)
 * one plain line at each tenth, so that logs stay short.
 */
final class ProgressBar implements DeployProgress {

    private static final int WIDTH = 40;

    private final PrintWriter out;

    private final boolean terminal;

    private int shown = -1;

    ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Whether this process writes to a terminal, where a bar redrawn in place reads well. */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // From Java 22 a console may exist without a terminal; isTerminal() tells, where it exists.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void progress(int done, int total) {
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        int step = terminal ? percent : percent / 10 * 10;
        if (step == shown) {
            return;
        }
        shown = step;
        if (terminal) {
            int filled = percent * WIDTH / 100;
            out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + String.format("%3d%%", percent)
                + "  " + done + "/" + total + " jobs");
            if (done == total) {
                out.println();
            }
        } else {
            out.println("put " + done + " of " + total + " jobs (" + step + "%)");
        }
        out.flush();
    }

    /** Ends a bar cut short, so that the next line starts on a line of its own. */
    void finish() {
        if (terminal && shown >= 0 && shown < 100) {
            out.println();
            out.flush();
        }
    }
}
