package io.bookingkit.notify.mail.internal;

import io.bookingkit.notify.UndeliverableException;
import io.bookingkit.notify.mail.MailDeliveryException;
import io.bookingkit.notify.mail.TlsMode;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocketFactory;

/**
 * One SMTP server: its Jakarta Mail session, and the sending of one message per connection with
 * the failures mapped to what the outbox does with them. Thread-safe (the session is; each send
 * has its own transport). Not API.
 */
public final class Smtp {

    /** A reply's code and, if it has one, its enhanced status code: {@code 550 5.1.1 …}. */
    private static final Pattern ENHANCED = Pattern.compile("([2-5]\\d\\d)[ -](?:([2-5]\\.\\d{1,3}\\.\\d{1,3})\\b)?");

    private final String host;
    private final int port;
    private final TlsMode tls;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Session session;

    /**
     * The settings of a server, checked by the builder.
     *
     * @param host           host name or address
     * @param port           port
     * @param tls            how the connection is protected
     * @param user           the user to log in as, if the server wants a login
     * @param password       the password, with {@code user}
     * @param socketFactory  the TLS socket factory, if not the JVM's default
     * @param envelopeFrom   the envelope sender (MAIL FROM)
     * @param connectTimeout how long to wait for the connection
     * @param readTimeout    how long to wait for each reply, and for each write
     */
    public Smtp(String host, int port, TlsMode tls, Optional<String> user, Optional<String> password,
            Optional<SSLSocketFactory> socketFactory, String envelopeFrom, Duration connectTimeout, Duration readTimeout) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.user = user;
        this.password = password;
        this.session = Session.getInstance(properties(host, port, tls, user.isPresent(), socketFactory, envelopeFrom,
                connectTimeout, readTimeout));
    }

    /**
     * The Jakarta Mail properties of a server. Everything goes through protocol {@code smtp}; SMTPS
     * is {@code mail.smtp.ssl.enable}. Wherever TLS is used the server's host name is checked
     * against its certificate.
     */
    static Properties properties(String host, int port, TlsMode tls, boolean auth, Optional<SSLSocketFactory> factory,
            String envelopeFrom, Duration connectTimeout, Duration readTimeout) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.from", envelopeFrom);
        p.put("mail.smtp.auth", Boolean.toString(auth));
        p.put("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
        p.put("mail.smtp.timeout", Long.toString(readTimeout.toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(readTimeout.toMillis()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(tls == TlsMode.STARTTLS));
        p.put("mail.smtp.starttls.required", Boolean.toString(tls == TlsMode.STARTTLS));
        p.put("mail.smtp.ssl.enable", Boolean.toString(tls == TlsMode.SMTPS));
        if (tls != TlsMode.NONE) {
            p.put("mail.smtp.ssl.checkserveridentity", "true");
            factory.ifPresent(f -> p.put("mail.smtp.ssl.socketFactory", f));
            // Angus Mail would otherwise retry a connection the given factory refused (a host name
            // the certificate does not carry) with the JVM's default one, and report that failure.
            p.put("mail.smtp.socketFactory.fallback", "false");
        }
        return p;
    }

    /**
     * The session, for building messages.
     *
     * @return the session
     */
    public Session session() {
        return session;
    }

    /**
     * Sends {@code message} to {@code to} over a new connection.
     *
     * @param message the message, complete
     * @param to      its one recipient
     * @param who     the recipient as the logs may name them (the customer, not the address)
     * @throws UndeliverableException if the server refused the recipient with a permanent (5xx)
     *                                reply that is not on policy or system grounds
     * @throws MailDeliveryException  for every other failure: the outbox retries it
     */
    public void send(MimeMessage message, InternetAddress to, String who) {
        Transport transport = null;
        try {
            message.saveChanges();
            transport = session.getTransport();
            if (user.isPresent()) {
                transport.connect(user.get(), password.orElse(""));
            } else {
                transport.connect();
            }
            transport.sendMessage(message, new Address[] {to});
        } catch (SendFailedException e) {
            Optional<String> reply = reply(e);
            if (contains(e.getInvalidAddresses(), to) && !policyOrSystem(reply)) {
                throw new UndeliverableException("The SMTP server " + where() + " refused the recipient " + who
                        + " for good: " + replies(e), e);
            }
            String hint = contains(e.getInvalidAddresses(), to)
                    ? " (a refusal on policy or system grounds, such as relaying denied: the configuration, not the"
                    + " address, may be at fault)" : "";
            throw new MailDeliveryException("The SMTP server " + where() + " did not take the message for " + who
                    + hint + ": " + replies(e), e);
        } catch (MessagingException e) {
            throw new MailDeliveryException("Sending the message for " + who + " through " + where() + " failed: "
                    + replies(e), e);
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    // The message was sent or its failure is already being reported; a failed QUIT
                    // changes neither.
                }
            }
        }
    }

    /**
     * Whether a refusal of the recipient is on policy, protocol or system grounds (enhanced status
     * {@code 5.7.x}, {@code 5.5.x} or {@code 5.3.x}, RFC 3463): relaying denied, authentication
     * required, a sender the server blocks. Those say more about this sender's configuration than
     * about the address, so they are retried rather than parked; so is a full mailbox
     * ({@code 5.2.2}), which may empty. Angus Mail counts every 5xx reply
     * to RCPT TO but 552 as an invalid address (501, 503, 550, 551, 553, …); 552 and every 4xx are
     * "valid, unsent", retried too.
     */
    static boolean policyOrSystem(Optional<String> reply) {
        return reply.map(r -> ENHANCED.matcher(r)).filter(Matcher::lookingAt)
                .map(m -> m.group(2)).filter(c -> c != null && (c.startsWith("5.7.") || c.startsWith("5.5.")
                        || c.startsWith("5.3.") || c.equals("5.2.2"))).isPresent();
    }

    /** The first server reply (a line starting with a three-digit code) in {@code e}'s chain. */
    private static Optional<String> reply(MessagingException e) {
        Exception next = e;
        for (int depth = 0; next != null && depth < 8; depth++) {
            if (next.getMessage() != null && ENHANCED.matcher(next.getMessage().strip()).lookingAt()) {
                return Optional.of(next.getMessage().strip());
            }
            next = next instanceof MessagingException me ? me.getNextException() : null;
        }
        return Optional.empty();
    }

    private String where() {
        return host + ":" + port + " (" + tls + ")";
    }

    private static boolean contains(Address[] addresses, InternetAddress to) {
        if (addresses == null) {
            return false;
        }
        for (Address a : addresses) {
            if (a instanceof InternetAddress ia && ia.getAddress().equalsIgnoreCase(to.getAddress())) {
                return true;
            }
        }
        return false;
    }

    /** The message of {@code e} and of every exception chained to it, which carry the server's replies. */
    static String replies(Exception e) {
        List<String> parts = new ArrayList<>();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 8; depth++) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (parts.isEmpty() || !parts.get(parts.size() - 1).equals(m)) {
                parts.add(m);
            }
            Throwable next = t instanceof MessagingException me && me.getNextException() != null ? me.getNextException()
                    : t.getCause();
            t = next == t ? null : next;
        }
        return String.join(" / ", parts).replaceAll("\\s+", " ");
    }
}
