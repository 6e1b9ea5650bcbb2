package io.bookingkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.testsupport.RaceHarness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The race that the shared unit's lock is for, on PostgreSQL. The exclusion constraint does not
 * cover forced bookings, so a shared unit checks for them itself, after its lock: an
 * administrator's forced booking and a customer's booking of an overlapping time race on each of
 * 16 one-seat chairs, across two application nodes. Either the customer's unit ran first (and the
 * forced booking was made over it), or it ran after and is refused. A customer's booking that
 * overlaps a forced booking made before it slipped past the check. The engines' clock ticks on
 * every reading, so the bookings' creation times give the order in which their units held the
 * lock.
 *
 * <p>The negative control runs the same race with shared units that read the resource row without
 * locking it, and must find such a booking.
 */
class SharedUnitRaceTest {

    private static final String TENANT = "forced-race";
    private static final int CHAIRS = 16;
    private static final Instant NOW = Instant.parse("2027-06-01T06:00:00Z");
    private static final OpeningHours ALWAYS = OpeningHours.parse("Mo-Su 00:00-24:00", ZoneId.of("Europe/Vienna"));
    private static final ServiceTemplate HOUR = ServiceTemplate.builder("hour").duration(Duration.ofHours(1)).build();

    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void aCustomerBookingNeverSlipsInAfterAForcedOne() throws Exception {
        JdbcBookingStore[] nodes = nodes(false);
        Outcome total = new Outcome();
        for (int round = 0; round < 3; round++) {
            total.add(race(nodes, round));
        }

        assertEquals(List.of(), total.slipped, "customer bookings made after a forced booking they overlap");
        assertEquals(List.of(), total.unexpected, "every customer is booked or refused, every forced booking made");
        assertEquals(3 * CHAIRS, total.forced, "each forced booking overrides the booking it was made over");
        assertEquals(List.of(), OverbookingQuery.overbooked(pools.get(0)), "unforced bookings never overlap");
        assertTrue(total.booked > 0 && total.refused > 0, "the customers must win some races and lose others: "
                + total.booked + " booked, " + total.refused + " refused");
    }

    @Test
    void withoutTheSharedLockACustomerBookingSlipsInAfterAForcedOne() throws Exception {
        JdbcBookingStore[] nodes = nodes(true);
        Outcome total = new Outcome();
        for (int round = 0; round < 10 && total.slipped.isEmpty(); round++) {
            total.add(race(nodes, round));
        }

        assertFalse(total.slipped.isEmpty(), "ten races without the shared lock let no customer booking slip past a "
                + "forced one; the race is too weak to prove anything");
    }

    private JdbcBookingStore[] nodes(boolean withoutSharedLock) {
        HikariDataSource a = TestDatabases.freshPool(TestDatabases.Kind.POSTGRES, CHAIRS);
        HikariDataSource b = TestDatabases.pool(TestDatabases.Kind.POSTGRES, CHAIRS);
        pools.add(a);
        pools.add(b);
        JdbcBookingStore.Config.Builder first = JdbcBookingStore.builder(a);
        JdbcBookingStore.Config.Builder second = JdbcBookingStore.builder(b);
        if (withoutSharedLock) {
            first.withoutSharedLockForTesting();
            second.withoutSharedLockForTesting();
        }
        JdbcBookingStore[] nodes = {first.build(), second.build()};
        for (int chair = 0; chair < CHAIRS; chair++) {
            nodes[0].saveResource(new Resource(TENANT, "chair-" + chair, "Chair " + chair, ALWAYS, 1));
        }
        return nodes;
    }

    /**
     * On each chair, on the round's own day: a booking from 10:00 to 11:00, then at once an
     * administrator forcing 10:30 to 11:30 over it and a customer asking for 11:00 to 12:00.
     */
    private static Outcome race(BookingStore[] nodes, int round) throws InterruptedException {
        Clock ticking = new TickingClock(NOW.plus(Duration.ofMinutes(round)));
        BookingEngine[] engines = {engine(nodes[0], ticking), engine(nodes[1], ticking)};
        Instant ten = NOW.plus(Duration.ofDays(1 + round)).plus(Duration.ofHours(4));
        for (int chair = 0; chair < CHAIRS; chair++) {
            engines[0].book(request(chair, ten).build(), Actor.customer(TENANT, "first-" + round + "-" + chair));
        }
        List<Object> outcomes = RaceHarness.race(2 * CHAIRS, i -> {
            int chair = i / 2;
            BookingEngine engine = engines[(i + chair) % 2];
            if (i % 2 == 0) {
                return engine.book(request(chair, ten.plus(Duration.ofMinutes(30))).customer("walk-in-" + chair)
                        .forceOverlap("the owner's friend").build(), Actor.admin(TENANT, "owner"));
            }
            return engine.book(request(chair, ten.plus(Duration.ofHours(1))).build(),
                    Actor.customer(TENANT, "late-" + round + "-" + chair));
        });
        Outcome outcome = new Outcome();
        for (int chair = 0; chair < CHAIRS; chair++) {
            Object forced = outcomes.get(2 * chair);
            Object customer = outcomes.get(2 * chair + 1);
            if (!(forced instanceof Booking f)) {
                outcome.unexpected.add("forced on chair " + chair + ": " + forced);
                continue;
            }
            if (f.forced()) {
                outcome.forced++;
            }
            if (customer instanceof Booking c) {
                outcome.booked++;
                if (f.createdAt().isBefore(c.createdAt())) {
                    outcome.slipped.add("chair " + chair + ": " + c.id() + " at " + c.createdAt() + " after forced "
                            + f.id() + " at " + f.createdAt());
                }
            } else if (customer instanceof SlotUnavailableException) {
                outcome.refused++;
            } else {
                outcome.unexpected.add("customer on chair " + chair + ": " + customer);
            }
        }
        return outcome;
    }

    private static BookingRequest.Builder request(int chair, Instant start) {
        return BookingRequest.builder().template(HOUR.name()).resource("chair-" + chair).start(start);
    }

    private static BookingEngine engine(BookingStore store, Clock clock) {
        return BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(HOUR)).build();
    }

    private static final class Outcome {
        final List<String> slipped = new ArrayList<>();
        final List<String> unexpected = new ArrayList<>();
        int forced;
        int booked;
        int refused;

        void add(Outcome round) {
            slipped.addAll(round.slipped);
            unexpected.addAll(round.unexpected);
            forced += round.forced;
            booked += round.booked;
            refused += round.refused;
        }
    }

    /** A clock a millisecond later at every reading, so that readings order the units that took them. */
    private static final class TickingClock extends Clock {
        private final AtomicLong millis;

        TickingClock(Instant start) {
            this.millis = new AtomicLong(start.toEpochMilli());
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.incrementAndGet());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a test clock in UTC");
        }
    }
}
