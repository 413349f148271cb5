package org.flapjack.notifiers.xmpp;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jxmpp.jid.EntityBareJid;

/**
 * The account the notifier sends from and how to reach its server; {@link #toString()} never shows the password.
 *
 * @param host the server's host, or null to find it from the jid's domain
 */
record XmppAccount(EntityBareJid jid, String password, String host, int port, SecurityMode security,
        int timeoutSeconds) {

    String server() {
        return (host == null ? jid.getDomain().toString() : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "XmppAccount[" + jid + " at " + server() + ", tls " + security + "]";
    }
}
