package org.flapjack.core.persistence;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store could not be opened, read or written. The message is one line naming the backend, the address with any
 * password hidden, and the cause, for example
 * {@code sql persistence at postgres://flapjack:***@db:5432/flapjack: Connection refused}.
 */
public class PersistenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@?#]*):[^?#]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;?#)\\s]*");

    private final String backend;
    private final String address;

    /**
     * An exception for the backend and address; the address is shown with its password hidden, and the reason is
     * folded to one line.
     */
    public PersistenceException(String backend, String address, String reason, Throwable cause) {
        super(backend + " persistence at " + hidePassword(address) + ": " + oneLine(reason), cause);
        this.backend = backend;
        this.address = hidePassword(address);
    }

    /** The backend name, as in the {@code backend} setting. */
    public String backend() {
        return backend;
    }

    /** The address of the store, with any password replaced by {@code ***}. */
    public String address() {
        return address;
    }

    /**
     * The address with the password of {@code scheme://user:password@host} and of {@code password=...} parameters
     * replaced by {@code ***}.
     */
    public static String hidePassword(String address) {
        if (address == null) {
            return "(no address)";
        }
        String hidden = USER_INFO_PASSWORD.matcher(address).replaceAll("$1:***@");
        return PASSWORD_PARAMETER.matcher(hidden).replaceAll(Matcher.quoteReplacement("password=***"));
    }

    /** The first meaningful line of a cause's message, or its class name when it has no message. */
    public static String reasonOf(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return message;
    }

    private static String oneLine(String reason) {
        if (reason == null || reason.isBlank()) {
            return "unknown cause";
        }
        return reason.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
