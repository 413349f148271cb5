package org.flapjack.notifiers.xmpp;

import java.util.Locale;
import java.util.Map;

import org.flapjack.core.notify.Notifier;
import org.flapjack.core.notify.NotifierFactory;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.java7.Java7SmackInitializer;
import org.jivesoftware.smack.sasl.javax.SASLPlainMechanism;
import org.jivesoftware.smack.xml.SmackXmlParser;
import org.jivesoftware.smack.xml.stax.StaxXmlPullParserFactory;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * The built-in {@code xmpp} notifier. Settings of {@code [xmpp-notifier]}: {@code jid} and {@code password} of the
 * account it sends from (required), {@code host} and {@code port} of the server (default: found from the jid's domain
 * through DNS, port 5222), {@code tls} ({@code required} by default, {@code optional}, or {@code off} for a server on
 * loopback without TLS) and {@code timeout} in seconds (default 30).
 */
public final class XmppFactory implements NotifierFactory {

    /** The name {@code notifiers} uses for this notifier. */
    public static final String NAME = "xmpp";

    private static boolean smackPrepared;

    /**
     * Names Smack's XML parser, its Base64 encoder and the PLAIN mechanism directly. Smack finds them through
     * ServiceLoader on a class path, which cannot see other bundles in OSGi; call this before any other Smack class
     * is used.
     */
    public static synchronized void prepareSmack() {
        if (smackPrepared) {
            return;
        }
        SmackXmlParser.setXmlPullParserFactory(new StaxXmlPullParserFactory());
        new Java7SmackInitializer().initialize();
        SASLAuthentication.registerSASLMechanism(new SASLPlainMechanism());
        smackPrepared = true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Notifier create(Map<String, String> settings) {
        EntityBareJid jid = jid(required(settings, "jid"));
        String password = settings.get("password");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password: needed for " + jid);
        }
        String host = settings.get("host");
        int port = number(settings, "port", 5222, 1, 65535);
        XmppAccount account = new XmppAccount(jid, password, host == null || host.isBlank() ? null : host.strip(),
                port, securityMode(settings.getOrDefault("tls", "required")),
                number(settings, "timeout", 30, 1, 3600));
        return new XmppNotifier(account);
    }

    private static EntityBareJid jid(String text) {
        try {
            return JidCreate.entityBareFrom(text);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new IllegalArgumentException("jid: '" + text + "' is not a jid like flapjack@example.com");
        }
    }

    private static SecurityMode securityMode(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "required", "yes", "on", "true" -> SecurityMode.required;
            case "optional", "ifpossible", "if-possible" -> SecurityMode.ifpossible;
            case "off", "no", "false", "disabled" -> SecurityMode.disabled;
            default -> throw new IllegalArgumentException("tls: required, optional or off, not '" + text + "'");
        };
    }

    private static String required(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": needed");
        }
        return value.strip();
    }

    private static int number(Map<String, String> settings, String key, int fallback, int min, int max) {
        String text = settings.get(key);
        if (text == null || text.isBlank()) {
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
}
