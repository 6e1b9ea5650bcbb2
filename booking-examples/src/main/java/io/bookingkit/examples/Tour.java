package io.bookingkit.examples;

import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Lifecycle;
import io.bookingkit.examples.barber.BarberMail;
import io.bookingkit.examples.barber.BarberMonth;
import io.bookingkit.examples.barber.BarberShop;
import io.bookingkit.examples.barber.SlotRace;
import io.bookingkit.examples.doctor.DoctorsPractice;
import io.bookingkit.examples.fieldservice.FieldCrew;
import io.bookingkit.examples.live.CalendarPage;
import io.bookingkit.examples.live.CalendarWeek;
import io.bookingkit.examples.psychologist.WeeklyTherapy;
import io.bookingkit.examples.yoga.YogaClass;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.Schema;
import io.bookingkit.resource.Resource;
import io.bookingkit.spi.BookingStore;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Collectors;

/**
 * The example tour: one store, and the examples of every vertical on it in turn, with the story
 * told between them. Embedded H2 by default.
 *
 * <pre>
 * mvn -q -B -pl booking-examples -am -DskipTests package exec:java
 * mvn -q -B -pl booking-examples -am -DskipTests package exec:java -Dexec.args="jdbc:postgresql://localhost/shop user secret"
 * </pre>
 *
 * Each example fixes its own clock, so every run shows the same days; on a database that
 * outlives the run, each run uses tenants of its own.
 */
public final class Tour {

    /** How many customers race for one slot. */
    public static final int RACERS = 32;

    /** The week the examples tell of, and the moment in it their clocks stand at. */
    private static final LocalDate WEEK = LocalDate.of(2026, 12, 21);
    private static final Instant MONDAY_NOON = Instant.parse("2026-12-21T12:00:00Z");

    private Tour() {
    }

    /**
     * Runs the tour, printing to standard output. The store's tables are created or upgraded
     * first.
     *
     * @param args none for an in-memory H2 database; else the JDBC URL, then optionally the
     *        user name and the password
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        String url = args.length > 0 ? args[0] : Examples.h2Url("tour");
        String run = args.length > 0 ? "-" + Long.toString(System.currentTimeMillis(), 36) : "";
        try (HikariDataSource dataSource = ExampleDatabase.fromArgs(args, url)) {
            Schema.create(dataSource);
            JdbcBookingStore store = JdbcBookingStore.create(dataSource);
            out.println("== Store: " + store.dialect().name() + " at " + url);
            out.println();
            templates(out, TemplateCatalog.verticals());

            section(out, "Barber: a week of opening hours, slots, refusals in es-AR, the 24 h cancellation cutoff",
                    "Martín cuts hair in Buenos Aires. His shop's template is a file beside the example.");
            Resource chair = BarberShop.run(out, store, "barberia-centro" + run);
            section(out, "E-mail: the barber's confirmation, in Spanish, to an SMTP server in this JVM",
                    "Valentina books Saturday; the outbox delivers her confirmation after the booking commits.");
            BarberMail.run(out, store, chair);
            section(out, "A race: " + RACERS + " threads for one slot",
                    "Saturday 10:00 is the last free cut, and everyone clicks at once.");
            SlotRace.run(out, store, "barberia-sur" + run, RACERS);
            section(out, "Statistics: a month at the barber's (November 2026)",
                    "Paula's chair, a month replayed as it happened: booked ahead, cancelled, served or missed.");
            BarberMonth.run(out, store, "barberia-norte" + run);
            section(out, "Doctor: bookings wait for the practice to confirm",
                    "The same engine, another template: requests are PENDING and block the time until staff decide.");
            DoctorsPractice.run(out, store, "clinica-norte" + run, calendarDirectory());
            section(out, "Field service: a crew, travel buffers, and a technician who cannot be in two places",
                    "Customers book the crew, not a person; the half hour of travel either side is blocked too.");
            FieldCrew.run(out, store, "acme-repairs" + run);
            section(out, "Yoga: 12 mats, a waitlist, and a quorum",
                    "Group classes share one resource's seats; what time decides, the maintenance call does.");
            YogaClass.run(out, store, "yoga-sur" + run);
            section(out, "Psychologist: a client every Tuesday at 18:00, across the change to winter time",
                    "A series is booked in one unit of work, each occurrence checked as a single booking would be.");
            WeeklyTherapy.run(out, store, "praxis-mitte" + run);
            section(out, "Calendars: the week of 21 December, one HTML page per resource",
                    "What the live calendar (LiveServer) shows, written once; open the files in a browser.");
            calendars(out, store, "barberia-centro" + run, BarberShop.class, "barber.properties");
            calendars(out, store, "clinica-norte" + run, DoctorsPractice.class, "doctor.properties");
            calendars(out, store, "acme-repairs" + run, FieldCrew.class, "field-service.properties");
            calendars(out, store, "yoga-sur" + run, YogaClass.class, "yoga.properties");
            section(out, "The lifecycle table", "Every step any of the examples took is a row of this table.");
            Lifecycle.markdown().lines().forEach(line -> out.println("   " + line));
        }
    }

    private static void section(PrintStream out, String title, String story) {
        out.println();
        out.println("== " + title);
        out.println("   " + story);
    }

    static void templates(PrintStream out, TemplateCatalog catalog) {
        out.println("== The five vertical templates that ship in the jar (the examples copy theirs into files)");
        for (String name : TemplateCatalog.VERTICALS) {
            ServiceTemplate t = catalog.get(name);
            out.printf("   %-14s %s%n", name, TemplateCatalog.toProperties(t).entrySet().stream()
                    .filter(e -> !e.getKey().equals("name"))
                    .filter(e -> !e.getValue().equals("0") && !e.getValue().equals("1"))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        }
    }

    /** Writes the week of every resource of {@code tenant}, with the slots of the example's template. */
    private static void calendars(PrintStream out, BookingStore store, String tenant, Class<?> example,
                                  String templateFile) {
        ServiceTemplate template = Examples.template(example, templateFile);
        BookingEngine engine = BookingEngine.builder().store(store).clock(Clock.fixed(MONDAY_NOON, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(template)).build();
        for (Resource resource : store.resources(tenant)) {
            CalendarWeek week = CalendarWeek.read(engine, Actor.admin(tenant, "tour"), resource.id(), template.name(), WEEK);
            Path file = CalendarPage.write(week, calendarDirectory().resolve(tenant + "-" + resource.id() + ".html"));
            out.println("   " + resource.name() + ": " + file.toUri());
        }
    }

    private static Path calendarDirectory() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "bookingkit-tour"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
