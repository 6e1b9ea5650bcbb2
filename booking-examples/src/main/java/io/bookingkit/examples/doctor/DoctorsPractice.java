package io.bookingkit.examples.doctor;

import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.examples.Examples;
import io.bookingkit.ical.ICalendar;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * A doctor's practice in Madrid: a patient's request waits (PENDING, blocking the time) until
 * reception confirms it, the confirmed visit goes to the patient's phone as an {@code .ics}
 * file, and reception declines another request with a reason.
 */
public final class DoctorsPractice {

    private DoctorsPractice() {
    }

    /**
     * What the practice ended with.
     *
     * @param confirmed ana's visit, as reception confirmed it
     * @param calendar  the {@code .ics} file written for her
     */
    public record Visit(Booking confirmed, Path calendar) {
    }

    /**
     * Runs the example alone, on H2.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, Examples.h2("doctor"), "clinica-norte", Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Tells the practice's Monday, 21 December 2026, 13:00 in Madrid.
     *
     * @param out       where the story is printed
     * @param store     where the bookings go
     * @param tenant    the practice's tenant
     * @param directory where the {@code .ics} file is written
     * @return the confirmed visit and its calendar file
     */
    public static Visit run(PrintStream out, BookingStore store, String tenant, Path directory) {
        ZoneId madrid = ZoneId.of("Europe/Madrid");
        BookingEngine engine = BookingEngine.builder().store(store)
                .clock(Clock.fixed(Instant.parse("2026-12-21T12:00:00Z"), madrid))
                .templates(TemplateCatalog.of(Examples.template(DoctorsPractice.class, "doctor.properties")))
                .notifications(Examples.console(out)).build();
        Resource doctor = engine.resources().register(Resource.of(tenant, "dr-garcia", "Dra. García",
                OpeningHours.parse("Mo-Fr 08:00-14:00", madrid)));
        Actor reception = Actor.staff(tenant, "reception", Set.of(doctor.id()));
        Instant nine = WallClock.toInstant(LocalDate.of(2026, 12, 23), LocalTime.of(9, 0), madrid);
        Booking pending = engine.book(BookingRequest.builder().template("doctor").resource(doctor.id()).start(nine)
                .build(), Actor.customer(tenant, "ana"));
        out.println("   ana asks for 09:00: " + pending.status() + ", expires " + pending.expiresAt().orElseThrow());
        try {
            engine.book(BookingRequest.builder().template("doctor").resource(doctor.id()).start(nine).build(),
                    Actor.customer(tenant, "ben"));
        } catch (SlotUnavailableException e) {
            out.println("   ben asks for 09:00 too: refused, the pending booking "
                    + e.conflicts().get(0).bookingId().substring(0, 8) + "… holds the time");
        }
        Booking confirmed = engine.confirm(pending.id(), reception);
        out.println("   reception confirms: " + confirmed.status());
        Path ics = directory.resolve("appointment-" + confirmed.id().substring(0, 8) + ".ics");
        try {
            Files.writeString(ics, ICalendar.of(confirmed, doctor, ICalendar.Method.REQUEST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("   ana's appointment for her phone's calendar: " + ics);
        Booking other = engine.book(BookingRequest.builder().template("doctor").resource(doctor.id())
                .start(nine.plus(Duration.ofMinutes(20))).build(), Actor.customer(tenant, "ben"));
        out.println("   ben takes 09:20, reception declines: "
                + engine.decline(other.id(), reception, "Dra. García is at a conference that hour").status());
        try {
            engine.book(BookingRequest.builder().template("doctor").resource(doctor.id())
                    .start(Instant.parse("2026-12-21T12:20:00Z")).build(), Actor.customer(tenant, "carla"));
        } catch (PolicyViolationException e) {
            out.println("   carla asks for a time that is too soon: " + e.codes());
        }
        return new Visit(confirmed, ics);
    }
}
