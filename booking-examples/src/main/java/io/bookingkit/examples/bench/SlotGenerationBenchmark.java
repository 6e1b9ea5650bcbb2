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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.threeten.extra.Interval;

/**
 * One resource, a 90-day window and a 15-minute step: the engine's slot list over 1,000 to
 * 100,000 existing bookings, against two baselines from the same run. The grid floor only
 * enumerates the candidate starts, as the slot list must (its 8,636 starts and their
 * intervals): the least any slot list costs. The naive scan, over 10,000 bookings, checks every
 * candidate start against every booking.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SlotGenerationBenchmark {

    /** The booking count of {@link #naiveScan}, and of the ratio against it. */
    public static final int NAIVE_BOOKINGS = 10_000;
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final String TENANT = "bench";
    static final LocalDate FIRST = LocalDate.of(2027, 1, 4);
    static final Instant NOW = WallClock.startOfDay(FIRST, ZONE).minusSeconds(3600);
    static final Interval WINDOW = Interval.of(WallClock.startOfDay(FIRST, ZONE),
            WallClock.startOfDay(FIRST.plusDays(90), ZONE));
    static final ServiceTemplate TEMPLATE = ServiceTemplate.builder("consult").duration(Duration.ofMinutes(30))
            .slotStep(Duration.ofMinutes(15)).buffers(Duration.ZERO, Duration.ofMinutes(5)).build();
    static final OpeningHours HOURS = OpeningHours.parse("Mo-Fr 07:00-22:00; Sa-Su 09:00-18:00", ZONE);

    /** The engine over an in-memory store holding the room and its bookings. */
    @State(Scope.Benchmark)
    public static class Calendar {
        /** How many bookings the room has in the 90 days. */
        @Param({"1000", "3000", "10000", "30000", "100000"})
        public int bookings;

        BookingEngine engine;
        SlotQuery query;

        /** Builds the store, the engine and the 90-day slot query. */
        @Setup
        public void setUp() {
            InMemoryBookingStore store = new InMemoryBookingStore();
            store.saveResource(new Resource(TENANT, "room", "Room", HOURS, 1));
            List<Booking> existing = existingBookings(bookings);
            store.inUnitOfWork(TENANT, List.of("room"), unit -> {
                existing.forEach(unit::insert);
                return null;
            });
            engine = BookingEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .templates(TemplateCatalog.of(TEMPLATE)).build();
            query = SlotQuery.builder().tenant(TENANT).template("consult").resource("room").window(WINDOW).build();
        }
    }

    /** The open intervals and the {@value #NAIVE_BOOKINGS} bookings, for the naive scan. */
    @State(Scope.Benchmark)
    public static class Naive {
        List<Booking> bookings;
        IntervalSet open;
        List<Instant> grid;

        /** Draws the bookings and computes the open intervals and the 15-minute grid. */
        @Setup
        public void setUp() {
            bookings = existingBookings(NAIVE_BOOKINGS);
            open = HOURS.openIntervals(Interval.of(WINDOW.getStart(), WINDOW.getEnd().plus(Duration.ofHours(1))));
            grid = SlotGenerator.gridStarts(WINDOW, ZONE, TEMPLATE.slotStep());
        }
    }

    /**
     * Ten-minute bookings at random five-minute marks of the window, some overlapping, all
     * confirmed, drawn with a fixed seed: the first {@code count} are the same for every count.
     *
     * @param count how many
     * @return the bookings
     */
    public static List<Booking> existingBookings(int count) {
        Random random = new Random(42);
        long marks = WINDOW.toDuration().toMinutes() / 5;
        List<Booking> result = new ArrayList<>(count);
        Actor admin = Actor.admin(TENANT, "seed");
        for (int i = 0; i < count; i++) {
            Instant start = WINDOW.getStart().plus(Duration.ofMinutes(5 * (long) random.nextInt((int) marks)));
            Interval interval = Interval.of(start, start.plus(Duration.ofMinutes(10)));
            result.add(new Booking("b" + i, TENANT, List.of("room"), "c" + (i % 500), "consult", interval,
                    Interval.of(start, interval.getEnd().plus(Duration.ofMinutes(5))), 1, BookingStatus.CONFIRMED, 0,
                    Optional.empty(), Optional.empty(), "", Locale.ENGLISH, NOW, NOW, Optional.empty(), false,
                    Optional.empty(), List.of(new Transition(Optional.empty(), BookingStatus.CONFIRMED, admin, NOW, ""))));
        }
        return result;
    }

    /**
     * The bytes {@code count} bookings of {@link #existingBookings} retain: the growth of the
     * heap, after full collections, from before they are drawn to after, less the list holding
     * them. What a store keeps in memory for them (their strings, lists, intervals and
     * instants, and once only what they share), and what a query over them is set against.
     * Measured in the calling JVM, so run it where nothing else allocates meanwhile; it is
     * exact to within the few kilobytes a collection leaves behind.
     *
     * @param count how many bookings
     * @return their retained size in bytes
     */
    public static long storedBytes(int count) {
        long before = heapAfterCollection();
        List<Booking> drawn = existingBookings(count);
        long after = heapAfterCollection();
        // The ArrayList's array of references: 16 bytes of header, 4 per compressed reference.
        long list = 16 + 4L * count;
        java.lang.ref.Reference.reachabilityFence(drawn);
        return after - before - list;
    }

    private static long heapAfterCollection() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /**
     * The engine's slot list for the 90 days, {@code engine.availableSlots}; average time in
     * milliseconds, against {@link #gridFloor()} and, at {@value #NAIVE_BOOKINGS} bookings,
     * {@link #naiveScan}.
     *
     * @param calendar the engine and its query
     * @return how many slots are offered, for JMH to consume
     */
    @Benchmark
    public int engine(Calendar calendar) {
        return calendar.engine.availableSlots(calendar.query).size();
    }

    /**
     * The floor: the 90 days' candidate starts on the 15-minute grid, as the slot list computes
     * them, and each one's interval; no opening hours, no bookings. Average time in milliseconds.
     *
     * @return a sum over the candidates, for JMH to consume
     */
    @Benchmark
    public long gridFloor() {
        long sum = 0;
        for (Instant start : SlotGenerator.gridStarts(WINDOW, ZONE, TEMPLATE.slotStep())) {
            Interval interval = Interval.of(start, start.plus(TEMPLATE.minDuration()));
            sum += interval.getEnd().getEpochSecond();
        }
        return sum;
    }

    /**
     * Every candidate against every one of {@value #NAIVE_BOOKINGS} bookings: opening hours,
     * buffers, and the seats in use, summed over all bookings that overlap it (the resource has
     * one seat). The baseline; average time in milliseconds.
     *
     * @param naive the bookings, the open intervals and the grid
     * @return how many candidates are free, for JMH to consume
     */
    @Benchmark
    public int naiveScan(Naive naive) {
        int offered = 0;
        for (Instant start : naive.grid) {
            Interval interval = Interval.of(start, start.plus(TEMPLATE.minDuration()));
            if (!naive.open.encloses(interval)) {
                continue;
            }
            Interval occupied = TEMPLATE.occupied(interval);
            int seats = 0;
            for (Booking b : naive.bookings) {
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
