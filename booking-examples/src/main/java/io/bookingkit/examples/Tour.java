package io.bookingkit.examples;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bookingkit.BookingEngine;
import io.bookingkit.analytics.BookingStats;
import io.bookingkit.analytics.Counts;
import io.bookingkit.analytics.SeatTime;
import io.bookingkit.analytics.StatsQuery;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.Lifecycle;
import io.bookingkit.ical.ICalendar;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.Schema;
import io.bookingkit.notify.NotificationPort;
import io.bookingkit.notify.mail.MailNotifier;
import io.bookingkit.notify.mail.Recipient;
import io.bookingkit.notify.mail.TlsMode;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.policy.Violation;
import io.bookingkit.recurrence.ConflictPolicy;
import io.bookingkit.recurrence.RecurrenceRule;
import io.bookingkit.recurrence.SeriesRequest;
import io.bookingkit.recurrence.SeriesResult;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.session.Session;
import io.bookingkit.slot.Slot;
import io.bookingkit.slot.SlotQuery;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.IntervalSet;
import io.bookingkit.time.WallClock;
import io.bookingkit.waitlist.WaitlistEntry;
import io.bookingkit.waitlist.WaitlistRequest;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.threeten.extra.Interval;
import org.threeten.extra.MutableClock;

/**
 * The example tour: a barber, a doctor's practice and a yoga studio, on embedded H2 by default.
 *
 * <pre>
 * mvn -q -B -pl booking-examples -am -DskipTests package exec:java
 * mvn -q -B -pl booking-examples -am -DskipTests package exec:java -Dexec.args="jdbc:postgresql://localhost/shop user secret"
 * </pre>
 *
 * Each step prints what the library computes, so the output reads as a walkthrough. The clock is
 * fixed, so every run shows the same days; on a database that outlives the run, each run uses
 * tenants of its own.
 */
public final class Tour {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final ZoneId BUENOS_AIRES = ZoneId.of("America/Argentina/Buenos_Aires");
    private static String run = "";

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
        String url = args.length > 0 ? args[0] : "jdbc:h2:mem:tour;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0";
        if (args.length > 0) {
            run = "-" + Long.toString(System.currentTimeMillis(), 36);
        }
        try (HikariDataSource dataSource = dataSource(url, args)) {
            Schema.create(dataSource);
            JdbcBookingStore store = JdbcBookingStore.create(dataSource);
            out.println("== Store: " + store.dialect().name() + " at " + url);
            out.println();
            Clock clock = Clock.fixed(Instant.parse("2026-12-21T12:00:00Z"), ZoneOffset.UTC);
            NotificationPort console = n -> out.printf("   [notify %s] %s to %s (%s)%n",
                    n.channel().map(Object::toString).orElse("default"), n.kind(), n.recipient(), n.locale().toLanguageTag());
            BookingEngine engine = BookingEngine.builder().store(store).clock(clock)
                    .templates(TemplateCatalog.verticals()).notifications(console).build();

            templates(out, engine.templates());
            Resource chair = openingHoursWeek(out, engine);
            barber(out, engine, chair);
            mail(out, store, clock, console, chair);
            doctor(out, engine);
            groupClass(out, engine);
            therapySeries(out, engine);
            statistics(out, store, chair);
            lifecycle(out);
        }
    }

    private static HikariDataSource dataSource(String url, String[] args) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (args.length > 1) {
            config.setUsername(args[1]);
        }
        if (args.length > 2) {
            config.setPassword(args[2]);
        }
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    static void templates(PrintStream out, TemplateCatalog catalog) {
        out.println("== The five vertical templates that ship in the jar");
        for (String name : TemplateCatalog.VERTICALS) {
            ServiceTemplate t = catalog.get(name);
            out.printf("   %-14s %s%n", name, TemplateCatalog.toProperties(t).entrySet().stream()
                    .filter(e -> !e.getKey().equals("name"))
                    .filter(e -> !e.getValue().equals("0") && !e.getValue().equals("1"))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        }
        out.println();
    }

    /** A barber in Buenos Aires: a lunch break, Christmas off. */
    static Resource openingHoursWeek(PrintStream out, BookingEngine engine) {
        OpeningHours hours = OpeningHours.parse(
                "Mo-Fr 09:00-13:00,14:00-19:00; Sa 10:00-14:00; 12-25 off; 2026-12-24 09:00-12:00", BUENOS_AIRES);
        Resource chair = engine.resources().register(Resource.of(tenant("barberia-centro"), "chair-1", "Silla de Martín", hours));
        out.println("== Opening hours of 'Silla de Martín' (" + BUENOS_AIRES + ")");
        out.println("   " + hours.toText());
        LocalDate monday = LocalDate.of(2026, 12, 21);
        IntervalSet open = hours.openIntervals(Interval.of(WallClock.startOfDay(monday, BUENOS_AIRES),
                WallClock.startOfDay(monday.plusDays(7), BUENOS_AIRES)));
        for (LocalDate date = monday; date.isBefore(monday.plusDays(7)); date = date.plusDays(1)) {
            String ranges = open.intersection(WallClock.day(date, BUENOS_AIRES)).intervals().stream()
                    .map(i -> local(i.getStart(), BUENOS_AIRES) + "-" + local(i.getEnd(), BUENOS_AIRES))
                    .collect(Collectors.joining(", "));
            out.printf("   %s  %s%n", DAY.format(date), ranges.isEmpty() ? "closed" : ranges);
        }
        out.println("   open " + open.totalDuration().toHours() + " hours that week");
        out.println();
        return chair;
    }

    static void barber(PrintStream out, BookingEngine engine, Resource chair) {
        out.println("== Barber: slots on Tuesday, a booking, and why a time is not available (es-AR)");
        LocalDate tuesday = LocalDate.of(2026, 12, 22);
        String shop = chair.tenantId();
        SlotQuery query = SlotQuery.builder().tenant(shop).template("barber").resource(chair.id())
                .window(WallClock.day(tuesday, BUENOS_AIRES)).build();
        List<Slot> slots = engine.availableSlots(query);
        out.println("   " + slots.size() + " free slots: " + slots.stream().limit(6)
                .map(s -> TIME.format(s.start())).collect(Collectors.joining(" ")) + " …");
        Actor lucia = Actor.customer(shop, "lucia");
        Instant tenThirty = WallClock.toInstant(tuesday, LocalTime.of(10, 30), BUENOS_AIRES);
        Booking booking = engine.book(BookingRequest.builder().template("barber").resource(chair.id())
                .start(tenThirty).idempotencyKey("lucia-2026-12-22").build(), lucia);
        out.println("   booked " + booking.id().substring(0, 8) + "… " + booking.status() + " at "
                + local(booking.interval().getStart(), BUENOS_AIRES));
        try {
            engine.book(BookingRequest.builder().template("barber").resource(chair.id()).start(tenThirty).build(),
                    Actor.customer(shop, "diego"));
        } catch (SlotUnavailableException e) {
            out.println("   diego at 10:30: " + e.violations().get(0).message(Locale.forLanguageTag("es-AR")));
        }
        List<Violation> reasons = engine.whyNotAvailable(query, WallClock.toInstant(tuesday, LocalTime.of(13, 0),
                BUENOS_AIRES));
        reasons.forEach(v -> out.println("   13:00 → " + v.code() + ": " + v.message(Locale.forLanguageTag("es-AR"))));
        Booking again = engine.book(BookingRequest.builder().template("barber").resource(chair.id())
                .start(tenThirty).idempotencyKey("lucia-2026-12-22").build(), lucia);
        out.println("   retry with the same idempotency key returns the same booking: " + again.id().equals(booking.id()));
        Booking cancelled = engine.cancel(booking.id(), lucia, "no puedo ir");
        out.println("   lucia cancels (more than 24 h ahead): " + cancelled.status());
        out.println();
    }

    /**
     * The barber's confirmation by e-mail, to an SMTP server in this JVM (GreenMail on
     * 127.0.0.1): the mail port is the default, and the reminders' channels keep their own ports.
     */
    static void mail(PrintStream out, JdbcBookingStore store, Clock clock, NotificationPort console, Resource chair) {
        out.println("== E-mail: the barber's confirmation, in Spanish, to an SMTP server in this JVM");
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            TemplateCatalog catalog = TemplateCatalog.verticals();
            MailNotifier mail = MailNotifier.builder()
                    .host("127.0.0.1").port(smtp.getSmtp().getPort()).tls(TlsMode.NONE)
                    .sender("turnos@barberia.example", "Barbería Centro")
                    .linkPattern("https://barberia.example/turnos/{bookingId}")
                    .recipients((tenant, customer) -> tenant.equals(chair.tenantId()) && customer.equals("valentina")
                            ? Optional.of(Recipient.of("valentina@example.com.ar", "Valentina")) : Optional.empty())
                    .store(store).templates(catalog).build();
            // E-mail is the default port and the e-mail reminders' too; the other channels stay on
            // the console. A template channel left without a port would fail build().
            BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(catalog)
                    .notifications(mail).notifications("email", mail).notifications("whatsapp", console)
                    .notifications("sms", console).notifications("push", console).build();
            Instant friday = WallClock.toInstant(LocalDate.of(2026, 12, 26), LocalTime.of(11, 0), BUENOS_AIRES);
            engine.book(BookingRequest.builder().template("barber").resource(chair.id()).start(friday).build(),
                    Actor.customer(chair.tenantId(), "valentina"));
            smtp.waitForIncomingEmail(10_000, 1);
            for (MimeMessage message : smtp.getReceivedMessages()) {
                out.println("   to " + String.join(", ", Arrays.stream(message.getAllRecipients())
                        .map(Object::toString).toList()) + ": " + message.getSubject());
                out.println(indent(String.valueOf(textPart(message).getContent())));
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Reading the tour's e-mail failed", e);
        } finally {
            smtp.stop();
        }
        out.println();
    }

    /** The plain-text part of a message, however deep its multiparts nest it. */
    private static Part textPart(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Part found = textPart(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String indent(String text) {
        return text.replace("\r\n", "\n").lines().map(line -> "   | " + line).collect(Collectors.joining("\n"));
    }

    static void doctor(PrintStream out, BookingEngine engine) {
        out.println("== Doctor: bookings wait for the practice to confirm");
        String clinic = tenant("clinica-norte");
        ZoneId zone = ZoneId.of("Europe/Madrid");
        Resource doctor = engine.resources().register(Resource.of(clinic, "dr-garcia", "Dra. García",
                OpeningHours.parse("Mo-Fr 08:00-14:00", zone)));
        Actor staff = Actor.staff(clinic, "reception", Set.of(doctor.id()));
        Instant nine = WallClock.toInstant(LocalDate.of(2026, 12, 23), LocalTime.of(9, 0), zone);
        Booking pending = engine.book(BookingRequest.builder().template("doctor").resource(doctor.id()).start(nine).build(),
                Actor.customer(clinic, "ana"));
        out.println("   ana asks for 09:00: " + pending.status() + ", expires " + pending.expiresAt().orElseThrow());
        try {
            engine.book(BookingRequest.builder().template("doctor").resource(doctor.id()).start(nine).build(),
                    Actor.customer(clinic, "ben"));
        } catch (SlotUnavailableException e) {
            out.println("   ben asks for 09:00 too: refused, the pending booking holds the time");
        }
        Booking confirmed = engine.confirm(pending.id(), staff);
        out.println("   reception confirms: " + confirmed.status());
        Path ics = writeCalendar(confirmed, doctor);
        out.println("   ana's appointment for her phone's calendar: " + ics);
        Booking other = engine.book(BookingRequest.builder().template("doctor").resource(doctor.id())
                .start(nine.plusSeconds(20 * 60)).build(), Actor.customer(clinic, "ben"));
        out.println("   ben takes 09:20, reception declines: "
                + engine.decline(other.id(), staff, "Dra. García is at a conference that hour").status());
        try {
            engine.book(BookingRequest.builder().template("doctor").resource(doctor.id())
                    .start(Instant.parse("2026-12-21T12:20:00Z")).build(), Actor.customer(clinic, "carla"));
        } catch (PolicyViolationException e) {
            out.println("   carla asks for a time that is too soon: " + e.codes());
        }
        out.println();
    }

    static void groupClass(PrintStream out, BookingEngine engine) {
        out.println("== Yoga: a 12-seat class");
        String studio = tenant("yoga-sur");
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Resource room = engine.resources().register(new Resource(studio, "room-a", "Room A",
                OpeningHours.parse("Mo-Sa 07:00-21:00", zone), 12));
        Instant six = WallClock.toInstant(LocalDate.of(2026, 12, 22), LocalTime.of(18, 0), zone);
        for (int i = 0; i < 5; i++) {
            engine.book(BookingRequest.builder().template("group-class").resource(room.id()).start(six).partySize(2).build(),
                    Actor.customer(studio, "member-" + i));
        }
        SlotQuery query = SlotQuery.builder().tenant(studio).template("group-class").resource(room.id())
                .window(Interval.of(six, six.plusSeconds(3600))).build();
        out.println("   after five pairs: " + engine.availableSlots(query).get(0).remainingSeats() + " seats left at 18:00");
        Booking lastPair = engine.book(BookingRequest.builder().template("group-class").resource(room.id()).start(six)
                .partySize(2).build(), Actor.customer(studio, "member-5"));
        Actor desk = Actor.staff(studio, "desk", Set.of(room.id()));
        Session full = engine.session(room.id(), six, desk);
        out.println("   a sixth pair fills it: " + full.seatsTaken() + " of " + full.capacity() + " seats, "
                + full.participants().size() + " bookings");
        Actor mia = Actor.customer(studio, "mia");
        WaitlistEntry entry = engine.joinWaitlist(WaitlistRequest.builder().template("group-class")
                .resource(room.id()).start(six).build(), mia);
        out.println("   mia joins the waitlist: " + entry.status() + ", position "
                + engine.waitlistOf("mia", mia).get(0).position().orElseThrow());
        out.println("   member-5 cancels; the freed seats go to the first in line in the same step:");
        engine.cancel(lastPair.id(), Actor.customer(studio, "member-5"), "");
        WaitlistEntry offered = engine.findEntry(entry.id(), mia).orElseThrow();
        Booking offer = engine.find(offered.offerId().orElseThrow(), mia).orElseThrow();
        out.println("   mia's entry is " + offered.status() + ": a " + offer.status() + " seat until "
                + offer.expiresAt().orElseThrow());
        out.println("   mia accepts: " + engine.confirm(offer.id(), mia).status() + ", entry "
                + engine.findEntry(entry.id(), mia).orElseThrow().status());
        out.println();
    }

    static void therapySeries(PrintStream out, BookingEngine engine) {
        out.println("== Psychologist: a client every Tuesday at 18:00, as one series");
        String practice = tenant("consulta-norte");
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Resource office = engine.resources().register(Resource.of(practice, "office-1", "Office 1",
                OpeningHours.parse("Mo-Fr 08:00-20:00", zone)));
        Instant first = WallClock.toInstant(LocalDate.of(2027, 1, 5), LocalTime.of(18, 0), zone);
        engine.book(BookingRequest.builder().template("psychologist").resource(office.id())
                .start(first.plus(Duration.ofDays(14))).build(), Actor.customer(practice, "another-client"));
        SeriesResult series = engine.bookSeries(SeriesRequest.builder().template("psychologist").resource(office.id())
                .start(first).rule(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TU;COUNT=12"))
                .policy(ConflictPolicy.SKIP_CONFLICTS).build(), Actor.customer(practice, "ana"));
        out.println("   " + series.booked().size() + " of 12 booked, all at " + series.booked().stream()
                .map(b -> local(b.interval().getStart(), zone)).distinct().toList() + " local, in one unit of work");
        series.skipped().forEach(s -> out.println("   skipped #" + s.index() + " on "
                + s.start().atZone(zone).toLocalDate() + ": " + s.reasons().get(0).code()));
        out.println();
    }

    /**
     * A month of the barber's appointments replayed on a clock of their own (booked ahead, some
     * cancelled, then served or missed), and the statistics the owner reads on December 1st.
     */
    static void statistics(PrintStream out, JdbcBookingStore store, Resource chair) {
        out.println("== Statistics: the barber's November (" + BUENOS_AIRES + ")");
        String shop = tenant("barberia-norte");
        Resource second = new Resource(shop, "chair-2", "Silla de Paula", chair.hours(), 1);
        MutableClock clock = MutableClock.of(Instant.parse("2026-10-20T12:00:00Z"), ZoneOffset.UTC);
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.verticals())
                .notificationsDeliveredElsewhere().build();
        engine.resources().register(second);
        Actor owner = Actor.admin(shop, "owner");
        Actor staff = Actor.staff(shop, "paula", Set.of(second.id()));
        Random random = new Random(11);
        record Step(Instant at, int order, Runnable action) {
        }
        List<Step> steps = new ArrayList<>();
        LocalDate first = LocalDate.of(2026, 11, 2);
        for (LocalDate date = first; date.isBefore(LocalDate.of(2026, 12, 1)); date = date.plusDays(1)) {
            for (int hour = 9; hour < 19; hour++) {
                Instant start = WallClock.toInstant(date, LocalTime.of(hour, random.nextBoolean() ? 0 : 30), BUENOS_AIRES);
                if (random.nextInt(10) < 4 || !second.hours().isOpenThroughout(Interval.of(start, Duration.ofMinutes(30)))) {
                    continue;
                }
                Actor customer = Actor.customer(shop, "client-" + steps.size());
                Instant madeAt = start.minus(Duration.ofHours(2 + random.nextInt(24 * 12)));
                int fate = random.nextInt(20);
                String[] id = new String[1];
                steps.add(new Step(madeAt, 0, () -> id[0] = engine.book(BookingRequest.builder().template("barber")
                        .resource(second.id()).start(start).build(), customer).id()));
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
        steps.sort(Comparator.comparing(Step::at).thenComparing(Step::order));
        for (Step step : steps) {
            clock.setInstant(step.at());
            step.action().run();
        }
        clock.setInstant(WallClock.toInstant(LocalDate.of(2026, 12, 1), LocalTime.of(9, 0), BUENOS_AIRES));
        Interval november = Interval.of(WallClock.startOfDay(LocalDate.of(2026, 11, 1), BUENOS_AIRES),
                WallClock.startOfDay(LocalDate.of(2026, 12, 1), BUENOS_AIRES));
        BookingStats stats = engine.stats(StatsQuery.of(november), owner);
        Counts counts = stats.counts();
        out.println("   bookings by status: " + counts.byStatus().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
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
        out.println();
    }

    private static String days(Duration d) {
        return d.toDaysPart() + " d " + d.toHoursPart() + " h";
    }

    private static Path writeCalendar(Booking booking, Resource resource) {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "bookingkit-tour"));
            return Files.writeString(dir.resolve("appointment-" + booking.id().substring(0, 8) + ".ics"),
                    ICalendar.of(booking, resource, ICalendar.Method.REQUEST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void lifecycle(PrintStream out) {
        out.println("== The lifecycle table");
        Lifecycle.markdown().lines().forEach(line -> out.println("   " + line));
    }

    private static String tenant(String name) {
        return name + run;
    }

    private static String local(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }
}
