package io.bookingkit.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.MutableClock;

/**
 * SMTPS against GreenMail with a certificate made for 127.0.0.1 (by the JDK's keytool, at test
 * time): delivered when the client trusts it and names the host it was made for; refused, and so
 * retried, when the name does not match or the JVM does not trust it; and STARTTLS required of a
 * server that does not offer it.
 */
class TlsTest {

    private static final String PASSWORD = "changeit";
    @TempDir
    static Path dir;
    private static GreenMail smtps;
    private static SSLSocketFactory trusting;

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
    private final InMemoryBookingStore store = new InMemoryBookingStore();
    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("smtp.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, keytool.exitValue(), output);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("smtp", keys.getCertificate("smtp"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        trusting = context.getSocketFactory();

        // GreenMail's TLS server reads its key from these, once per JVM.
        System.setProperty("greenmail.tls.keystore.file", keystore.toString());
        System.setProperty("greenmail.tls.keystore.password", PASSWORD);
        smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        smtps.start();
    }

    @AfterAll
    static void stop() {
        smtps.stop();
        System.clearProperty("greenmail.tls.keystore.file");
        System.clearProperty("greenmail.tls.keystore.password");
    }

    private BookingEngine engine(MailNotifier.Builder mail) {
        TemplateCatalog catalog = TemplateCatalog.of(ServiceTemplate.builder("consultation")
                .duration(Duration.ofMinutes(30)).build());
        MailNotifier notifier = mail.sender("bookings@clinic.example").connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5)).recipients((t, c) -> Optional.of(Recipient.of("ana@example.com")))
                .store(store).templates(catalog).clock(clock).build();
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(catalog)
                .notifications(n -> {
                    try {
                        notifier.send(n);
                    } catch (RuntimeException e) {
                        failures.add(e);
                        throw e;
                    }
                }).build();
        engine.resources().register(Resource.of("clinic", "dr", "Dr. Ruiz", OpeningHours.parse("Mo-Fr 08:00-18:00",
                ZoneId.of("Europe/Madrid"))));
        return engine;
    }

    private void book(BookingEngine engine) {
        engine.book(BookingRequest.builder().template("consultation").resource("dr")
                .start(Instant.parse("2026-03-04T09:00:00Z")).build(), Actor.customer("clinic", "ana"));
    }

    private String onlyFailure() {
        assertEquals(1, failures.size(), failures.toString());
        assertInstanceOf(MailDeliveryException.class, failures.get(0), "retried, not parked");
        assertEquals(0, store.outbox().parkedMessages("clinic").size());
        return failures.get(0).getMessage();
    }

    @Test
    void smtps_to_the_host_the_certificate_names_is_delivered() throws Exception {
        int before = smtps.getReceivedMessages().length;
        book(engine(MailNotifier.builder().host("127.0.0.1").port(smtps.getSmtps().getPort()).tls(TlsMode.SMTPS)
                .sslSocketFactory(trusting)));
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(smtps.waitForIncomingEmail(10_000, before + 1));
        assertEquals("Booking confirmed: Wednesday, March 4, 2026, 10:00 AM",
                smtps.getReceivedMessages()[before].getSubject());
    }

    @Test
    void smtps_to_a_name_the_certificate_does_not_carry_is_refused_and_retried() {
        // "localhost" is this machine too, but the certificate names only 127.0.0.1.
        book(engine(MailNotifier.builder().host("localhost").port(smtps.getSmtps().getPort()).tls(TlsMode.SMTPS)
                .sslSocketFactory(trusting)));
        String message = onlyFailure();
        assertTrue(message.contains("localhost:" + smtps.getSmtps().getPort() + " (SMTPS)"), message);
        assertTrue(message.contains("No name matching localhost found"), message);
    }

    @Test
    void smtps_to_a_server_the_jvm_does_not_trust_is_refused_and_retried() {
        book(engine(MailNotifier.builder().host("127.0.0.1").port(smtps.getSmtps().getPort()).tls(TlsMode.SMTPS)));
        String message = onlyFailure();
        assertTrue(message.contains("PKIX") || message.contains("certification path"), message);
    }

    @Test
    void starttls_required_of_a_server_without_it_sends_nothing_in_clear() {
        GreenMail plain = Mails.smtp(0);
        try {
            book(engine(MailNotifier.builder().host("127.0.0.1").port(plain.getSmtp().getPort()).tls(TlsMode.STARTTLS)
                    .sslSocketFactory(trusting)));
            String message = onlyFailure();
            assertTrue(message.contains("STARTTLS"), message);
            assertEquals(0, plain.getReceivedMessages().length);
        } finally {
            plain.stop();
        }
    }
}
