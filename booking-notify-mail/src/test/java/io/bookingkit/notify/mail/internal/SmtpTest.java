package io.bookingkit.notify.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.notify.mail.TlsMode;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** The Jakarta Mail properties of each TLS mode, and which refusals are the address's fault. */
class SmtpTest {

    private static Properties of(TlsMode tls, Optional<SSLSocketFactory> factory) {
        return Smtp.properties("smtp.example.com", 2525, tls, true, factory, "bookings@shop.example",
                Duration.ofSeconds(3), Duration.ofSeconds(20));
    }

    @Test
    void every_mode_sets_its_host_port_timeouts_and_envelope_sender() {
        for (TlsMode tls : TlsMode.values()) {
            Properties p = of(tls, Optional.empty());
            assertEquals("smtp", p.get("mail.transport.protocol"));
            assertEquals("smtp.example.com", p.get("mail.smtp.host"));
            assertEquals("2525", p.get("mail.smtp.port"));
            assertEquals("bookings@shop.example", p.get("mail.smtp.from"));
            assertEquals("true", p.get("mail.smtp.auth"));
            assertEquals("3000", p.get("mail.smtp.connectiontimeout"));
            assertEquals("20000", p.get("mail.smtp.timeout"));
            assertEquals("20000", p.get("mail.smtp.writetimeout"));
        }
    }

    @Test
    void starttls_is_required_smtps_is_tls_from_the_start_and_both_check_the_servers_name() {
        SSLSocketFactory factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
        Properties none = of(TlsMode.NONE, Optional.of(factory));
        assertEquals("false", none.get("mail.smtp.starttls.enable"));
        assertEquals("false", none.get("mail.smtp.ssl.enable"));
        assertNull(none.get("mail.smtp.ssl.checkserveridentity"));
        assertNull(none.get("mail.smtp.ssl.socketFactory"), "no TLS, no TLS sockets");

        Properties starttls = of(TlsMode.STARTTLS, Optional.of(factory));
        assertEquals("true", starttls.get("mail.smtp.starttls.enable"));
        assertEquals("true", starttls.get("mail.smtp.starttls.required"));
        assertEquals("false", starttls.get("mail.smtp.ssl.enable"));
        assertEquals("true", starttls.get("mail.smtp.ssl.checkserveridentity"));
        assertSame(factory, starttls.get("mail.smtp.ssl.socketFactory"));
        assertEquals("false", starttls.get("mail.smtp.socketFactory.fallback"));

        Properties smtps = of(TlsMode.SMTPS, Optional.empty());
        assertEquals("true", smtps.get("mail.smtp.ssl.enable"));
        assertEquals("false", smtps.get("mail.smtp.starttls.enable"));
        assertEquals("true", smtps.get("mail.smtp.ssl.checkserveridentity"));
        assertEquals(465, TlsMode.SMTPS.defaultPort());
        assertEquals(587, TlsMode.STARTTLS.defaultPort());
        assertEquals(25, TlsMode.NONE.defaultPort());
    }

    @Test
    void policy_protocol_and_system_refusals_are_not_the_addresses_fault() {
        assertFalse(Smtp.policyOrSystem(Optional.of("550 5.1.1 <ghost@example.com>: no such user")));
        assertFalse(Smtp.policyOrSystem(Optional.of("550 no such user here")));
        assertFalse(Smtp.policyOrSystem(Optional.of("553 5.1.3 bad recipient address syntax")));
        assertFalse(Smtp.policyOrSystem(Optional.of("550 5.2.1 mailbox disabled")));
        assertTrue(Smtp.policyOrSystem(Optional.of("550 5.2.2 mailbox full")), "a full mailbox may empty");
        assertFalse(Smtp.policyOrSystem(Optional.empty()));
        assertTrue(Smtp.policyOrSystem(Optional.of("550 5.7.1 Relaying denied")));
        assertTrue(Smtp.policyOrSystem(Optional.of("554 5.7.1 <ana@example.com>: Relay access denied")));
        assertTrue(Smtp.policyOrSystem(Optional.of("503 5.5.1 Error: need MAIL command")));
        assertTrue(Smtp.policyOrSystem(Optional.of("552-5.3.4 Message size exceeds fixed limit")));
    }
}
