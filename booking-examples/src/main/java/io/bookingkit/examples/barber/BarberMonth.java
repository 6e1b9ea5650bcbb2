package io.bookingkit.examples.barber;

import static io.bookingkit.examples.barber.BarberShop.BUENOS_AIRES;

import io.bookingkit.BookingEngine;
import io.bookingkit.analytics.BookingStats;
import io.bookingkit.analytics.Counts;
import io.bookingkit.analytics.SeatTime;
import io.bookingkit.analytics.StatsQuery;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.examples.Examples;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.threeten.extra.Interval;
import org.threeten.extra.MutableClock;

/**
 * A month of a barber's appointments replayed on a clock of its own (booked ahead, some
 * cancelled, then served or missed), and the statistics the owner reads on December 1st.
 */
public final class BarberMonth {

    private BarberMonth() {
    }

    /**
     * What the month held and what the statistics made of it.
     *
     * @param booked the bookings made in the month
     * @param stats  the month's statistics
     */
    public record Month(int booked, BookingStats stats) {
    }

    /**
     * Runs the example alone, on H2.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, Examples.h2("barber-month"), "barberia-norte");
    }

    /**
     * Seeds November 2026 (the same month on every run) and prints its statistics.
     *
     * @param out    where the story is printed
     * @param store  where the bookings go
     * @param tenant the shop's tenant
     * @return the month
     */
    public static Month run(PrintStream out, BookingStore store, String tenant) {
        Resource chair = new Resource(tenant, "chair-2", "Silla de Paula", BarberShop.HOURS, 1);
        MutableClock clock = MutableClock.of(Instant.parse("2026-10-20T12:00:00Z"), ZoneOffset.UTC);
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock)
                .templates(TemplateCatalog.of(Examples.template(BarberShop.class, "barber.properties"))).build();
        engine.resources().register(chair);
        Actor staff = Actor.staff(tenant, "paula", Set.of(chair.id()));
        Random random = new Random(11);
        record Step(Instant at, int order, Runnable action) {
        }
        List<Step> steps = new ArrayList<>();
        int booked = 0;
        for (LocalDate date = LocalDate.of(2026, 11, 2); date.getMonthValue() == 11; date = date.plusDays(1)) {
            for (int hour = 9; hour < 19; hour++) {
                Instant start = WallClock.toInstant(date, LocalTime.of(hour, random.nextBoolean() ? 0 : 30), BUENOS_AIRES);
                if (random.nextInt(10) < 4 || !chair.hours().isOpenThroughout(Interval.of(start, Duration.ofMinutes(30)))) {
                    continue;
                }
                Actor customer = Actor.customer(tenant, "client-" + booked++);
                Instant madeAt = start.minus(Duration.ofHours(2 + random.nextInt(24 * 12)));
                int fate = random.nextInt(20);
                String[] id = new String[1];
                steps.add(new Step(madeAt, 0, () -> id[0] = engine.book(BookingRequest.builder().template("barber")
                        .resource(chair.id()).start(start).build(), customer).id()));
                if (fate < 2 && madeAt.isBefore(start.minus(Duration.ofDays(2)))) {
                    steps.add(new Step(start.minus(Duration.ofDays(2)), 1, () -> engine.cancel(id[0], customer, "viajo")));
                } else if (fate == 2) {
                    steps.add(new Step(start.minus(Duration.ofHours(1)), 1, () -> engine.cancel(id[0], staff,
                            "called in sick, an hour before")));
                } else if (fate < 5) {
                    steps.add(new Step(start.plus(Duration.ofMinutes(10)), 1, () -> engine.markNoShow(id[0], staff)));
                } else {
                    steps.add(new Step(start, 1, () -> engine.start(id[0], staff)));
                    steps.add(new Step(start.plus(Duration.ofMinutes(30)), 2, () -> engine.complete(id[0], staff)));
                }
            }
        }
        // Each step happens at its own moment, so lead times, cutoffs and no-shows are real.
        steps.sort(Comparator.comparing(Step::at).thenComparing(Step::order));
        for (Step step : steps) {
            clock.setInstant(step.at());
            step.action().run();
        }
        clock.setInstant(WallClock.toInstant(LocalDate.of(2026, 12, 1), LocalTime.of(9, 0), BUENOS_AIRES));
        Interval november = Interval.of(WallClock.startOfDay(LocalDate.of(2026, 11, 1), BUENOS_AIRES),
                WallClock.startOfDay(LocalDate.of(2026, 12, 1), BUENOS_AIRES));
        BookingStats stats = engine.stats(StatsQuery.of(november), Actor.admin(tenant, "owner"));
        Counts counts = stats.counts();
        out.println("   " + booked + " bookings in November; by status: " + counts.byStatus().entrySet().stream()
                .filter(e -> e.getValue() > 0).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        SeatTime time = stats.seatTime();
        out.printf("   utilization %.0f%%: %d h booked of %d h open%n", 100 * time.utilization().orElse(0),
                time.booked().toHours(), time.offered().toHours());
        out.printf("   cancellations %d of %d (%d late, by staff after the 24 h cutoff); no-shows %d of %d%n",
                counts.cancellation().count(), counts.cancellation().of(), counts.lateCancellations(),
                counts.noShow().count(), counts.noShow().of());
        out.println("   booked ahead: median " + days(stats.leadTimes().median().orElseThrow()) + ", 90th percentile "
                + days(stats.leadTimes().p90().orElseThrow()));
        out.println("   busiest hours: " + stats.busiest(3).stream().map(h -> h.day().getDisplayName(TextStyle.SHORT,
                Locale.ENGLISH) + " " + h.hour() + ":00 (" + h.booked().toMinutes() + " min)").collect(Collectors.joining(", ")));
        return new Month(booked, stats);
    }

    private static String days(Duration d) {
        return d.toDaysPart() + " d " + d.toHoursPart() + " h";
    }
}
