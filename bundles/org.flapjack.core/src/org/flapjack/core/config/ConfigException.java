package org.flapjack.core.config;

import java.nio.file.Path;

/** A config file that cannot be used; the message is one line: {@code FILE:LINE: what was expected}. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String expected;

    /** A refusal of {@code file} at 1-based {@code line}, saying what should have been there. */
    public ConfigException(Path file, int line, String expected) {
        super(file + ":" + line + ": " + expected);
        this.file = file;
        this.line = line;
        this.expected = expected;
    }

    /** The file that was refused. */
    public Path file() {
        return file;
    }

    /** The 1-based line the refusal points at. */
    public int line() {
        return line;
    }

    /** What the line should have held. */
    public String expected() {
        return expected;
    }
}
