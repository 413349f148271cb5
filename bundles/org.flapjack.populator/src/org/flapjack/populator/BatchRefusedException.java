package org.flapjack.populator;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A batch that cannot be deployed as it is, with every problem found. Nothing was deployed. The message is one line:
 * the file (when the batch came from one), the path and reason of the first problem, and how many more there are.
 */
public final class BatchRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    private final transient List<BatchProblem> problems;

    /** A refusal of the batch read from {@code file} (null when it came from elsewhere) for at least one problem. */
    public BatchRefusedException(Path file, List<BatchProblem> problems) {
        super(message(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** The file the batch came from; empty when it came from persistence or memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Every problem found, in the order of the batch. */
    public List<BatchProblem> problems() {
        return problems;
    }

    private static String message(Path file, List<BatchProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refused batch needs at least one problem");
        }
        String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more problems)";
        return (file == null ? "batch" : file.toString()) + ": " + problems.get(0) + more;
    }
}
