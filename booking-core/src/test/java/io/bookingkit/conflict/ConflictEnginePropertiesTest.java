package io.bookingkit.conflict;

import static io.bookingkit.time.SeededProperties.theory;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.time.SeededProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;
import org.threeten.extra.Interval;

/**
 * {@link ConflictEngine} against a brute-force model on a minute grid: for any bookings (on this
 * resource or another, blocking or not, expired holds included), any proposal, party, capacity
 * and set of ignored bookings, {@code fits}, {@code freeSeats} and {@code conflicts} agree with
 * counting the seats in use minute by minute.
 */
@ExtendWith(SeededProperties.class)
class ConflictEnginePropertiesTest {

    private static final Instant T0 = Instant.parse("2031-03-12T08:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofMinutes(30));
    private static final String R = "r";

    /** One random situation: the bookings, a proposal and what to ignore. */
    record Case(List<Booking> bookings, int proposalStart, int proposalLength, int party, int capacity,
                Set<String> ignored) {
        Interval proposal() {
            return Interval.of(T0.plus(Duration.ofMinutes(proposalStart)), Duration.ofMinutes(proposalLength));
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("proposal " + proposal() + " party " + party + " capacity "
                    + capacity + " ignoring " + ignored);
            bookings.forEach(b -> text.append("\n  ").append(b.id()).append(' ').append(b.resourceIds()).append(' ')
                    .append(b.occupied()).append(" x").append(b.partySize()).append(' ').append(b.status())
                    .append(b.expiresAt().map(e -> " until " + e).orElse("")));
            return text.toString();
        }
    }

    private static int between(RandomnessSource in, int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    private static Gen<Case> cases() {
        Gen<Case> gen = in -> {
            List<Booking> bookings = new ArrayList<>();
            int count = between(in, 0, 7);
            for (int i = 0; i < count; i++) {
                int start = between(in, 0, 100);
                int length = between(in, 1, 40);
                BookingStatus status = List.of(BookingStatus.CONFIRMED, BookingStatus.CONFIRMED, BookingStatus.HELD,
                        BookingStatus.PENDING, BookingStatus.CANCELLED, BookingStatus.COMPLETED).get(between(in, 0, 5));
                Optional<Instant> expiry = status == BookingStatus.HELD || status == BookingStatus.PENDING
                        ? Optional.of(T0.plus(Duration.ofMinutes(between(in, 0, 60)))) : Optional.empty();
                List<String> resources = switch (between(in, 0, 5)) {
                    case 0 -> List.of("other");
                    case 1 -> List.of("other", R);
                    default -> List.of(R);
                };
                Interval time = Interval.of(T0.plus(Duration.ofMinutes(start)), Duration.ofMinutes(length));
                bookings.add(Booking.builder().id("b" + i).tenantId("t").resourceIds(resources).customerId("c")
                        .templateName("x").interval(time).partySize(between(in, 1, 3)).status(status)
                        .createdAt(T0).expiresAt(expiry).build());
            }
            Set<String> ignored = new HashSet<>();
            for (Booking b : bookings) {
                if (between(in, 0, 3) == 0) {
                    ignored.add(b.id());
                }
            }
            return new Case(bookings, between(in, 0, 120), between(in, 1, 45), between(in, 1, 4), between(in, 1, 3),
                    Set.copyOf(ignored));
        };
        return gen.describedAs(Case::toString);
    }

    /** The most seats in use at any minute of the proposal, counted the slow way. */
    private static int peak(Case c) {
        int peak = 0;
        for (int minute = c.proposalStart(); minute < c.proposalStart() + c.proposalLength(); minute++) {
            Interval cell = Interval.of(T0.plus(Duration.ofMinutes(minute)), Duration.ofMinutes(1));
            int used = 0;
            for (Booking b : c.bookings()) {
                boolean blocking = b.status().blocksTime() && b.expiresAt().map(NOW::isBefore).orElse(true);
                if (blocking && b.resourceIds().contains(R) && !c.ignored().contains(b.id()) && b.occupied().overlaps(cell)) {
                    used += b.partySize();
                }
            }
            peak = Math.max(peak, used);
        }
        return peak;
    }

    @Test
    void fitsFreeSeatsAndConflictsAgreeWithCountingMinuteByMinute() {
        theory().forAll(cases()).checkAssert(c -> {
            ConflictEngine engine = ConflictEngine.of(R, c.bookings(), NOW);
            Interval occupied = c.proposal();
            int free = c.capacity() - peak(c);
            boolean fits = free >= c.party();
            assertEquals(free, engine.freeSeats(occupied, c.capacity(), c.ignored()), "freeSeats");
            assertEquals(fits, engine.fits(occupied, c.party(), c.capacity(), c.ignored()), "fits");
            // A party larger than the resource with nobody in the way is a seats problem, not a conflict.
            assertEquals(fits || peak(c) == 0,
                    engine.conflicts(occupied, occupied, c.party(), c.capacity(), c.ignored()).isEmpty(),
                    "conflicts are empty exactly when it fits or nobody is in the way");
        });
    }
}
