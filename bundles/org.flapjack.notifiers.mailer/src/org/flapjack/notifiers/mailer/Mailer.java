package org.flapjack.notifiers.mailer;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.flapjack.core.model.Recipient;
import org.flapjack.core.notify.DeliveryFailure;
import org.flapjack.core.notify.Notification;
import org.flapjack.core.notify.Notifier;

/**
 * Sends each notification as a plain-text mail over its own SMTP connection. The SMTP transport is made directly,
 * not looked up by protocol name, so that no provider file needs to be found at run time.
 */
final class Mailer implements Notifier {

    private static final System.Logger LOG = System.getLogger(Mailer.class.getName());

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
            .withZone(ZoneId.systemDefault());

    private final String from;
    private final SmtpServer server;
    private final String websiteUri;
    private final Session session;

    Mailer(String from, SmtpServer server, String websiteUri) {
        this.from = from;
        this.server = server;
        this.websiteUri = websiteUri;
        this.session = Session.getInstance(properties(server));
    }

    private static Properties properties(SmtpServer server) {
        String protocol = server.ssl() ? "smtps" : "smtp";
        String timeout = Integer.toString(server.timeoutSeconds() * 1000);
        Properties properties = new Properties();
        properties.setProperty("mail." + protocol + ".host", server.host());
        properties.setProperty("mail." + protocol + ".port", Integer.toString(server.port()));
        properties.setProperty("mail." + protocol + ".connectiontimeout", timeout);
        properties.setProperty("mail." + protocol + ".timeout", timeout);
        properties.setProperty("mail." + protocol + ".writetimeout", timeout);
        properties.setProperty("mail." + protocol + ".auth", Boolean.toString(server.username() != null));
        properties.setProperty("mail." + protocol + ".starttls.enable", Boolean.toString(server.starttls()));
        properties.setProperty("mail." + protocol + ".starttls.required", Boolean.toString(server.starttls()));
        properties.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        return properties;
    }

    @Override
    public String name() {
        return MailerFactory.NAME;
    }

    @Override
    public boolean reaches(Recipient recipient) {
        return recipient.email() != null && !recipient.email().isBlank();
    }

    @Override
    public void send(Notification notification) throws DeliveryFailure {
        MimeMessage message = message(notification);
        URLName url = new URLName(server.ssl() ? "smtps" : "smtp", server.host(), server.port(), null,
                server.username(), null);
        Transport transport = server.ssl() ? new SMTPSSLTransport(session, url) : new SMTPTransport(session, url);
        try {
            transport.connect(server.host(), server.port(), server.username(), server.password());
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw failure(notification, e);
        } finally {
            close(transport);
        }
    }

    MimeMessage message(Notification notification) throws DeliveryFailure {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(notification.recipient().email(),
                    true));
            message.setSubject(notification.title(), "UTF-8");
            message.setSentDate(new Date());
            byte[] body = body(notification).getBytes(StandardCharsets.UTF_8);
            message.setDataHandler(new DataHandler(new ByteArrayDataSource(body, "text/plain; charset=UTF-8")));
            message.saveChanges();
            return message;
        } catch (AddressException e) {
            throw DeliveryFailure.permanent("'" + notification.recipient().email() + "' of "
                    + notification.recipient().name() + " is not an email address", e);
        } catch (MessagingException e) {
            throw DeliveryFailure.permanent("cannot write the mail: " + e.getMessage(), e);
        }
    }

    String body(Notification notification) {
        StringBuilder body = new StringBuilder();
        body.append(notification.title()).append("\n\n");
        body.append("Check:  ").append(notification.check()).append('\n');
        body.append("Status: ").append(notification.status());
        if (notification.previousStatus() != null) {
            body.append(" (was ").append(notification.previousStatus()).append(')');
        }
        body.append('\n');
        body.append("Output: ").append(notification.output()).append('\n');
        body.append("Time:   ").append(TIME.format(notification.time())).append('\n');
        if (notification.node() != null && !notification.node().isEmpty()) {
            body.append("Node:   ").append(notification.node()).append('\n');
        }
        String link = link(notification);
        if (link != null) {
            body.append("Link:   ").append(link).append('\n');
        }
        return body.toString();
    }

    private String link(Notification notification) {
        if (notification.link() != null) {
            return notification.link();
        }
        if (websiteUri == null) {
            return null;
        }
        String base = websiteUri.endsWith("/") ? websiteUri : websiteUri + "/";
        return base + "checks/" + java.net.URLEncoder.encode(notification.check(), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private DeliveryFailure failure(Notification notification, MessagingException e) {
        String to = notification.recipient().email();
        if (e instanceof SMTPAddressFailedException refused) {
            return byCode(refused.getReturnCode(), "SMTP server " + server.address() + " refused " + to + ": "
                    + oneLine(refused.getMessage()), e);
        }
        if (e instanceof SMTPSendFailedException refused) {
            return byCode(refused.getReturnCode(), "SMTP server " + server.address() + " refused the mail to " + to
                    + ": " + oneLine(refused.getMessage()), e);
        }
        if (e instanceof SendFailedException refused && refused.getNextException() instanceof MessagingException next
                && next != e) {
            return failure(notification, next);
        }
        if (e instanceof AuthenticationFailedException) {
            return DeliveryFailure.retryable("SMTP server " + server.address() + " refused the login of "
                    + server.username(), e);
        }
        return DeliveryFailure.retryable("cannot send to " + to + " through SMTP server " + server.address() + ": "
                + oneLine(describe(e)), e);
    }

    private static DeliveryFailure byCode(int code, String message, Exception e) {
        return code >= 500 ? DeliveryFailure.permanent(message, e) : DeliveryFailure.retryable(message, e);
    }

    private static String describe(MessagingException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing the SMTP connection failed: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Mailer[from " + from + ", " + server + "]";
    }
}
