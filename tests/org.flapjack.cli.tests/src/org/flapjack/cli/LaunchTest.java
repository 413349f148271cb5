package org.flapjack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.flapjack.core.config.ConfigException;
import org.junit.jupiter.api.Test;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class LaunchTest {

    @Command(name = "flapjack-sample")
    static final class Sample implements Callable<Integer> {

        @Option(names = "--fail")
        String failure = "";

        @Option(names = "--port")
        Integer port;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Launch.checkPort(spec, port);
            System.getLogger(Sample.class.getName()).log(System.Logger.Level.DEBUG, "debug line");
            return switch (failure) {
                case "config" -> throw new ConfigException(Path.of("a.conf"), 3, "a [notifier] section");
                case "bad" -> throw new BadConfig("beanstalkd at localhost:11300 does not answer; start it");
                case "bug" -> throw new IllegalStateException("multi\nline");
                case "npe" -> throw new NullPointerException();
                case "exit" -> 7;
                default -> 0;
            };
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Launch.run(new Sample(), args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void successExitsZero() {
        assertEquals(0, run());
        assertEquals("", err.toString());
    }

    @Test
    void commandChoosesItsExitStatus() {
        assertEquals(7, run("--fail", "exit"));
    }

    @Test
    void configExceptionIsOneLineAndExitTwo() {
        assertEquals(2, run("--fail", "config"));

        assertEquals("a.conf:3: a [notifier] section\n", err.toString());
    }

    @Test
    void badConfigIsOneLineAndExitTwo() {
        assertEquals(2, run("--fail", "bad"));

        assertEquals("beanstalkd at localhost:11300 does not answer; start it\n", err.toString());
    }

    @Test
    void unexpectedFailureIsOneLineAndExitTwo() {
        assertEquals(2, run("--fail", "bug"));

        assertEquals("flapjack-sample failed: multi line\n", err.toString());
    }

    @Test
    void unexpectedFailureWithoutMessageSaysWhatFailedInWords() {
        assertEquals(2, run("--fail", "npe"));

        assertEquals("flapjack-sample failed unexpectedly; run it with --debug to see where\n", err.toString());
    }

    @Test
    void portOutOfRangeIsAUsageErrorNamingTheOption() {
        assertEquals(1, run("--port", "65536"));

        assertTrue(err.toString().startsWith("--port must be a number from 1 to 65535, not 65536\nUsage:"),
                err.toString());
    }

    @Test
    void debugAddsStackTraceAndDebugLines() {
        assertEquals(2, run("--debug", "--fail", "bad"));

        String shown = err.toString();
        assertTrue(shown.contains(" DEBUG " + Sample.class.getName() + ": debug line\n"), shown);
        assertTrue(shown.contains("beanstalkd at localhost:11300 does not answer; start it\n"), shown);
        assertTrue(shown.contains("\tat " + Sample.class.getName() + ".call("), shown);
    }

    @Test
    void usageErrorExitsOneWithUsage() {
        assertEquals(1, run("--nope"));

        assertTrue(err.toString().contains("Usage: flapjack-sample"), err.toString());
    }

    @Test
    void everyCommandAnswersHelp() {
        assertEquals(0, run("--help"));

        assertTrue(out.toString().startsWith("Usage: flapjack-sample"), out.toString());
    }

    @Test
    void logLineIsTimeLevelLoggerMessage() {
        LogRecord record = new LogRecord(Level.WARNING, "beanstalkd gone, retrying in {0} s");
        record.setParameters(new Object[] { 2 });
        record.setLoggerName("org.flapjack.worker.Worker");

        String line = new LogLineHandler(new PrintWriter(new StringWriter()), false).format(record);

        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ WARNING "
                + "org\\.flapjack\\.worker\\.Worker: beanstalkd gone, retrying in 2 s"), line);
    }

    @Test
    void logLineWithExceptionStaysOneLine() {
        LogRecord record = new LogRecord(Level.SEVERE, "lost");
        record.setLoggerName("x");
        record.setThrown(new java.io.IOException("connection reset"));

        String line = new LogLineHandler(new PrintWriter(new StringWriter()), false).format(record);

        assertTrue(line.endsWith(" ERROR x: lost (failed: IOException: connection reset)"), line);
    }
}
