package org.flapjack.console.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the console finds its store, its queue server and its files. The persistence password is kept apart from the
 * uri so that it can live in secure storage; {@link #persistenceSettings()} puts it back into the uri.
 *
 * @param persistenceUri the SQL backend's {@code uri}; blank means SQLite in {@code ~/.flapjack/flapjack.db}
 * @param persistencePassword the password for the uri's user; blank when none or when the uri holds one
 * @param beanstalkdHost the host of beanstalkd
 * @param beanstalkdPort the port of beanstalkd
 * @param recipientsFile the recipients file the Recipients part opens
 * @param notifierConfig the notifier config file
 */
public record ConsoleSettings(String persistenceUri, String persistencePassword, String beanstalkdHost,
        int beanstalkdPort, Path recipientsFile, Path notifierConfig) {

    /** The settings of a console that was never configured. */
    public static ConsoleSettings defaults() {
        Path home = Path.of(System.getProperty("user.home"), ".flapjack");
        return new ConsoleSettings("", "", "localhost", 11300, home.resolve("recipients.conf"),
                home.resolve("notifier.conf"));
    }

    public ConsoleSettings {
        persistenceUri = persistenceUri == null ? "" : persistenceUri.strip();
        persistencePassword = persistencePassword == null ? "" : persistencePassword;
        beanstalkdHost = beanstalkdHost == null || beanstalkdHost.isBlank() ? "localhost" : beanstalkdHost.strip();
        if (beanstalkdPort < 1 || beanstalkdPort > 65535) {
            throw new IllegalArgumentException("beanstalkd port must be from 1 to 65535, not " + beanstalkdPort);
        }
    }

    /** Whether beanstalkd is named as this machine's on its default port, as in {@link #defaults()}. */
    public boolean namesLocalDefaultBeanstalkd() {
        return ("localhost".equals(beanstalkdHost) || "127.0.0.1".equals(beanstalkdHost)) && beanstalkdPort == 11300;
    }

    /** Whether the uri names a user without a password, which then has to come from secure storage. */
    public boolean needsPassword() {
        int scheme = persistenceUri.indexOf("://");
        int at = persistenceUri.indexOf('@');
        return persistencePassword.isEmpty() && scheme >= 0 && at > scheme
                && !persistenceUri.substring(scheme + 3, at).contains(":");
    }

    /** These settings with PASSWORD for the uri's user. */
    public ConsoleSettings withPassword(String password) {
        return new ConsoleSettings(persistenceUri, password, beanstalkdHost, beanstalkdPort, recipientsFile,
                notifierConfig);
    }

    /** The {@code [persistence]} settings for the SQL backend, with the password put into the uri. */
    public Map<String, String> persistenceSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("backend", "sql");
        settings.put("uri", uriWithPassword());
        return settings;
    }

    /** The {@code [transport]} settings for beanstalkd. */
    public Map<String, String> transportSettings() {
        return Map.of("backend", "beanstalkd", "host", beanstalkdHost, "port", Integer.toString(beanstalkdPort),
                "outage-wait", "5");
    }

    private String uriWithPassword() {
        int scheme = persistenceUri.indexOf("://");
        int at = persistenceUri.indexOf('@');
        if (persistencePassword.isEmpty() || scheme < 0 || at < scheme) {
            return persistenceUri;
        }
        String user = persistenceUri.substring(scheme + 3, at);
        if (user.contains(":")) {
            return persistenceUri;
        }
        String password = URLEncoder.encode(persistencePassword, StandardCharsets.UTF_8).replace("+", "%20");
        return persistenceUri.substring(0, at) + ":" + password + persistenceUri.substring(at);
    }

    @Override
    public String toString() {
        return "ConsoleSettings[uri=" + persistenceUri + ", beanstalkd=" + beanstalkdHost + ":" + beanstalkdPort
                + ", recipients=" + recipientsFile + ", notifierConfig=" + notifierConfig + "]";
    }
}
