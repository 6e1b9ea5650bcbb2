package io.bookingkit.examples.barber;

import static io.bookingkit.examples.Examples.DAY;
import static io.bookingkit.examples.Examples.TIME;
import static io.bookingkit.examples.Examples.local;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.examples.Examples;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.slot.SlotQuery;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.IntervalSet;
import io.bookingkit.time.WallClock;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.stream.Collectors;
import org.threeten.extra.Interval;

/**
 * A barber in Buenos Aires: a week of opening hours, Tuesday's slots, a booking, refusals in
 * Argentine Spanish, and the 24-hour cancellation cutoff, which lets an early cancellation
 * through and refuses a late one.
 */
public final class BarberShop {

    /** The chair's zone; Argentina has no daylight saving. */
    public static final ZoneId BUENOS_AIRES = ZoneId.of("America/Argentina/Buenos_Aires");

    /** Lunch from 13:00 to 14:00, short Saturdays, Christmas off, and a short Christmas Eve. */
    public static final OpeningHours HOURS = OpeningHours.parse(
            "Mo-Fr 09:00-13:00,14:00-19:00; Sa 10:00-14:00; 12-25 off; 2026-12-24 09:00-12:00", BUENOS_AIRES);

    private static final Locale SPANISH = Locale.forLanguageTag("es-AR");

    private BarberShop() {
    }

    /**
     * Runs the example alone, on H2.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, Examples.h2("barber"), "barberia-centro");
    }

    /**
     * Tells the barber's story on Monday 21 December 2026, 09:00 in Buenos Aires.
     *
     * @param out    where the story is printed
     * @param store  where the bookings go
     * @param tenant the shop's tenant
     * @return the chair, for the steps that follow
     */
    public static Resource run(PrintStream out, BookingStore store, String tenant) {
        BookingEngine engine = BookingEngine.builder().store(store)
                .clock(Clock.fixed(Instant.parse("2026-12-21T12:00:00Z"), BUENOS_AIRES))
                .templates(TemplateCatalog.of(Examples.template(BarberShop.class, "barber.properties"))).build();
        Resource chair = engine.resources().register(Resource.of(tenant, "chair-1", "Silla de Martín", HOURS));
        out.println("   " + chair.name() + " (" + BUENOS_AIRES + "): " + HOURS.toText());
        LocalDate monday = LocalDate.of(2026, 12, 21);
        IntervalSet open = HOURS.openIntervals(Interval.of(WallClock.startOfDay(monday, BUENOS_AIRES),
                WallClock.startOfDay(monday.plusDays(7), BUENOS_AIRES)));
        for (LocalDate date = monday; date.isBefore(monday.plusDays(7)); date = date.plusDays(1)) {
            String ranges = open.intersection(WallClock.day(date, BUENOS_AIRES)).intervals().stream()
                    .map(i -> local(i.getStart(), BUENOS_AIRES) + "-" + local(i.getEnd(), BUENOS_AIRES))
                    .collect(Collectors.joining(", "));
            out.printf("   %s  %s%n", DAY.format(date), ranges.isEmpty() ? "closed" : ranges);
        }
        out.println("   open " + open.totalDuration().toHours() + " hours that week");
        LocalDate tuesday = monday.plusDays(1);
        SlotQuery query = SlotQuery.builder().tenant(tenant).template("barber").resource(chair.id())
                .window(WallClock.day(tuesday, BUENOS_AIRES)).build();
        out.println("   Tuesday's free slots: " + engine.availableSlots(query).stream()
                .map(s -> TIME.format(s.start())).collect(Collectors.joining(" ")));
        Actor lucia = Actor.customer(tenant, "lucia");
        BookingRequest tenThirty = BookingRequest.builder().template("barber").resource(chair.id())
                .start(WallClock.toInstant(tuesday, LocalTime.of(10, 30), BUENOS_AIRES))
                .idempotencyKey("lucia-2026-12-22").build();
        Booking booking = engine.book(tenThirty, lucia);
        out.println("   lucia booked " + booking.id().substring(0, 8) + "… " + booking.status() + " at "
                + local(booking.interval().getStart(), BUENOS_AIRES));
        try {
            engine.book(BookingRequest.builder().template("barber").resource(chair.id())
                    .start(booking.interval().getStart()).build(), Actor.customer(tenant, "diego"));
        } catch (SlotUnavailableException e) {
            out.println("   diego at 10:30: " + e.violations().get(0).message(SPANISH));
        }
        engine.whyNotAvailable(query, WallClock.toInstant(tuesday, LocalTime.of(13, 0), BUENOS_AIRES))
                .forEach(v -> out.println("   13:00 → " + v.code() + ": " + v.message(SPANISH)));
        out.println("   retry with the same idempotency key returns the same booking: "
                + engine.book(tenThirty, lucia).id().equals(booking.id()));
        out.println("   lucia cancels (more than 24 h ahead): " + engine.cancel(booking.id(), lucia, "no puedo ir").status());

        // Eight hours ahead is inside the cutoff: the chair stays booked, and the customer is
        // told why in the shop's language.
        Actor tomas = Actor.customer(tenant, "tomas");
        Booking today = engine.book(BookingRequest.builder().template("barber").resource(chair.id())
                .start(WallClock.toInstant(monday, LocalTime.of(17, 0), BUENOS_AIRES)).build(), tomas);
        try {
            engine.cancel(today.id(), tomas, "me surgió algo");
        } catch (PolicyViolationException e) {
            out.println("   tomas cancels today's 17:00 at 09:00: " + e.codes() + " " + e.messages(SPANISH).get(0));
        }
        return chair;
    }
}
