package org.flapjack.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Writes each log record as one line, {@code time level logger: message}, with the levels named as System.Logger
 * names them; a thrown exception adds its one-line description, or its stack trace when asked.
 */
final class LogLineHandler extends Handler {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault());

    private final PrintWriter err;
    private final boolean stackTraces;
    private final Formatter messages = new SimpleFormatter();

    /**
     * Makes this the only handler of java.util.logging's root logger, which System.Logger writes through: info and
     * above, or debug and above with stack traces when {@code debug}.
     */
    static void install(PrintWriter err, boolean debug) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Level level = debug ? Level.FINE : Level.INFO;
        Handler handler = new LogLineHandler(err, debug);
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
    }

    LogLineHandler(PrintWriter err, boolean stackTraces) {
        this.err = err;
        this.stackTraces = stackTraces;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String line = format(record);
        synchronized (err) {
            err.println(line);
            if (stackTraces && record.getThrown() != null) {
                record.getThrown().printStackTrace(err);
            }
            err.flush();
        }
    }

    String format(LogRecord record) {
        String message = messages.formatMessage(record);
        if (record.getThrown() != null && !stackTraces) {
            message = message + " (" + Launch.oneLine(record.getThrown()) + ")";
        }
        return TIME.format(record.getInstant()) + " " + levelName(record.getLevel()) + " "
                + record.getLoggerName() + ": " + message.replaceAll("\\R", " ");
    }

    private static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        return value >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
