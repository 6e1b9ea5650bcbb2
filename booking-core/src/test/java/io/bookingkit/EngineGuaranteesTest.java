package io.bookingkit;

import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.policy.BookingRule;
import io.bookingkit.policy.BookingRules;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.TemplateCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/** Guarantees that no configuration or interleaving may weaken. */
class EngineGuaranteesTest {

    private static final ZoneId BUENOS_AIRES = ZoneId.of("America/Argentina/Buenos_Aires");
    private static final String TENANT = "salon";
    private static final Instant NOW = LocalDateTime.parse("2031-03-10T09:00").atZone(BUENOS_AIRES).toInstant();
    private static final Instant WEDNESDAY_TEN = LocalDateTime.parse("2031-03-12T10:00").atZone(BUENOS_AIRES).toInstant();

    private final InMemoryBookingStore store = new InMemoryBookingStore();

    private BookingEngine engine(UnaryOperator<BookingEngine.Builder> settings) {
        BookingEngine engine = settings.apply(BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .templates(TemplateCatalog.verticals())).build();
        for (String chair : List.of("chair-1", "chair-2")) {
            engine.resources().register(Resource.of(TENANT, chair, chair, OpeningHours.parse("Mo-Sa 09:00-19:00", BUENOS_AIRES)));
        }
        return engine;
    }

    private static BookingRequest cut(String chair, Instant start) {
        return BookingRequest.builder().template("barber").resource(chair).start(start).build();
    }

    @Test
    void replacingTheRulesKeepsTheConflictCheck() {
        BookingEngine engine = engine(b -> b.rules(List.of(BookingRules.notInPast(), BookingRules.openingHours())));
        engine.book(cut("chair-1", WEDNESDAY_TEN), Actor.customer(TENANT, "ana"));
        assertThrows(SlotUnavailableException.class, () -> engine.book(cut("chair-1", WEDNESDAY_TEN),
                Actor.customer(TENANT, "ben")));
    }

    @Test
    void twoBookingsExpiringTheSameHoldOnDifferentResourcesBothSucceed() throws Exception {
        MutableClock clock = MutableClock.of(NOW, ZoneOffset.UTC);
        CyclicBarrier bothInside = new CyclicBarrier(2);
        AtomicBoolean racing = new AtomicBoolean(false);
        // Runs inside each unit of work, after the reads: both units see the expired hold.
        BookingRule rendezvous = (check, report) -> {
            if (racing.get()) {
                try {
                    bothInside.await(5, TimeUnit.SECONDS);
                } catch (Exception timedOut) {
                    // A lone unit goes on; the race is then merely weaker.
                }
            }
        };
        BookingEngine engine = engine(b -> b.clock(clock).rule(rendezvous));
        Booking hold = engine.hold(BookingRequest.builder().template("barber").allOf("chair-1", "chair-2")
                .start(WEDNESDAY_TEN).build(), Actor.customer(TENANT, "ana"));
        clock.setInstant(NOW.plusSeconds(24 * 3600));
        racing.set(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Booking> ben = pool.submit(() -> engine.book(cut("chair-1", WEDNESDAY_TEN), Actor.customer(TENANT, "ben")));
            Future<Booking> carla = pool.submit(() -> engine.book(cut("chair-2", WEDNESDAY_TEN),
                    Actor.customer(TENANT, "carla")));
            assertEquals(BookingStatus.CONFIRMED, ben.get(10, TimeUnit.SECONDS).status());
            assertEquals(BookingStatus.CONFIRMED, carla.get(10, TimeUnit.SECONDS).status());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(BookingStatus.EXPIRED, store.reads(TENANT).findBooking(hold.id()).orElseThrow().status());
    }

    @Test
    void oneCustomerRacingForTwoChairsStillGetsOneCutADay() throws Exception {
        CyclicBarrier bothTried = new CyclicBarrier(2);
        // Runs inside each unit after its reads; with the customer lock the second unit only
        // reads once the first has committed, so the barrier merely times out for the first.
        BookingRule rendezvous = (check, report) -> {
            try {
                bothTried.await(1, TimeUnit.SECONDS);
            } catch (Exception timedOut) {
                // Expected when the units take turns.
            }
        };
        BookingEngine engine = engine(b -> b.rule(rendezvous));
        Actor ana = Actor.customer(TENANT, "ana");
        Instant wednesdayThree = WEDNESDAY_TEN.plusSeconds(5 * 3600);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int made = 0;
        int refused = 0;
        try {
            List<Future<Booking>> requests = List.of(
                    pool.submit(() -> engine.book(cut("chair-1", WEDNESDAY_TEN), ana)),
                    pool.submit(() -> engine.book(cut("chair-2", wednesdayThree), ana)));
            for (Future<Booking> request : requests) {
                try {
                    request.get(20, TimeUnit.SECONDS);
                    made++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertEquals(PolicyViolationException.class, e.getCause().getClass(), String.valueOf(e.getCause()));
                    refused++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, made, "the barber template allows one cut per customer per day");
        assertEquals(1, refused);
    }
}
