package org.flapjack.notifier.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.flapjack.core.model.Status;
import org.flapjack.testing.FreePort;
import org.flapjack.testing.Prosody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailer and xmpp notifiers against a real SMTP server (GreenMail) and a real prosody. */
class MailAndXmppTest {

    @TempDir
    Path folder;

    private int smtpPort;
    private GreenMail smtp;
    private Prosody prosody;
    private XmppReceiver alice;
    private NotifierRig rig;

    @BeforeEach
    void startServers() throws Exception {
        smtpPort = FreePort.find();
        smtp = startSmtp();
        prosody = Prosody.start(Map.of("flapjack", "notifier-secret", "alice", "alice-secret"));
        alice = new XmppReceiver(prosody, "alice", "alice-secret");
    }

    @AfterEach
    void stopServers() {
        if (rig != null) {
            rig.close();
        }
        // Each part is stopped on its own: a setup that failed half way must not leave prosody running.
        if (alice != null) {
            alice.close();
        }
        if (prosody != null) {
            prosody.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private String config(String notifiers) {
        Map<String, String> xmpp = prosody.notifierSettings("flapjack");
        return "[notifier]\nnotifiers = " + notifiers + "\nwebsite_uri = http://flapjack.example.com\n\n"
                + "[mailer-notifier]\nfrom_address = flapjack@example.com\nhost = 127.0.0.1\nport = " + smtpPort
                + "\ntimeout = 5\n\n[xmpp-notifier]\n" + xmpp.entrySet().stream()
                        .map(entry -> entry.getKey() + " = " + entry.getValue() + "\n").reduce("", String::concat);
    }

    @Test
    void checkTurningCriticalSendsOneMailAndOneXmppMessage() throws Exception {
        rig = new NotifierRig(folder, config("mailer, xmpp"));
        rig.saveCheck("disk-root", List.of(), List.of("alice"));

        rig.putResult("disk-root", Status.CRITICAL, "DISK CRITICAL - / 2% free");
        rig.awaitIdle();
        NotifierRig.await("one xmpp message", () -> alice.bodies().size() == 1);

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertEquals(1, mails.length);
        assertEquals("alice@example.com", mails[0].getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("PROBLEM: disk-root on web1.example.com is CRITICAL", mails[0].getSubject());
        // The decoded text, read without a content handler: OSGi hides Jakarta Activation's mailcap from getContent().
        String body = new String(mails[0].getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(body.contains("DISK CRITICAL - / 2% free") && body.contains("web1.example.com")
                && body.contains("http://flapjack.example.com/checks/disk-root"), body);
        assertTrue(alice.bodies().get(0).contains("disk-root"), alice.bodies().get(0));
    }

    @Test
    void recoveryAfterAMailedProblemSendsOneRecoveryMail() throws Exception {
        rig = new NotifierRig(folder, config("mailer"));
        rig.saveCheck("disk-root", List.of(), List.of("bob"));

        rig.putResult("disk-root", Status.CRITICAL, "full");
        rig.putResult("disk-root", Status.CRITICAL, "full");
        rig.putResult("disk-root", Status.OK, "DISK OK");
        rig.awaitIdle();

        List<String> subjects = subjects();
        assertEquals(List.of("PROBLEM: disk-root on web1.example.com is CRITICAL",
                "RECOVERY: disk-root on web1.example.com is OK"), subjects);
    }

    @Test
    void smtpDownThenUpDeliversEveryWaitingMailOnceAcrossARestart() throws Exception {
        rig = new NotifierRig(folder, config("mailer"));
        smtp.stop();
        smtp = null;
        for (int i = 1; i <= 3; i++) {
            rig.saveCheck("check-" + i, List.of(), List.of());
            rig.putResult("check-" + i, Status.CRITICAL, "down " + i);
        }
        NotifierRig.await("six spooled mails", () -> rig.spooled() == 6);
        rig.stop();
        rig.start();
        Thread.sleep(500);

        smtp = startSmtp();
        rig.awaitIdle();
        Thread.sleep(1500);

        assertEquals(6, smtp.getReceivedMessages().length, subjects().toString());
        assertEquals(6, subjects().stream().distinct().count() * 2);
    }

    private List<String> subjects() {
        return Arrays.stream(smtp.getReceivedMessages()).map(message -> {
            try {
                return message.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
