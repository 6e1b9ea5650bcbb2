package io.bookingkit.examples.bench;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Transition;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.slot.SlotGenerator;
import io.bookingkit.slot.SlotQuery;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.IntervalSet;
import io.bookingkit.time.WallClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.threeten.extra.Interval;

/**
 * One resource, a 90-day window, a 15-minute step and 10,000 existing bookings: the engine's
 * slot list against a naive scan that checks every candidate start against every booking.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SlotGenerationBenchmark {

    static final int BOOKINGS = 10_000;
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final String TENANT = "bench";

    BookingEngine engine;
    SlotQuery query;
    ServiceTemplate template;
    List<Booking> bookings;
    IntervalSet open;
    List<Instant> grid;

    /**
     * Builds an in-memory store holding the room and its 10,000 bookings, the engine and its
     * 90-day slot query, and for {@link #naiveScan()} the open intervals and the 15-minute grid
     * of candidate starts.
     */
    @Setup
    public void setUp() {
        LocalDate first = LocalDate.of(2027, 1, 4);
        Instant now = WallClock.startOfDay(first, ZONE).minusSeconds(3600);
        template = ServiceTemplate.builder("consult").duration(Duration.ofMinutes(30)).slotStep(Duration.ofMinutes(15))
                .buffers(Duration.ZERO, Duration.ofMinutes(5)).build();
        OpeningHours hours = OpeningHours.parse("Mo-Fr 07:00-22:00; Sa-Su 09:00-18:00", ZONE);
        InMemoryBookingStore store = new InMemoryBookingStore();
        store.saveResource(new Resource(TENANT, "room", "Room", hours, 1));
        Interval window = Interval.of(WallClock.startOfDay(first, ZONE), WallClock.startOfDay(first.plusDays(90), ZONE));
        bookings = existingBookings(window, now);
        store.inUnitOfWork(TENANT, List.of("room"), unit -> {
            bookings.forEach(unit::insert);
            return null;
        });
        engine = BookingEngine.builder().store(store).clock(Clock.fixed(now, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(template)).build();
        query = SlotQuery.builder().tenant(TENANT).template("consult").resource("room").window(window).build();
        open = hours.openIntervals(Interval.of(window.getStart(), window.getEnd().plus(Duration.ofHours(1))));
        grid = SlotGenerator.gridStarts(window, ZONE, template.slotStep());
    }

    /** Ten-minute bookings at random five-minute marks, some overlapping, all confirmed. */
    static List<Booking> existingBookings(Interval window, Instant now) {
        Random random = new Random(42);
        long marks = window.toDuration().toMinutes() / 5;
        List<Booking> result = new ArrayList<>(BOOKINGS);
        Actor admin = Actor.admin(TENANT, "seed");
        for (int i = 0; i < BOOKINGS; i++) {
            Instant start = window.getStart().plus(Duration.ofMinutes(5 * (long) random.nextInt((int) marks)));
            Interval interval = Interval.of(start, start.plus(Duration.ofMinutes(10)));
            result.add(new Booking("b" + i, TENANT, List.of("room"), "c" + (i % 500), "consult", interval,
                    Interval.of(start, interval.getEnd().plus(Duration.ofMinutes(5))), 1, BookingStatus.CONFIRMED, 0,
                    Optional.empty(), Optional.empty(), "", Locale.ENGLISH, now, now, Optional.empty(), false, Optional.empty(),
                    List.of(new Transition(Optional.empty(), BookingStatus.CONFIRMED, admin, now, ""))));
        }
        return result;
    }

    /**
     * The engine's slot list for the 90 days, {@code engine.availableSlots}; average time in
     * milliseconds, against {@link #naiveScan()}.
     *
     * @return how many slots are offered, for JMH to consume
     */
    @Benchmark
    public int engine() {
        return engine.availableSlots(query).size();
    }

    /**
     * Every candidate against every booking: opening hours, buffers, and the seats in use, summed
     * over all bookings that overlap it (the resource has one seat). The baseline; average time
     * in milliseconds.
     *
     * @return how many candidates are free, for JMH to consume
     */
    @Benchmark
    public int naiveScan() {
        int offered = 0;
        for (Instant start : grid) {
            Interval interval = Interval.of(start, start.plus(template.minDuration()));
            if (!open.encloses(interval)) {
                continue;
            }
            Interval occupied = template.occupied(interval);
            int seats = 0;
            for (Booking b : bookings) {
                if (b.occupied().getStart().isBefore(occupied.getEnd()) && occupied.getStart().isBefore(b.occupied().getEnd())) {
                    seats += b.partySize();
                }
            }
            if (seats + 1 <= 1) {
                offered++;
            }
        }
        return offered;
    }
}
