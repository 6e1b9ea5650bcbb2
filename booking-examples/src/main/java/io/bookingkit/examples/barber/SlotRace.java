package io.bookingkit.examples.barber;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.examples.Examples;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.threeten.extra.Interval;

/**
 * Many customers ask for the last free chair at the same moment, each on a thread of their
 * own: exactly one gets it, every other one is told the time is taken.
 */
public final class SlotRace {

    private SlotRace() {
    }

    /**
     * How the race ended.
     *
     * @param winners  threads whose booking went through
     * @param refused  threads refused with {@link SlotUnavailableException}
     * @param blocking bookings holding the slot in the store afterwards
     */
    public record Outcome(int winners, int refused, long blocking) {
    }

    /**
     * Runs the example alone, on H2.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, Examples.h2("barber-race"), "barberia-sur", 32);
    }

    /**
     * Races {@code threads} customers for Saturday 26 December 2026, 10:00 on one chair.
     *
     * @param out     where the story is printed
     * @param store   where the bookings go
     * @param tenant  the shop's tenant
     * @param threads how many customers race
     * @return the outcome, the store's count included
     */
    public static Outcome run(PrintStream out, BookingStore store, String tenant, int threads) {
        BookingEngine engine = BookingEngine.builder().store(store)
                .clock(Clock.fixed(Instant.parse("2026-12-21T12:00:00Z"), BarberShop.BUENOS_AIRES))
                .templates(TemplateCatalog.of(Examples.template(BarberShop.class, "barber.properties"))).build();
        Resource chair = engine.resources().register(Resource.of(tenant, "chair-1", "Silla de Martín", BarberShop.HOURS));
        Instant ten = WallClock.toInstant(LocalDate.of(2026, 12, 26), LocalTime.of(10, 0), BarberShop.BUENOS_AIRES);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Boolean>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Actor customer = Actor.customer(tenant, "racer-" + i);
                attempts.add(pool.submit(() -> {
                    go.await();          // every thread asks at once, not in the order they started
                    try {
                        engine.book(BookingRequest.builder().template("barber").resource(chair.id()).start(ten).build(),
                                customer);
                        return true;
                    } catch (SlotUnavailableException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> attempt : attempts) {
                winners += attempt.get() ? 1 : 0;
            }
            // What the threads say is one thing; what the database holds is the proof.
            long blocking = store.reads(tenant).findOverlapping(List.of(chair.id()), Interval.of(ten, Duration.ofMinutes(30)))
                    .stream().filter(b -> b.status().blocksTime()).count();
            out.println("   " + threads + " customers click Saturday 10:00 at once: " + winners + " winner, "
                    + (threads - winners) + " refused; the store holds " + blocking + " booking for the slot");
            return new Outcome(winners, threads - winners, blocking);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The race was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A racer failed otherwise than by a taken slot", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
