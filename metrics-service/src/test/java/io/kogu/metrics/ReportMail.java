package io.kogu.metrics;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * A real SMTP server in the test JVM (GreenMail) on a free port, started before Quarkus reads its configuration
 * (a JUnit {@link LauncherSessionListener}, like test-support's TestEnvironment): {@code quarkus.mailer.port} names
 * it, so metrics-service's Quarkus Mailer sends every test e-mail there over SMTP. A {@code @QuarkusTest} runs in a
 * class loader of its own, so the messages travel to it as raw MIME bytes (JDK types only) under a system property.
 */
public class ReportMail implements LauncherSessionListener {

    private static final String RECEIVED = "kogu.test.smtp.received";
    private static GreenMail server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (server != null) {
            return;
        }
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        System.setProperty("quarkus.mailer.port", Integer.toString(server.getSmtp().getPort()));
        GreenMail mail = server;
        Supplier<List<byte[]>> received = () -> Arrays.stream(mail.getReceivedMessages()).map(message -> {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                message.writeTo(out);
                return out.toByteArray();
            } catch (IOException | MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        System.getProperties().put(RECEIVED, received);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (server != null) {
            server.stop();
            server = null;
            System.getProperties().remove(RECEIVED);
        }
    }

    /** The messages received so far with {@code address} among their To recipients, oldest first. */
    @SuppressWarnings("unchecked")
    static List<MimeMessage> to(String address) {
        Supplier<List<byte[]>> received = (Supplier<List<byte[]>>) System.getProperties().get(RECEIVED);
        Session session = Session.getInstance(new Properties());
        List<MimeMessage> messages = new ArrayList<>();
        try {
            for (byte[] raw : received.get()) {
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
                if (message.getRecipients(Message.RecipientType.TO) != null && Arrays.stream(
                        message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address))) {
                    messages.add(message);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return messages;
    }
}
