package org.flapjack.e2e.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flapjack.notifiers.xmpp.XmppFactory;
import org.flapjack.testing.Prosody;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/** One person logged in to the test's prosody without TLS, keeping the body of every message sent to them. */
final class XmppInbox implements AutoCloseable {

    private final XMPPTCPConnection connection;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    XmppInbox(Prosody prosody, String user, String password) throws Exception {
        XmppFactory.prepareSmack();
        connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppAddressAndPassword(prosody.jid(user), password).setHost(prosody.host())
                .setPort(prosody.port()).setSecurityMode(SecurityMode.disabled).build());
        connection.addAsyncStanzaListener(stanza -> bodies.add(((Message) stanza).getBody()),
                MessageWithBodiesFilter.INSTANCE);
        connection.connect().login();
    }

    /** The bodies received so far, in order. */
    List<String> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
