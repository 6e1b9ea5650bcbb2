package io.bookingkit.examples.fieldservice;

import static io.bookingkit.examples.Examples.local;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.conflict.Conflict;
import io.bookingkit.examples.Examples;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.threeten.extra.Interval;

/**
 * A field-service crew in Chicago: customers book a job with the crew and the engine picks a
 * technician; each job blocks half an hour of travel on either side, so dispatch cannot squeeze
 * a second job into one technician's travel time, while the crew's next free technician can
 * take it.
 */
public final class FieldCrew {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final String[] CREW = {"tech-ana", "tech-bruno", "tech-carla"};

    private FieldCrew() {
    }

    /**
     * What dispatch ended up with.
     *
     * @param first      the first job, on the technician the engine picked
     * @param refused    the second job refused on that technician
     * @param reassigned the second job, booked with the crew instead
     * @param adjoining  a third job on the first technician whose travel touches the first's
     */
    public record Jobs(Booking first, SlotUnavailableException refused, Booking reassigned, Booking adjoining) {
    }

    /**
     * Runs the example alone, on H2.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, Examples.h2("field-service"), "acme-repairs");
    }

    /**
     * Plans Wednesday 23 December 2026 on the Monday before.
     *
     * @param out    where the story is printed
     * @param store  where the bookings go
     * @param tenant the crew's tenant
     * @return the jobs
     */
    public static Jobs run(PrintStream out, BookingStore store, String tenant) {
        BookingEngine engine = BookingEngine.builder().store(store)
                .clock(Clock.fixed(Instant.parse("2026-12-21T12:00:00Z"), CHICAGO))
                .templates(TemplateCatalog.of(Examples.template(FieldCrew.class, "field-service.properties"))).build();
        for (String tech : CREW) {
            engine.resources().register(Resource.of(tenant, tech, tech, OpeningHours.parse("Mo-Fr 08:00-18:00", CHICAGO)));
        }
        Actor dispatch = Actor.staff(tenant, "dispatch", Set.of(CREW));
        LocalDate wednesday = LocalDate.of(2026, 12, 23);
        Booking first = engine.book(BookingRequest.builder().template("field-service").anyOf(CREW)
                .start(WallClock.toInstant(wednesday, LocalTime.of(10, 0), CHICAGO)).build(),
                Actor.customer(tenant, "bakery"));
        String tech = first.resourceIds().get(0);
        out.println("   the bakery books 10:00-12:00 with the crew: " + first.status() + ", the engine picks " + tech
                + ", who is blocked " + span(first.occupied()) + " with travel");
        out.println("   dispatch confirms: " + engine.confirm(first.id(), dispatch).status());
        Instant noon = WallClock.toInstant(wednesday, LocalTime.of(12, 0), CHICAGO);
        SlotUnavailableException refused = null;
        try {
            engine.book(BookingRequest.builder().template("field-service").customer("cafe").resource(tech)
                    .start(noon).build(), dispatch);
        } catch (SlotUnavailableException e) {
            refused = e;
            // The job itself starts when the first ends; its travel there is what collides.
            for (Conflict c : e.conflicts()) {
                out.println("   dispatch puts the cafe's 12:00 job on " + tech + ": refused, " + c.kind()
                        + " conflict with " + c.bookingId().substring(0, 8) + "… on " + c.resourceId()
                        + " (" + span(c.occupied()) + ")");
            }
        }
        Booking reassigned = engine.book(BookingRequest.builder().template("field-service").customer("cafe")
                .anyOf(CREW).start(noon).build(), dispatch);
        out.println("   the same job with the crew: the engine picks " + reassigned.resourceIds().get(0));
        Booking adjoining = engine.book(BookingRequest.builder().template("field-service").customer("school")
                .resource(tech).start(WallClock.toInstant(wednesday, LocalTime.of(13, 0), CHICAGO)).build(), dispatch);
        out.println("   the school's 13:00 job on " + tech + ": " + adjoining.status() + ", its travel from "
                + local(adjoining.occupied().getStart(), CHICAGO) + " just touches the bakery's");
        return new Jobs(first, refused, reassigned, adjoining);
    }

    private static String span(Interval interval) {
        return local(interval.getStart(), CHICAGO) + "-" + local(interval.getEnd(), CHICAGO);
    }
}
