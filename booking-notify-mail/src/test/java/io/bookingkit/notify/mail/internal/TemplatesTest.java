package io.bookingkit.notify.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.notify.Notification;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.mail.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/** The shipped templates, the lookup order and the small formatting pieces. */
class TemplatesTest {

    private static final Locale ES_AR = Locale.forLanguageTag("es-AR");
    private final Templates templates = new Templates(TemplatesTest.class.getClassLoader(), Optional.empty());

    @Test
    void every_kind_ships_in_english_and_argentine_spanish_and_is_valid() {
        templates.check(Locale.ENGLISH);
        templates.check(ES_AR);
        for (NotificationKind kind : NotificationKind.values()) {
            assertEquals(Templates.SHIPPED + "/" + Templates.fileName(kind) + "_en.properties",
                    templates.kind(kind, Locale.ENGLISH).source());
            assertEquals(Templates.SHIPPED + "/" + Templates.fileName(kind) + "_es_AR.properties",
                    templates.kind(kind, ES_AR).source());
        }
        assertEquals(Templates.SHIPPED + "/messages_es_AR.properties", templates.messages(ES_AR).source());
    }

    @Test
    void a_locale_is_looked_up_as_language_and_country_then_language_then_english() {
        assertEquals(List.of("es_AR", "es", "en"), Templates.candidates(ES_AR));
        assertEquals(List.of("fr_CA", "fr", "en"), Templates.candidates(Locale.CANADA_FRENCH));
        assertEquals(List.of("en_GB", "en"), Templates.candidates(Locale.UK));
        assertEquals(List.of("en"), Templates.candidates(Locale.ROOT));
        // Spain's Spanish has no file: English, not Argentina's.
        assertEquals(Templates.SHIPPED + "/confirmed_en.properties",
                templates.kind(NotificationKind.CONFIRMED, Locale.forLanguageTag("es-ES")).source());
        assertEquals("no-show", Templates.fileName(NotificationKind.NO_SHOW));
        assertEquals("waitlist-offer", Templates.fileName(NotificationKind.WAITLIST_OFFER));
    }

    @Test
    void every_shipped_template_of_every_kind_fills_every_placeholder() {
        for (Locale locale : List.of(Locale.ENGLISH, ES_AR)) {
            for (NotificationKind kind : NotificationKind.values()) {
                Composer.Composed c = new Composer(templates).compose(facts(kind, locale, Optional.of(ZoneId.of("Asia/Tokyo"))));
                for (String part : List.of(c.subject(), c.text(), c.html())) {
                    assertFalse(part.matches("(?s).*\\{[A-Za-z]+}.*"), kind + " " + locale + ": " + part);
                    assertFalse(part.contains("\n\n\n"), kind + " " + locale + ": " + part);
                }
                assertFalse(c.subject().isBlank());
                assertTrue(c.text().contains("Ana"), c.text());
                assertTrue(c.html().contains("Ana &amp; Co"), c.html());
                assertEquals(locale, c.locale());
            }
        }
    }

    @Test
    void durations_in_words() {
        Templates.Messages en = templates.messages(Locale.ENGLISH);
        Templates.Messages es = templates.messages(ES_AR);
        assertEquals("24 hours", DurationWords.of(Duration.ofHours(24), en));
        assertEquals("24 horas", DurationWords.of(Duration.ofHours(24), es));
        assertEquals("1 hour", DurationWords.of(Duration.ofHours(1), en));
        assertEquals("1 hora y 30 minutos", DurationWords.of(Duration.ofMinutes(90), es));
        assertEquals("1 hour and 30 minutes", DurationWords.of(Duration.ofMinutes(90), en));
        assertEquals("1 minute", DurationWords.of(Duration.ofMinutes(1), en));
        assertEquals("45 minutos", DurationWords.of(Duration.ofMinutes(45), es));
        assertEquals("2 days", DurationWords.of(Duration.ofDays(2), en));
        assertEquals("7 días", DurationWords.of(Duration.ofDays(7), es));
        assertEquals("36 hours", DurationWords.of(Duration.ofHours(36), en));
        assertEquals("2 minutes", DurationWords.of(Duration.ofSeconds(61), en), "rounded up, never longer than it is");
        assertEquals("0 minutes", DurationWords.of(Duration.ZERO, en));
    }

    @Test
    void message_ids_keep_what_rfc_5322_allows_and_encode_the_rest() {
        assertEquals("<shop.b-42%3ACONFIRMED%3Av2@bookingkit>", MessageIds.of("shop", "b-42:CONFIRMED:v2"));
        assertEquals("<shop.b-42%3AREMINDER%3Av1%3APT24H%3Aemail@bookingkit>",
                MessageIds.of("shop", "b-42:REMINDER:v1:PT24H:email"));
        assertEquals("<shop.a%2Eb%25c%20d%3C%3E%40%C3%B1!#$&'*+-/=?^_`{|}~@bookingkit>",
                MessageIds.of("shop", "a.b%c d<>@ñ!#$&'*+-/=?^_`{|}~"));
        assertEquals("<shop.-@bookingkit>", MessageIds.of("shop", ""));
        // The same booking id in two tenants, and a dot in either part, give ids of their own.
        assertEquals(4, java.util.Set.of(MessageIds.of("a", "k"), MessageIds.of("b", "k"), MessageIds.of("a.b", "k"),
                MessageIds.of("a", "b.k")).size());
    }

    @Test
    void link_values_are_percent_encoded_as_path_segments() {
        assertEquals("a%2Fb%20c%3F%26%C3%B1-_.~", LinkPattern.encode("a/b c?&ñ-_.~"));
        assertEquals("https://shop.example/t%20x/bookings/b%2F1",
                LinkPattern.of("https://shop.example/{tenant}/bookings/{bookingId}")
                        .render(java.util.Map.of("tenant", "t x", "bookingId", "b/1", "customer", "c")));
    }

    @Test
    void blank_lines_left_by_empty_lines_are_taken_out() {
        assertEquals("a\n\nb\n", Composer.tidy("\n\na\n\n\n   \n\nb\n\n"));
    }

    private static Facts facts(NotificationKind kind, Locale locale, Optional<ZoneId> customerZone) {
        Instant start = Instant.parse("2026-03-04T09:00:00Z");
        Booking booking = Booking.builder().id("b-1").tenantId("t").resourceIds(List.of("r")).customerId("ana")
                .templateName("cut").interval(Interval.of(start, Duration.ofMinutes(30)))
                .occupied(Interval.of(start, Duration.ofMinutes(30))).status(BookingStatus.CONFIRMED).locale(locale)
                .createdAt(start.minusSeconds(3600)).updatedAt(start.minusSeconds(3600))
                .expiresAt(Optional.of(start.minusSeconds(600))).build();
        Notification n = new Notification(kind, "ana", Optional.empty(), locale, booking, "b-1:" + kind + ":v0",
                Optional.empty());
        Recipient ana = new Recipient("ana@example.com", "Ana & Co", customerZone);
        return new Facts(n, ana, List.of("Room <1>"), ZoneId.of("Europe/Madrid"), Optional.of(Duration.ofHours(24)),
                Optional.of("https://shop.example/b/b-1"), "Shop");
    }
}
