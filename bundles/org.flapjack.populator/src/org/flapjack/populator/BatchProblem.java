package org.flapjack.populator;

/**
 * One reason a batch is refused.
 *
 * @param path where in the batch: a JSON path such as {@code $.checks[3].interval}, or the line and column of a
 *     file that could not be parsed
 * @param reason what is wrong there, in words an operator can act on
 */
public record BatchProblem(String path, String reason) {

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
