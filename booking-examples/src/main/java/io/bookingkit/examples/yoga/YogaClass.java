package io.bookingkit.examples.yoga;

import io.bookingkit.BookingEngine;
import io.bookingkit.MaintenanceRun;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.examples.Examples;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.session.Session;
import io.bookingkit.slot.SlotQuery;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.threeten.extra.Interval;
import org.threeten.extra.MutableClock;

/**
 * A yoga studio in Berlin: Tuesday's 12-mat class fills up, a latecomer waits, a cancellation
 * offers her the freed mats at once; and the maintenance call keeps the full class and cancels
 * Wednesday's early class, which missed its quorum of 4.
 */
public final class YogaClass {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private YogaClass() {
    }

    /**
     * How the week's classes stand after the quorum deadlines.
     *
     * @param evening     Tuesday's 18:00 class
     * @param early       Wednesday's 07:00 class
     * @param maintenance what the maintenance call did
     * @param entry       mia's waitlist entry
     */
    public record Classes(Session evening, Session early, MaintenanceRun maintenance, WaitlistEntry entry) {
    }

    /**
     * Runs the example alone, on H2.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, Examples.h2("yoga"), "yoga-sur");
    }

    /**
     * Tells the studio's Monday, 21 December 2026, 13:00, and Tuesday morning.
     *
     * @param out    where the story is printed
     * @param store  where the bookings go
     * @param tenant the studio's tenant
     * @return the classes
     */
    public static Classes run(PrintStream out, BookingStore store, String tenant) {
        MutableClock clock = MutableClock.of(Instant.parse("2026-12-21T12:00:00Z"), BERLIN);
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock)
                .templates(TemplateCatalog.of(Examples.template(YogaClass.class, "yoga.properties")))
                .notifications(Examples.console(out)).build();
        Resource room = engine.resources().register(new Resource(tenant, "room-a", "Room A",
                OpeningHours.parse("Mo-Sa 07:00-21:00", BERLIN), 12));
        Instant six = WallClock.toInstant(LocalDate.of(2026, 12, 22), LocalTime.of(18, 0), BERLIN);
        Booking lastPair = null;
        for (int i = 0; i < 6; i++) {
            if (i == 5) {
                out.println("   after five pairs: " + engine.availableSlots(SlotQuery.builder().tenant(tenant)
                        .template("yoga").resource(room.id()).window(Interval.of(six, Duration.ofHours(1))).build())
                        .get(0).remainingSeats() + " seats left at 18:00");
            }
            lastPair = engine.book(BookingRequest.builder().template("yoga").resource(room.id()).start(six)
                    .partySize(2).build(), Actor.customer(tenant, "member-" + i));
        }
        Actor desk = Actor.staff(tenant, "desk", Set.of(room.id()));
        Session full = engine.session(room.id(), six, desk);
        out.println("   a sixth pair fills it: " + full.seatsTaken() + " of " + full.capacity() + " seats, "
                + full.participants().size() + " bookings");
        Actor mia = Actor.customer(tenant, "mia");
        WaitlistEntry entry = engine.joinWaitlist(WaitlistRequest.builder().template("yoga")
                .resource(room.id()).start(six).build(), mia);
        out.println("   mia joins the waitlist: " + entry.status() + ", position "
                + engine.waitlistOf("mia", mia).get(0).position().orElseThrow());
        out.println("   member-5 cancels; the freed seats go to the first in line in the same step:");
        engine.cancel(lastPair.id(), Actor.customer(tenant, "member-5"), "");
        WaitlistEntry offered = engine.findEntry(entry.id(), mia).orElseThrow();
        Booking offer = engine.find(offered.offerId().orElseThrow(), mia).orElseThrow();
        out.println("   mia's entry is " + offered.status() + ": a " + offer.status() + " seat until "
                + offer.expiresAt().orElseThrow());
        out.println("   mia accepts: " + engine.confirm(offer.id(), mia).status() + ", entry "
                + engine.findEntry(entry.id(), mia).orElseThrow().status());

        Instant seven = WallClock.toInstant(LocalDate.of(2026, 12, 23), LocalTime.of(7, 0), BERLIN);
        engine.book(BookingRequest.builder().template("yoga").resource(room.id()).start(seven).partySize(2).build(),
                Actor.customer(tenant, "early-bird"));
        out.println("   Wednesday 07:00 has " + engine.session(room.id(), seven, desk).seatsTaken() + " of 4 seats needed");
        // Nobody decides a quorum by hand: the scheduled maintenance call does, at each deadline.
        clock.setInstant(WallClock.toInstant(LocalDate.of(2026, 12, 22), LocalTime.of(8, 0), BERLIN));
        MaintenanceRun run = engine.runMaintenance();
        Session evening = engine.session(room.id(), six, desk);
        Session early = engine.session(room.id(), "yoga", seven, desk);
        out.println("   maintenance on Tuesday at 08:00: " + run.sessionsKept() + " class kept (Tuesday 18:00, "
                + evening.seatsTaken() + " seats), " + run.sessionsCancelled() + " cancelled (Wednesday 07:00, now "
                + early.seatsTaken() + " seats)");
        return new Classes(evening, early, run, engine.findEntry(entry.id(), mia).orElseThrow());
    }
}
