package io.bookingkit.examples.psychologist;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.examples.Examples;
import io.bookingkit.recurrence.ConflictPolicy;
import io.bookingkit.recurrence.RecurrenceRule;
import io.bookingkit.recurrence.SeriesRequest;
import io.bookingkit.recurrence.SeriesResult;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.io.PrintStream;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A psychologist's client every Tuesday at 18:00 in Berlin, booked as one series across the
 * change from summer to winter time on 25 October 2026: the wall-clock time stays 18:00 while
 * the UTC offset goes from +02:00 to +01:00. An occurrence another client holds is skipped.
 */
public final class WeeklyTherapy {

    /** The practice's zone, which changes its offset during the series. */
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final DateTimeFormatter LINE =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm xxx", Locale.ENGLISH);

    private WeeklyTherapy() {
    }

    /**
     * Runs the example alone, on H2.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, Examples.h2("psychologist"), "praxis-mitte");
    }

    /**
     * Books six Tuesdays from 13 October 2026, on 1 October.
     *
     * @param out    where the story is printed
     * @param store  where the bookings go
     * @param tenant the practice's tenant
     * @return the series as booked
     */
    public static SeriesResult run(PrintStream out, BookingStore store, String tenant) {
        BookingEngine engine = BookingEngine.builder().store(store)
                .clock(Clock.fixed(Instant.parse("2026-10-01T08:00:00Z"), BERLIN))
                .templates(TemplateCatalog.of(Examples.template(WeeklyTherapy.class, "psychologist.properties"))).build();
        Resource office = engine.resources().register(Resource.of(tenant, "dr-weber", "Dr. Weber",
                OpeningHours.parse("Mo-Fr 08:00-20:00", BERLIN)));
        engine.book(BookingRequest.builder().template("psychologist").resource(office.id())
                .start(WallClock.toInstant(LocalDate.of(2026, 11, 10), LocalTime.of(18, 0), BERLIN)).build(),
                Actor.customer(tenant, "another-client"));
        SeriesResult series = engine.bookSeries(SeriesRequest.builder().template("psychologist").resource(office.id())
                .start(WallClock.toInstant(LocalDate.of(2026, 10, 13), LocalTime.of(18, 0), BERLIN))
                .rule(RecurrenceRule.weekly(DayOfWeek.TUESDAY).count(6))
                .policy(ConflictPolicy.SKIP_CONFLICTS).build(), Actor.customer(tenant, "jonas"));
        out.println("   jonas, every Tuesday at 18:00 (" + series.booked().size() + " of 6 booked in one unit of work):");
        for (Booking b : series.booked()) {
            // Each start comes from its own date and 18:00, never from the week before plus 7 days.
            ZonedDateTime start = b.interval().getStart().atZone(BERLIN);
            out.println("   #" + b.series().orElseThrow().index() + " " + LINE.format(start) + "  = "
                    + Examples.local(b.interval().getStart(), ZoneOffset.UTC) + " UTC");
        }
        series.skipped().forEach(s -> out.println("   #" + s.index() + " " + LINE.format(s.start().atZone(BERLIN))
                + "  skipped: " + s.reasons().get(0).code()));
        return series;
    }
}
