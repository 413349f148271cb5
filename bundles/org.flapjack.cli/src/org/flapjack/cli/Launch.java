package org.flapjack.cli;

import java.io.PrintWriter;

import org.flapjack.core.config.ConfigException;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs one headless application the same way for all of them: parses its picocli command line, adds
 * {@code --help}, {@code --version} and {@code --debug}, sends log lines to stderr, and turns the outcome into the
 * exit status: 0 success (or what the command returns), 1 a usage error, 2 a bad config, unreachable service or
 * any other failure, printed as one line; {@code --debug} adds the stack trace.
 */
public final class Launch {

    /** The exit status of a command line that could not be parsed. */
    public static final int USAGE = 1;

    /** The exit status of a bad config, an unreachable service or any other failure. */
    public static final int FAILURE = 2;

    private Launch() {
    }

    /** The options {@link Launch} adds to every command. */
    static final class SharedOptions {

        @Option(names = "--debug", description = "Log debug lines and show stack traces of failures.")
        boolean debug;
    }

    /** Runs the command with the arguments and exits the JVM with its exit status; for an application's main. */
    public static void main(Object command, String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exitStatus = run(command, args, out, err);
        out.flush();
        err.flush();
        System.exit(exitStatus);
    }

    /**
     * Runs the command in this JVM and returns its exit status; the command's output goes to {@code out}, errors
     * and log lines to {@code err}.
     */
    public static int run(Object command, String[] args, PrintWriter out, PrintWriter err) {
        SharedOptions options = new SharedOptions();
        CommandLine commandLine = new CommandLine(command);
        commandLine.getCommandSpec().mixinStandardHelpOptions(true);
        commandLine.addMixin("launch", options);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> usageError(e, err));
        commandLine.setExecutionStrategy(parseResult -> {
            LogLineHandler.install(err, options.debug);
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> failure(cmd.getCommandName(), e,
                options.debug, err));
        return commandLine.execute(args);
    }

    private static int usageError(ParameterException e, PrintWriter err) {
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        e.getCommandLine().usage(err);
        return USAGE;
    }

    private static int failure(String command, Exception e, boolean debug, PrintWriter err) {
        err.println(failureLine(command, e));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    /**
     * The failure of a command as the one line an operator reads: the message alone where it was written for them,
     * else what failed and why in words; the type of the failure shows with --debug only.
     */
    static String failureLine(String command, Throwable e) {
        if (e instanceof ConfigException || e instanceof BadConfig) {
            return oneLine(e);
        }
        String message = e.getMessage() == null || e.getMessage().isBlank() ? null : e.getMessage();
        String line = message == null ? command + " failed unexpectedly; run it with --debug to see where"
                : command + " failed: " + message;
        return line.replaceAll("\\R", " ");
    }

    /**
     * Range-checks a port option, as a usage error naming the option.
     *
     * @throws ParameterException when the port is outside 1 to 65535
     */
    static void checkPort(CommandSpec spec, Integer port) {
        if (port != null && (port < 1 || port > 65535)) {
            throw new ParameterException(spec.commandLine(), "--port must be a number from 1 to 65535, not " + port);
        }
    }

    /** A throwable as one line for a log record: the message where it was written for an operator. */
    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String line = e instanceof ConfigException || e instanceof BadConfig
                ? message
                : "failed: " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return line.replaceAll("\\R", " ");
    }
}
