package io.bookingkit.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every setting refuses a bad value with a message that names it. */
class MailNotifierBuilderTest {

    private static final TemplateCatalog CATALOG = TemplateCatalog.of(ServiceTemplate.builder("cut")
            .duration(Duration.ofMinutes(30)).build());

    private static MailNotifier.Builder valid() {
        return MailNotifier.builder().host("smtp.example.com").sender("bookings@shop.example")
                .recipients((tenant, customer) -> Optional.empty()).store(new InMemoryBookingStore()).templates(CATALOG);
    }

    /** The message of the InvalidRequestException that {@code setting} throws. */
    private static String refusal(Consumer<MailNotifier.Builder> setting) {
        MailNotifier.Builder builder = valid();
        return assertThrows(InvalidRequestException.class, () -> setting.accept(builder)).getMessage();
    }

    private static void refuses(String expected, Consumer<MailNotifier.Builder> setting) {
        String message = refusal(setting);
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
    }

    @Test
    void a_valid_configuration_builds_and_shows_no_password() {
        MailNotifier mail = valid().tls(TlsMode.SMTPS).credentials("bookings", "s3cret").replyTo("desk@shop.example")
                .linkPattern("https://shop.example/bookings/{bookingId}?c={customer}&t={tenant}")
                .connectTimeout(Duration.ofSeconds(3)).readTimeout(Duration.ofMinutes(5)).build();
        assertEquals("MailNotifier[smtp.example.com:465 SMTPS, from bookings@shop.example]", mail.toString());
        assertFalse(mail.toString().contains("s3cret"));
        assertEquals("MailNotifier[smtp.example.com:587 STARTTLS, from bookings@shop.example]", valid().build().toString());
        assertEquals("MailNotifier[::1:25 NONE, from bookings@shop.example]",
                valid().host("[::1]").tls(TlsMode.NONE).credentials("local", "pw").build().toString());
        assertEquals(10, MailNotifier.DEFAULT_CONNECT_TIMEOUT.toSeconds());
        assertEquals(30, MailNotifier.DEFAULT_READ_TIMEOUT.toSeconds());
    }

    @Test
    void hosts_and_ports() {
        refuses("host must be a host name or an IP address, but was blank", b -> b.host(" "));
        refuses("host 'smtp example.com' is not a host name or an IP address", b -> b.host("smtp example.com"));
        refuses("host 'smtp_relay!' is not", b -> b.host("smtp_relay!"));
        refuses("host 'mail.example.com:25' is not", b -> b.host("mail.example.com:25"));
        refuses("port must be 1 to 65535, but was 0", b -> b.port(0));
        refuses("port must be 1 to 65535, but was 70000", b -> b.port(70000));
        assertEquals("host must not be null",
                assertThrows(NullPointerException.class, () -> valid().host(null)).getMessage());
        assertEquals("tls must not be null",
                assertThrows(NullPointerException.class, () -> valid().tls(null)).getMessage());
    }

    @Test
    void addresses_and_names() {
        refuses("sender 'not-an-address' is not a valid e-mail address", b -> b.sender("not-an-address"));
        refuses("sender must be an e-mail address, but was blank", b -> b.sender(""));
        refuses("sender 'Shop <bookings@shop.example>' must be a plain address",
                b -> b.sender("Shop <bookings@shop.example>"));
        refuses("sender 'a@shop.example, b@shop.example' must be one e-mail address, but names 2",
                b -> b.sender("a@shop.example, b@shop.example"));
        refuses("sender name 'Shop\\u000aBcc: everyone@example.com' must not contain control characters",
                b -> b.sender("bookings@shop.example", "Shop\nBcc: everyone@example.com"));
        refuses("replyTo 'desk@' is not a valid e-mail address", b -> b.replyTo("desk@"));
        refuses("replyTo 'dësk@shop.example' must be local@domain in ASCII", b -> b.replyTo("dësk@shop.example"));
        assertTrue(assertThrows(InvalidRequestException.class, () -> Recipient.of("ana@@example.com", "Ana"))
                .getMessage().startsWith("address 'ana@@example.com' is not a valid e-mail address: "));
        assertThrows(NullPointerException.class, () -> Recipient.of("ana@example.com", null));
        assertEquals("ana@example.com", Recipient.of("ana@example.com", " ").displayName());
    }

    @Test
    void timeouts() {
        refuses("connectTimeout must be from 1 ms to 5 minutes, but was PT0S", b -> b.connectTimeout(Duration.ZERO));
        refuses("connectTimeout must be from 1 ms to 5 minutes, but was PT-1S",
                b -> b.connectTimeout(Duration.ofSeconds(-1)));
        refuses("readTimeout must be from 1 ms to 5 minutes, but was PT6M", b -> b.readTimeout(Duration.ofMinutes(6)));
        refuses("readTimeout must be from 1 ms to 5 minutes, but was PT0.0000001S",
                b -> b.readTimeout(Duration.ofNanos(100)));
    }

    @Test
    void link_patterns() {
        refuses("linkPattern 'https://shop.example/b/{bookingID}' uses the unknown placeholder {bookingID};"
                + " known: [bookingId, customer, tenant]", b -> b.linkPattern("https://shop.example/b/{bookingID}"));
        refuses("linkPattern '/bookings/{bookingId}' must give an absolute http or https URL",
                b -> b.linkPattern("/bookings/{bookingId}"));
        refuses("linkPattern 'ftp://shop.example/{bookingId}' must give an absolute http or https URL",
                b -> b.linkPattern("ftp://shop.example/{bookingId}"));
        refuses("linkPattern 'https://shop example/{bookingId}' does not give a valid URL",
                b -> b.linkPattern("https://shop example/{bookingId}"));
    }

    @Test
    void credentials_channels_and_template_locations() {
        refuses("credentials: user must not be blank", b -> b.credentials(" ", "pw"));
        refuses("credentials: the password of user 'bookings' must not be empty", b -> b.credentials("bookings", ""));
        refuses("credentials for user 'bookings' need TLS: tls NONE would send the password to smtp.example.com in clear",
                b -> b.tls(TlsMode.NONE).credentials("bookings", "pw").build());
        refuses("channels must name at least one channel", b -> b.channels());
        refuses("templateLocation '../secrets' must be a class path folder", b -> b.templateLocation("../secrets"));
        refuses("templateLocation 'mail templates' must be a class path folder", b -> b.templateLocation("mail templates"));
    }

    @Test
    void missing_settings_are_named_together() {
        assertEquals("MailNotifier needs host, sender, recipients, store, templates",
                assertThrows(InvalidRequestException.class, () -> MailNotifier.builder().build()).getMessage());
        assertEquals("MailNotifier needs recipients", assertThrows(InvalidRequestException.class,
                () -> MailNotifier.builder().host("h.example").sender("a@h.example").store(new InMemoryBookingStore())
                        .templates(CATALOG).build()).getMessage());
    }

    @Test
    void a_bad_template_file_of_a_catalog_locale_fails_the_build_naming_the_file_and_every_problem() {
        TemplateCatalog german = TemplateCatalog.of(ServiceTemplate.builder("schnitt").duration(Duration.ofMinutes(30))
                .locale(Locale.GERMAN).build());
        Executable build = () -> valid().templates(german).templateLocation("bad-templates").build();
        String message = assertThrows(InvalidRequestException.class, build).getMessage();
        assertEquals("Mail template bad-templates/cancelled_de.properties is not valid: text is missing;"
                + " body is not a key of this file (expected [html, subject, text]);"
                + " subject uses the unknown placeholder {kunde} (known: [bookingId, customer, customerDate,"
                + " customerEnd, customerEndTime, customerStart, customerStartTime, customerWhen, customerZone, cutoff,"
                + " date, end, endTime, expires, link, partySize, resources, sender, start, startTime, template, when,"
                + " zone])", message);
        // The same file is not read for a catalog in other languages.
        valid().templateLocation("bad-templates").build();
    }
}
