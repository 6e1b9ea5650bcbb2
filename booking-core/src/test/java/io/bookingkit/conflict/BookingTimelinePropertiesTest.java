package io.bookingkit.conflict;

import static io.bookingkit.time.SeededProperties.theory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.time.Intervals;
import io.bookingkit.time.SeededProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * {@link BookingTimeline} against a linear scan, and a {@link ConflictEngine} made from one of its
 * views against one made from a plain copy of the same bookings: buffers of different lengths
 * (so that occupied starts are out of the order of start), equal starts, every status, holds
 * expired and not, and queries inside, around and outside the bookings.
 */
@ExtendWith(SeededProperties.class)
class BookingTimelinePropertiesTest {

    private static final Instant T0 = Instant.parse("2031-03-12T08:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofMinutes(30));
    private static final String R = "r";

    /** Bookings on one resource, a range read, a proposal inside it and what to ignore. */
    record Case(List<Booking> bookings, Interval range, Interval proposal, int party, int capacity, Set<String> ignored) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("range " + range + " proposal " + proposal + " party " + party
                    + " capacity " + capacity + " ignoring " + ignored);
            bookings.forEach(b -> text.append("\n  ").append(b.id()).append(' ').append(b.interval()).append(" in ")
                    .append(b.occupied()).append(" x").append(b.partySize()).append(' ').append(b.status())
                    .append(b.expiresAt().map(e -> " until " + e).orElse("")));
            return text.toString();
        }
    }

    private static int between(RandomnessSource in, int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    private static Gen<Case> cases() {
        Gen<Case> gen = in -> {
            List<Booking> bookings = new ArrayList<>();
            int count = between(in, 0, 30);
            for (int i = 0; i < count; i++) {
                // Starts on five-minute marks, so that equal starts are common.
                int start = 5 * between(in, 0, 30);
                int length = between(in, 1, 40);
                int before = List.of(0, 0, 5, 20).get(between(in, 0, 3));
                int after = List.of(0, 5, 10).get(between(in, 0, 2));
                BookingStatus status = List.of(BookingStatus.CONFIRMED, BookingStatus.CONFIRMED, BookingStatus.HELD,
                        BookingStatus.PENDING, BookingStatus.CANCELLED, BookingStatus.COMPLETED).get(between(in, 0, 5));
                Optional<Instant> expiry = status == BookingStatus.HELD || status == BookingStatus.PENDING
                        ? Optional.of(at(between(in, 0, 60))) : Optional.empty();
                List<String> resources = between(in, 0, 3) == 0 ? List.of("other", R) : List.of(R);
                Interval time = Interval.of(at(start), Duration.ofMinutes(length));
                bookings.add(Booking.builder().id("b" + i).tenantId("t").resourceIds(resources).customerId("c")
                        .templateName("x").interval(time)
                        .occupied(Interval.of(time.getStart().minus(Duration.ofMinutes(before)),
                                time.getEnd().plus(Duration.ofMinutes(after))))
                        .partySize(between(in, 1, 3)).status(status).createdAt(T0).expiresAt(expiry).build());
            }
            Set<String> ignored = new HashSet<>();
            for (Booking b : bookings) {
                if (between(in, 0, 4) == 0) {
                    ignored.add(b.id());
                }
            }
            int rangeStart = between(in, -30, 180);
            Interval range = Interval.of(at(rangeStart), Duration.ofMinutes(between(in, 0, 120)));
            int proposalStart = rangeStart + between(in, 0, (int) range.toDuration().toMinutes());
            int proposalEnd = Math.max(proposalStart + 1, (int) Math.min(rangeStart + range.toDuration().toMinutes(),
                    proposalStart + between(in, 1, 45)));
            return new Case(bookings, range, Interval.of(at(proposalStart), at(proposalEnd)), between(in, 1, 4),
                    between(in, 1, 3), Set.copyOf(ignored));
        };
        return gen.describedAs(Case::toString);
    }

    @Test
    void overlappingIsTheLinearScanInOrderOfStartThenId() {
        theory().forAll(cases()).checkAssert(c -> {
            List<Booking> expected = new ArrayList<>();
            for (Booking b : c.bookings()) {
                if (Intervals.overlap(b.occupied(), c.range())) {
                    expected.add(b);
                }
            }
            expected.sort(Comparator.comparing((Booking b) -> b.interval().getStart()).thenComparing(Booking::id));
            assertEquals(ids(expected), ids(BookingTimeline.of(R, c.bookings()).overlapping(c.range())));
        });
    }

    @Test
    void aConflictEngineOverAViewAnswersAsOneOverACopy() {
        theory().forAll(cases()).checkAssert(c -> {
            List<Booking> view = BookingTimeline.of(R, c.bookings()).overlapping(c.range());
            ConflictEngine fast = ConflictEngine.of(R, view, NOW);
            ConflictEngine plain = ConflictEngine.of(R, new ArrayList<>(view), NOW);
            Interval p = c.proposal();
            for (Set<String> ignored : List.of(Set.<String>of(), c.ignored())) {
                assertEquals(plain.fits(p, c.party(), c.capacity(), ignored), fast.fits(p, c.party(), c.capacity(), ignored),
                        "fits ignoring " + ignored);
                assertEquals(plain.freeSeats(p, c.capacity(), ignored), fast.freeSeats(p, c.capacity(), ignored),
                        "freeSeats ignoring " + ignored);
                assertEquals(plain.conflicts(p, p, c.party(), c.capacity(), ignored),
                        fast.conflicts(p, p, c.party(), c.capacity(), ignored), "conflicts ignoring " + ignored);
            }
            assertEquals(ids(plain.blockingDuring(p)), ids(fast.blockingDuring(p)), "blockingDuring");
        });
    }

    @Test
    void refusesABookingOfAnotherResource() {
        Booking elsewhere = Booking.builder().id("b").tenantId("t").resourceIds(List.of("other")).customerId("c")
                .templateName("x").interval(Interval.of(T0, Duration.ofMinutes(30))).status(BookingStatus.CONFIRMED)
                .createdAt(T0).build();
        assertThrows(IllegalArgumentException.class, () -> BookingTimeline.of(R, List.of(elsewhere)));
    }

    private static List<String> ids(List<Booking> bookings) {
        return bookings.stream().map(Booking::id).toList();
    }
}
