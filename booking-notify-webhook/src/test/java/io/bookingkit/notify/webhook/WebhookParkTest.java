package io.bookingkit.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.notify.UndeliverableException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A receiver that refuses a notification for good (a 4xx other than 408 and 429, or a redirect)
 * has it parked at the first attempt; the booking stays committed.
 */
class WebhookParkTest {

    private static final String SECRET = "park-secret";

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = Receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {400, 401, 403, 404, 410, 422})
    void a_refusal_parks_the_message_at_once_and_the_booking_stays_committed(int status) {
        receiver.otherwise(status);
        Recording port = new Recording(WebhookNotifier.builder().url(receiver.url()).secret(SECRET).build());
        Shop shop = new Shop(port);

        Booking cut = shop.bookCut();

        List<OutboxMessage> parked = shop.parked();
        assertEquals(1, parked.size(), status + " parks at the first attempt");
        assertEquals(NotificationKind.CONFIRMED, parked.get(0).kind());
        assertEquals(cut.id(), parked.get(0).bookingId());
        assertEquals(1, parked.get(0).attempts());
        assertEquals(BookingStatus.CONFIRMED, shop.stored(cut.id()).status(), "the booking stays committed");
        UndeliverableException refused = assertInstanceOf(UndeliverableException.class, port.last());
        assertTrue(refused.getMessage().contains(receiver.url() + ": answered " + status + ": \"status " + status + "\""),
                refused.getMessage());

        shop.clock.add(Duration.ofMinutes(30));
        assertEquals(0, shop.engine.dispatchNotifications(), "a parked message is never tried again");
        assertEquals(1, receiver.received().size());
        assertEquals(1, shop.parked().size());
    }

    @Test
    void a_redirect_is_not_followed_and_parks() {
        receiver.otherwise(301);
        Recording port = new Recording(WebhookNotifier.builder().url(receiver.url()).secret(SECRET).build());
        Shop shop = new Shop(port);

        shop.bookCut();

        assertEquals(1, shop.parked().size());
        assertEquals(1, receiver.received().size(), "the Location (another host) is never asked");
        String message = port.last().getMessage();
        assertTrue(message.contains("answered 301, a redirect to https://elsewhere.example/hook"), message);
        assertTrue(message.contains("configure the final URL"), message);
    }

    @Test
    void a_refusal_beside_a_delivery_parks_at_once_and_the_other_url_has_it_once() throws Exception {
        try (Receiver gone = Receiver.start()) {
            gone.otherwise(404);
            Recording port = new Recording(WebhookNotifier.builder().secret(SECRET)
                    .url(receiver.url()).url(gone.url()).build());
            Shop shop = new Shop(port);

            shop.bookCut();
            shop.clock.add(Duration.ofMinutes(30));
            shop.engine.dispatchNotifications();

            assertEquals(1, shop.parked().size());
            assertEquals(1, receiver.received().size());
            assertEquals(1, gone.received().size());
            assertInstanceOf(UndeliverableException.class, port.last());
        }
    }
}
