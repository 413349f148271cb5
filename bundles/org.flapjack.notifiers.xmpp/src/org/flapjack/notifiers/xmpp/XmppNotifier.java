package org.flapjack.notifiers.xmpp;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.flapjack.core.model.Recipient;
import org.flapjack.core.notify.DeliveryFailure;
import org.flapjack.core.notify.Notification;
import org.flapjack.core.notify.Notifier;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.SimpleIQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * Sends each notification as a chat message to the recipient's jid over one connection that stays open; a connection
 * that dropped is made again on the next send. A message counts as delivered once the server has answered a ping
 * sent after it, which it does only after it has taken the message.
 */
final class XmppNotifier implements Notifier {

    private static final System.Logger LOG = System.getLogger(XmppNotifier.class.getName());

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
            .withZone(ZoneId.systemDefault());

    static {
        XmppFactory.prepareSmack();
    }

    private final XmppAccount account;
    private XMPPTCPConnection connection;

    XmppNotifier(XmppAccount account) {
        this.account = account;
    }

    @Override
    public String name() {
        return XmppFactory.NAME;
    }

    @Override
    public boolean reaches(Recipient recipient) {
        return recipient.jid() != null && !recipient.jid().isBlank();
    }

    @Override
    public synchronized void send(Notification notification) throws DeliveryFailure {
        EntityBareJid to = recipientJid(notification.recipient());
        XMPPTCPConnection open = connected();
        try {
            Message message = open.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat)
                    .setBody(text(notification)).build();
            open.sendStanza(message);
            confirm(open);
        } catch (SmackException | InterruptedException e) {
            drop();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw DeliveryFailure.retryable("the connection to " + account.server() + " broke while sending to " + to
                    + ": " + describe(e), e);
        }
    }

    private EntityBareJid recipientJid(Recipient recipient) throws DeliveryFailure {
        try {
            return JidCreate.entityBareFrom(recipient.jid().strip());
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw DeliveryFailure.permanent("'" + recipient.jid() + "' of " + recipient.name() + " is not a jid", e);
        }
    }

    /** The open connection, made (again) when there is none or it dropped. */
    private XMPPTCPConnection connected() throws DeliveryFailure {
        if (connection != null && connection.isAuthenticated()) {
            return connection;
        }
        drop();
        try {
            XMPPTCPConnectionConfiguration.Builder builder = XMPPTCPConnectionConfiguration.builder()
                    .setXmppAddressAndPassword(account.jid(), account.password())
                    .setResource("flapjack-notifier")
                    .setSecurityMode(account.security())
                    .setPort(account.port())
                    .setConnectTimeout(account.timeoutSeconds() * 1000)
                    .setSendPresence(false);
            if (account.host() != null) {
                builder.setHost(account.host());
            }
            XMPPTCPConnection made = new XMPPTCPConnection(builder.build());
            made.setReplyTimeout(account.timeoutSeconds() * 1000L);
            made.connect().login();
            connection = made;
            LOG.log(System.Logger.Level.INFO, () -> "connected to " + account.server() + " as " + account.jid());
            return made;
        } catch (XMPPException | SmackException | IOException | InterruptedException e) {
            drop();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw DeliveryFailure.retryable("cannot log in to " + account.server() + " as " + account.jid() + ": "
                    + describe(e), e);
        }
    }

    /** Waits for the server's answer to a ping, which it sends only after handling the message before it. */
    private void confirm(XMPPTCPConnection open) throws SmackException, InterruptedException {
        Ping ping = new Ping();
        ping.setTo(open.getXMPPServiceDomain());
        try {
            open.createStanzaCollectorAndSend(ping).nextResultOrThrow();
        } catch (XMPPException.XMPPErrorException e) {
            // An error answer (a server without ping) still shows the server handled what came before.
            LOG.log(System.Logger.Level.DEBUG, () -> account.server() + " answered the ping with " + e.getMessage());
        }
    }

    private void drop() {
        if (connection != null) {
            connection.instantShutdown();
            connection = null;
        }
    }

    String text(Notification notification) {
        StringBuilder text = new StringBuilder(notification.title());
        text.append(": ").append(notification.output());
        text.append(" (").append(TIME.format(notification.time())).append(')');
        if (notification.link() != null) {
            text.append(' ').append(notification.link());
        }
        return text.toString();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return (message == null || message.isBlank() ? e.getClass().getSimpleName() : message)
                .replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.disconnect();
            connection = null;
        }
    }

    @Override
    public String toString() {
        return "XmppNotifier[" + account + "]";
    }

    /** An XMPP ping (XEP-0199) to the server. */
    private static final class Ping extends SimpleIQ {

        Ping() {
            super("ping", "urn:xmpp:ping");
            setType(IQ.Type.get);
        }
    }
}
