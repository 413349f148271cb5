package org.flapjack.notifiers.mailer;

import java.util.Locale;
import java.util.Map;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.flapjack.core.notify.Notifier;
import org.flapjack.core.notify.NotifierFactory;

/**
 * The built-in {@code mailer} notifier. Settings of {@code [mailer-notifier]}: {@code from_address} (required),
 * {@code host} and {@code port} of the SMTP server (default localhost and 25, or 465 with {@code ssl}),
 * {@code username} and {@code password} when it wants a login, {@code starttls} (yes to upgrade the connection and
 * refuse a server that cannot), {@code ssl} (yes for SMTP over TLS), {@code timeout} in seconds (default 30) and
 * {@code website_uri}, the base of links to checks when the notifier config sets none.
 */
public final class MailerFactory implements NotifierFactory {

    /** The name {@code notifiers} uses for this notifier. */
    public static final String NAME = "mailer";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Notifier create(Map<String, String> settings) {
        String from = required(settings, "from_address");
        try {
            new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("from_address: '" + from + "' is not an email address");
        }
        boolean ssl = flag(settings, "ssl");
        int port = number(settings, "port", ssl ? 465 : 25, 1, 65535);
        String username = blankToNull(settings.get("username"));
        String password = settings.get("password");
        if (username != null && (password == null || password.isEmpty())) {
            throw new IllegalArgumentException("password: needed with username " + username);
        }
        SmtpServer server = new SmtpServer(settings.getOrDefault("host", "localhost").strip(), port, username,
                password, flag(settings, "starttls"), ssl, number(settings, "timeout", 30, 1, 3600));
        return new Mailer(from, server, blankToNull(settings.get("website_uri")));
    }

    private static String required(Map<String, String> settings, String key) {
        String value = blankToNull(settings.get(key));
        if (value == null) {
            throw new IllegalArgumentException(key + ": needed");
        }
        return value.strip();
    }

    private static boolean flag(Map<String, String> settings, String key) {
        String value = settings.getOrDefault(key, "no").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "yes", "true", "on", "1", "required" -> true;
            case "no", "false", "off", "0", "" -> false;
            default -> throw new IllegalArgumentException(key + ": yes or no, not '" + value + "'");
        };
    }

    private static int number(Map<String, String> settings, String key, int fallback, int min, int max) {
        String text = blankToNull(settings.get(key));
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below with the accepted range
        }
        throw new IllegalArgumentException(key + ": a whole number from " + min + " to " + max + ", not '" + text
                + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
