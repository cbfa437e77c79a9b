package io.kogu.metrics;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real mail server in the test JVM (GreenMail: SMTP and POP3 on free ports), started before Quarkus reads its
 * configuration (a JUnit {@link LauncherSessionListener}, like test-support's TestEnvironment):
 * {@code quarkus.mailer.port} names its SMTP port, so metrics-service's Quarkus Mailer sends every test e-mail there.
 * Tests read a recipient's mailbox over POP3 (GreenMail makes a mailbox per address, the address as login and
 * password), as a mail client would; a {@code @QuarkusTest} runs in a class loader of its own, so nothing but the
 * ports is shared with it.
 */
public class ReportMail implements LauncherSessionListener {

    private static final String POP3_PORT = "kogu.test.pop3.port";
    private static GreenMail server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (server != null) {
            return;
        }
        server = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3).dynamicPort()});
        server.start();
        System.setProperty("quarkus.mailer.port", Integer.toString(server.getSmtp().getPort()));
        System.setProperty(POP3_PORT, Integer.toString(server.getPop3().getPort()));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The messages in {@code address}'s mailbox, oldest first (none when nothing was sent to it yet). */
    static List<MimeMessage> to(String address) {
        Session session = Session.getInstance(new Properties());
        List<MimeMessage> messages = new ArrayList<>();
        try (Store store = session.getStore("pop3")) {
            try {
                store.connect("127.0.0.1", Integer.getInteger(POP3_PORT), address, address);
            } catch (AuthenticationFailedException e) {
                return messages; // no mailbox: nothing was received for the address
            }
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message message : inbox.getMessages()) {
                messages.add(new MimeMessage((MimeMessage) message));
            }
            inbox.close(false);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return messages;
    }
}
