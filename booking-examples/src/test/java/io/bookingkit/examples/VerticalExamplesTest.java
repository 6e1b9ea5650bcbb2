package io.bookingkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.BookingEngine;
import io.bookingkit.analytics.BookingStats;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Role;
import io.bookingkit.booking.Transition;
import io.bookingkit.conflict.Conflict;
import io.bookingkit.examples.barber.BarberMail;
import io.bookingkit.examples.barber.BarberMonth;
import io.bookingkit.examples.barber.BarberShop;
import io.bookingkit.examples.barber.SlotRace;
import io.bookingkit.examples.doctor.DoctorsPractice;
import io.bookingkit.examples.fieldservice.FieldCrew;
import io.bookingkit.examples.psychologist.WeeklyTherapy;
import io.bookingkit.examples.yoga.YogaClass;
import io.bookingkit.jdbc.JdbcBookingStore;
import io.bookingkit.jdbc.Schema;
import io.bookingkit.recurrence.SeriesResult;
import io.bookingkit.resource.Resource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.Interval;

/**
 * Each vertical's example runs on a database of its own and tells its story: what it prints is
 * checked, and what it claims is checked again against the store.
 */
class VerticalExamplesTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Interval ALL_OF_2026_27 =
            Interval.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-12-31T00:00:00Z"));

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final JdbcBookingStore store;

    VerticalExamplesTest() {
        dataSource.setURL(Examples.h2Url("verticals-" + DATABASES.incrementAndGet()));
        Schema.create(dataSource);
        store = JdbcBookingStore.create(dataSource);
    }

    /** What an example printed, and what it returned. */
    private record Told<T>(String out, T result) {
    }

    private static <T> Told<T> tell(Function<PrintStream, T> example) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        T result = example.apply(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return new Told<>(buffer.toString(StandardCharsets.UTF_8), result);
    }

    private static void assertPrints(String out, String... expected) {
        for (String line : expected) {
            assertTrue(out.contains(line), "the example should print '" + line + "', but printed:\n" + out);
        }
    }

    private Booking onlyBookingOf(String tenant, String customer) {
        List<Booking> bookings = store.reads(tenant).findByCustomer(customer, ALL_OF_2026_27);
        assertEquals(1, bookings.size(), customer + "'s bookings: " + bookings);
        return bookings.get(0);
    }

    @Test
    void theBarberRefusesInSpanishAndKeepsALateCancellationBooked() {
        Told<Resource> told = tell(out -> BarberShop.run(out, store, "shop"));
        Booking lucia = onlyBookingOf("shop", "lucia");
        assertPrints(told.out(), "Mon 2026-12-21  09:00-13:00, 14:00-19:00", "Fri 2026-12-25  closed",
                "Sat 2026-12-26  10:00-14:00", "open 34 hours that week",
                "Tuesday's free slots: 09:00 09:30 10:00 10:30 11:00 11:30 12:00 12:30 14:00",
                "diego at 10:30: Silla de Martín ya está ocupado en ese horario (turno " + lucia.id() + ").",
                "13:00 → closed: Silla de Martín no atiende durante todo el horario de 2026-12-22 13:00 a 2026-12-22 13:30.",
                "retry with the same idempotency key returns the same booking: true",
                "lucia cancels (more than 24 h ahead): CANCELLED",
                "tomas cancels today's 17:00 at 09:00: [cancellation-cutoff] Podés cancelar hasta ", " antes del turno; este empieza en ");
        assertEquals(BookingStatus.CANCELLED, lucia.status());
        assertEquals(List.of(), store.reads("shop").findByCustomer("diego", ALL_OF_2026_27), "diego was refused");
        Booking tomas = onlyBookingOf("shop", "tomas");
        assertEquals(BookingStatus.CONFIRMED, tomas.status(), "a refused late cancellation leaves the booking as it was");
        assertEquals(LocalTime.of(17, 0), tomas.interval().getStart().atZone(BarberShop.BUENOS_AIRES).toLocalTime());
        assertEquals("chair-1", told.result().id());
    }

    @Test
    void theBarbersConfirmationArrivesBySmtpInSpanish() {
        Resource chair = Resource.of("shop", "chair-1", "Silla de Martín", BarberShop.HOURS);
        Told<Void> told = tell(out -> {
            BarberMail.run(out, store, chair);
            return null;
        });
        assertPrints(told.out(),
                "to Valentina <valentina@example.com.ar>: Turno confirmado: sábado, 26 de diciembre de 2026, 11:00",
                "| tu turno está confirmado: Silla de Martín, el sábado, 26 de diciembre de 2026, de 11:00 a 11:30",
                "| Podés cancelar o cambiar el turno hasta 24 horas antes del horario.",
                "| Tu turno: https://barberia.example/turnos/" + onlyBookingOf("shop", "valentina").id());
        assertEquals(List.of(), store.outbox().parkedMessages("shop"), "nothing was given up on");
    }

    @Test
    void thirtyTwoThreadsForOneSlotLeaveExactlyOneBookingInTheDatabase() throws SQLException {
        Told<SlotRace.Outcome> told = tell(out -> SlotRace.run(out, store, "race", 32));
        assertEquals(new SlotRace.Outcome(1, 31, 1), told.result());
        assertPrints(told.out(), "32 customers click Saturday 10:00 at once: 1 winner, 31 refused; the store holds 1 booking");
        // Counted by SQL, not by the threads or the engine: the rows that block the chair then.
        Instant ten = ZonedDateTime.of(2026, 12, 26, 10, 0, 0, 0, BarberShop.BUENOS_AIRES).toInstant();
        assertEquals(1, blockingRows("race", "chair-1", Interval.of(ten, ten.plusSeconds(30 * 60))),
                "bookings blocking the chair on Saturday at 10:00");
        assertEquals(0, blockingRows("race", "chair-1", Interval.of(ten.plusSeconds(30 * 60), ten.plusSeconds(60 * 60))),
                "the count is of that slot: nobody raced for 10:30");
        try (Connection c = dataSource.getConnection();
             PreparedStatement all = c.prepareStatement("SELECT COUNT(*) FROM bk_booking WHERE tenant_id = 'race'");
             ResultSet rows = all.executeQuery()) {
            rows.next();
            assertEquals(1, rows.getInt(1), "refused requests write no booking at all");
        }
    }

    private int blockingRows(String tenant, String resource, Interval slot) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement query = c.prepareStatement("SELECT COUNT(*) FROM bk_booking_resource"
                     + " WHERE tenant_id = ? AND resource_id = ?"
                     + " AND status IN ('HELD', 'PENDING', 'CONFIRMED', 'IN_PROGRESS')"
                     + " AND occupied_start < ? AND occupied_end > ?")) {
            query.setString(1, tenant);
            query.setString(2, resource);
            query.setObject(3, slot.getEnd().atOffset(ZoneOffset.UTC));
            query.setObject(4, slot.getStart().atOffset(ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void aMonthOfStatisticsCountsEveryBookingOfTheMonth() {
        Told<BarberMonth.Month> told = tell(out -> BarberMonth.run(out, store, "month"));
        BookingStats stats = told.result().stats();
        int total = stats.counts().byStatus().values().stream().mapToInt(Long::intValue).sum();
        assertEquals(told.result().booked(), total, "every seeded booking is counted once");
        assertTrue(total > 100, "a month of a busy chair: " + total);
        assertEquals(total, stats.counts().cancellation().of(), "every booking was confirmed once");
        assertTrue(stats.seatTime().utilization().orElseThrow() > 0);
        assertPrints(told.out(), told.result().booked() + " bookings in November; by status: COMPLETED ",
                "utilization ", "busiest hours: ");
    }

    @Test
    void theDoctorsRequestWaitsForStaffAndBecomesACalendarFile(@TempDir Path directory) throws Exception {
        Told<DoctorsPractice.Visit> told = tell(out -> DoctorsPractice.run(out, store, "clinic", directory));
        assertPrints(told.out(), "ana asks for 09:00: PENDING, expires 2026-12-22T00:00:00Z",
                "ben asks for 09:00 too: refused, the pending booking " + told.result().confirmed().id().substring(0, 8),
                "reception confirms: CONFIRMED", "ben takes 09:20, reception declines: DECLINED",
                "carla asks for a time that is too soon: [min-notice]", "[notify default] REQUESTED to ana (en)");
        Booking ana = onlyBookingOf("clinic", "ana");
        assertEquals(BookingStatus.CONFIRMED, ana.status());
        List<Transition> history = ana.history();
        assertEquals(List.of(BookingStatus.PENDING, BookingStatus.CONFIRMED),
                history.stream().map(Transition::to).toList());
        assertEquals(Role.STAFF, history.get(1).actor().role(), "reception confirmed it");
        assertEquals(BookingStatus.DECLINED, onlyBookingOf("clinic", "ben").status());
        String ics = Files.readString(told.result().calendar());
        for (String line : List.of("BEGIN:VCALENDAR", "METHOD:REQUEST", "STATUS:CONFIRMED",
                "DTSTART;TZID=Europe/Madrid:20261223T090000", "DTEND;TZID=Europe/Madrid:20261223T092000",
                "LOCATION:Dra. García")) {
            assertTrue(ics.contains(line + "\r\n"), "the .ics should hold " + line + ":\n" + ics);
        }
    }

    @Test
    void theCrewsSecondJobInATechniciansTravelTimeIsRefusedNamingTheFirst() {
        Told<FieldCrew.Jobs> told = tell(out -> FieldCrew.run(out, store, "crew"));
        FieldCrew.Jobs jobs = told.result();
        String tech = jobs.first().resourceIds().get(0);
        assertNotNull(jobs.refused(), "the job in the travel time should have been refused");
        List<Conflict> conflicts = jobs.refused().conflicts();
        assertEquals(1, conflicts.size(), conflicts.toString());
        assertEquals(jobs.first().id(), conflicts.get(0).bookingId());
        assertEquals(tech, conflicts.get(0).resourceId());
        assertEquals(Conflict.Kind.BUFFER, conflicts.get(0).kind(), "the jobs touch; their travel overlaps");
        assertEquals(jobs.first().occupied(), conflicts.get(0).occupied());
        assertEquals(jobs.first().interval().getStart().minusSeconds(30 * 60), jobs.first().occupied().getStart());
        assertNotEquals(tech, jobs.reassigned().resourceIds().get(0), "the crew's next technician takes the job");
        assertEquals(tech, jobs.adjoining().resourceIds().get(0));
        assertEquals(jobs.first().occupied().getEnd(), jobs.adjoining().occupied().getStart());
        assertPrints(told.out(), "the engine picks " + tech, "refused, BUFFER conflict with "
                + jobs.first().id().substring(0, 8) + "… on " + tech + " (09:30-12:30)");
        // On the first technician, nothing but the two jobs that only touch.
        List<Booking> onTech = store.reads("crew").findOverlapping(List.of(tech), ALL_OF_2026_27).stream()
                .filter(b -> b.status().blocksTime()).toList();
        assertEquals(Set.of(jobs.first().id(), jobs.adjoining().id()),
                onTech.stream().map(Booking::id).collect(Collectors.toSet()));
    }

    @Test
    void theYogaClassOffersAFreedSeatToTheWaitlistAndMaintenanceDecidesTheQuorums() {
        Told<YogaClass.Classes> told = tell(out -> YogaClass.run(out, store, "studio"));
        YogaClass.Classes classes = told.result();
        assertPrints(told.out(), "after five pairs: 2 seats left at 18:00", "a sixth pair fills it: 12 of 12 seats, 6 bookings",
                "mia joins the waitlist: WAITING, position 1", "[notify default] WAITLIST_OFFER to mia (en)",
                "mia's entry is OFFERED: a HELD seat until 2026-12-21T14:00:00Z", "mia accepts: CONFIRMED, entry BOOKED",
                "[notify default] CANCELLED to early-bird (en)");
        Booking mia = onlyBookingOf("studio", "mia");
        assertEquals(BookingStatus.CONFIRMED, mia.status());
        assertEquals(classes.entry().id(), mia.waitlistEntryId().orElseThrow(), "mia's seat was her entry's offer");
        assertEquals(List.of(BookingStatus.HELD, BookingStatus.CONFIRMED), mia.history().stream().map(Transition::to).toList());
        assertEquals(1, classes.maintenance().sessionsKept());
        assertEquals(1, classes.maintenance().sessionsCancelled());
        assertEquals(11, classes.evening().seatsTaken());
        assertTrue(classes.evening().quorumMet());
        assertEquals(0, classes.early().seatsTaken());
        Booking early = onlyBookingOf("studio", "early-bird");
        assertEquals(BookingStatus.CANCELLED, early.status());
        Transition last = early.history().get(early.history().size() - 1);
        assertEquals(Role.SYSTEM, last.actor().role());
        assertEquals(BookingEngine.QUORUM_NOT_REACHED, last.reason());
    }

    @Test
    void theWeeklySeriesKeepsItsWallClockTimeAcrossTheChangeToWinterTime() {
        Told<SeriesResult> told = tell(out -> WeeklyTherapy.run(out, store, "praxis"));
        ZoneId berlin = WeeklyTherapy.BERLIN;
        // Read back from the store, not from what the example returned.
        List<Booking> series = store.reads("praxis").findBySeries(told.result().seriesId());
        assertEquals(5, series.size());
        Set<LocalTime> localTimes = series.stream()
                .map(b -> b.interval().getStart().atZone(berlin).toLocalTime()).collect(Collectors.toSet());
        assertEquals(Set.of(LocalTime.of(18, 0)), localTimes, "18:00 on both sides of 25 October");
        Set<ZoneOffset> offsets = series.stream()
                .map(b -> b.interval().getStart().atZone(berlin).getOffset()).collect(Collectors.toSet());
        assertEquals(Set.of(ZoneOffset.ofHours(2), ZoneOffset.ofHours(1)), offsets);
        Set<LocalTime> utcTimes = series.stream()
                .map(b -> b.interval().getStart().atZone(ZoneOffset.UTC).toLocalTime()).collect(Collectors.toSet());
        assertEquals(Set.of(LocalTime.of(16, 0), LocalTime.of(17, 0)), utcTimes, "an hour later in UTC from the change");
        assertEquals(1, told.result().skipped().size());
        assertEquals(4, told.result().skipped().get(0).index());
        assertEquals("overlap", told.result().skipped().get(0).reasons().get(0).code());
        assertPrints(told.out(), "#1 Tue 2026-10-20 18:00 +02:00  = 16:00 UTC", "#2 Tue 2026-10-27 18:00 +01:00  = 17:00 UTC",
                "#4 Tue 2026-11-10 18:00 +01:00  skipped: overlap");
    }
}
