package io.bookingkit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.BookingEngine;
import io.bookingkit.policy.PolicyViolationException;
import io.bookingkit.policy.SlotUnavailableException;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.conflict.Conflict;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.slot.Slot;
import io.bookingkit.slot.SlotQuery;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/**
 * Readable examples of the rules, one vertical at a time, through {@link BookingEngine} with an
 * in-memory store. Each reads as: the template's settings, the situation, what the engine says.
 */
class ScenarioPerVerticalTest {

    private static final String TENANT = "tenant-a";
    private static final TemplateCatalog VERTICALS = TemplateCatalog.verticals();

    /** The psychologist: 50-minute sessions on the hour, 10 minutes for notes after each, no same-day bookings. */
    @Nested
    class Psychologist {
        private final ZoneId madrid = ZoneId.of("Europe/Madrid");
        private final InMemoryBookingStore store = new InMemoryBookingStore();
        // Monday 1 June 2026, 08:00 in Madrid.
        private final BookingEngine engine = engine(store, at(madrid, "2026-06-01T08:00"), VERTICALS);
        private final LocalDate wednesday = LocalDate.of(2026, 6, 3);

        Psychologist() {
            engine.resources().register(Resource.of(TENANT, "dr-ruiz", "Dr. Ruiz", OpeningHours.parse("Mo-Fr 09:00-18:00", madrid)));
        }

        private Booking sessionAt(String time, String customer) {
            return engine.book(BookingRequest.builder().template("psychologist").resource("dr-ruiz")
                    .start(at(madrid, wednesday + "T" + time).toInstant()).build(), Actor.customer(TENANT, customer));
        }

        private SlotQuery query(Interval window) {
            return SlotQuery.builder().tenant(TENANT).template("psychologist").resource("dr-ruiz").window(window).build();
        }

        private List<String> codesAt(String time) {
            return codes(engine.whyNotAvailable(query(WallClock.day(wednesday, madrid)), at(madrid, wednesday + "T" + time).toInstant()));
        }

        @Test
        void aSessionBlocksItsHourIncludingTheNotesAfterIt() {
            Booking ana = sessionAt("10:00", "ana");
            assertEquals(BookingStatus.CONFIRMED, ana.status());
            assertEquals(at(madrid, "2026-06-03T10:50").toInstant(), ana.interval().getEnd());
            assertEquals(at(madrid, "2026-06-03T11:00").toInstant(), ana.occupied().getEnd(), "50 minutes + 10 for notes");

            // On the hourly grid the next session starts at 11:00: its time begins as the notes end.
            assertEquals(List.of("09:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00"),
                    localTimes(engine.availableSlots(query(WallClock.day(wednesday, madrid))), madrid));
            assertEquals(List.of(), codesAt("11:00"));
            assertEquals(List.of(), codesAt("09:00"), "09:00-09:50 plus notes ends as Ana's session starts");

            // Off the grid: a session at 10:55 would start during Ana's notes ...
            assertEquals(List.of("buffer"), codesAt("10:55"));
            // ... one at 09:10 would still be writing notes when Ana arrives ...
            assertEquals(List.of("buffer"), codesAt("09:10"));
            // ... and one at 10:30 would overlap her session itself.
            assertEquals(List.of("overlap"), codesAt("10:30"));

            Violation buffer = engine.whyNotAvailable(query(WallClock.day(wednesday, madrid)),
                    at(madrid, "2026-06-03T10:55").toInstant()).get(0);
            assertEquals(ana.id(), buffer.param("booking"));
            assertEquals("Too close to booking " + ana.id() + " on Dr. Ruiz: the time kept free around bookings would overlap.",
                    buffer.message(Locale.ENGLISH));
        }

        @Test
        void withTenMinuteStepsTheFirstFreeStartsAroundASessionAreExactlyAnHourApartFromIt() {
            sessionAt("10:00", "ana");
            ServiceTemplate everyTenMinutes = VERTICALS.get("psychologist").toBuilder().slotStep(Duration.ofMinutes(10)).build();
            BookingEngine fine = engine(store, at(madrid, "2026-06-01T08:00"), VERTICALS.with(everyTenMinutes));
            Interval morning = Interval.of(at(madrid, "2026-06-03T08:50").toInstant(), at(madrid, "2026-06-03T11:20").toInstant());
            // 09:10 to 10:50 are refused: either the session or its notes would touch Ana's hour.
            assertEquals(List.of("09:00", "11:00", "11:10"), localTimes(fine.availableSlots(query(morning)), madrid));
        }

        @Test
        void aLengthTheTemplateDoesNotOfferIsRefusedForThatReasonAlone() {
            sessionAt("12:00", "ana");
            // A 70-minute session at 11:00 is not offered, and would also run into Ana's 12:00 session:
            // both reasons, and not "closed", since Dr. Ruiz is in until 18:00.
            SlotQuery seventyMinutes = SlotQuery.builder().tenant(TENANT).template("psychologist").resource("dr-ruiz")
                    .window(WallClock.day(wednesday, madrid)).duration(Duration.ofMinutes(70)).build();
            assertEquals(List.of("duration", "overlap"),
                    codes(engine.whyNotAvailable(seventyMinutes, at(madrid, "2026-06-03T11:00").toInstant())));
            assertEquals(List.of("duration"),
                    codes(engine.whyNotAvailable(seventyMinutes, at(madrid, "2026-06-03T14:00").toInstant())));
            assertEquals(List.of(), engine.availableSlots(seventyMinutes));
        }

        @Test
        void noSessionCanBeBookedForToday() {
            Instant thisAfternoon = at(madrid, "2026-06-01T15:00").toInstant();
            // 24 hours of notice also rule out anything today; both reasons are given.
            assertEquals(List.of("min-notice", "same-day"),
                    codes(engine.whyNotAvailable(query(WallClock.day(wednesday, madrid)), thisAfternoon)));
            PolicyViolationException refused = assertThrows(PolicyViolationException.class, () -> engine.book(
                    BookingRequest.builder().template("psychologist").resource("dr-ruiz").start(thisAfternoon).build(),
                    Actor.customer(TENANT, "ana")));
            assertEquals(List.of("min-notice", "same-day"), refused.codes());
            assertEquals("Bookings cannot start on the day they are made (2026-06-01).",
                    refused.violations().get(1).message(Locale.ENGLISH));

            // Without the notice, same-day is the one reason left.
            ServiceTemplate noNotice = VERTICALS.get("psychologist").toBuilder().minNotice(Duration.ZERO).build();
            BookingEngine walkIn = engine(store, at(madrid, "2026-06-01T08:00"), VERTICALS.with(noNotice));
            assertEquals(List.of("same-day"), codes(walkIn.whyNotAvailable(query(WallClock.day(wednesday, madrid)), thisAfternoon)));
            // Tomorrow morning is fine, 25 hours ahead.
            assertEquals(List.of(), codes(engine.whyNotAvailable(query(WallClock.day(wednesday, madrid)),
                    at(madrid, "2026-06-02T09:00").toInstant())));
        }
    }

    /** The doctor: 20-minute consultations that the practice confirms within 12 hours. */
    @Nested
    class Doctor {
        private final ZoneId london = ZoneId.of("Europe/London");
        private final InMemoryBookingStore store = new InMemoryBookingStore();
        private final ZonedDateTime monday7am = at(london, "2026-06-01T07:00");
        private final BookingEngine engine = engine(store, monday7am, VERTICALS);
        private final Interval tuesdayMorning = Interval.of(at(london, "2026-06-02T08:00").toInstant(),
                at(london, "2026-06-02T10:00").toInstant());
        private final Instant nineTuesday = at(london, "2026-06-02T09:00").toInstant();

        Doctor() {
            engine.resources().register(Resource.of(TENANT, "dr-patel", "Dr. Patel", OpeningHours.parse("Mo-Fr 08:00-12:00", london)));
        }

        private BookingRequest consultationAtNine() {
            return BookingRequest.builder().template("doctor").resource("dr-patel").start(nineTuesday).build();
        }

        private SlotQuery query(String customer) {
            return SlotQuery.builder().tenant(TENANT).template("doctor").resource("dr-patel").window(tuesdayMorning)
                    .customer(customer).build();
        }

        @Test
        void aPendingRequestHoldsItsTimeAgainstOthersUntilItExpires() {
            Booking bob = engine.book(consultationAtNine(), Actor.customer(TENANT, "bob"));
            assertEquals(BookingStatus.PENDING, bob.status());
            assertEquals(Optional.of(monday7am.plusHours(12).toInstant()), bob.expiresAt());

            // Cleo does not see 09:00, is told why, and cannot take it.
            assertEquals(List.of("08:00", "08:20", "08:40", "09:20", "09:40"),
                    localTimes(engine.availableSlots(query("cleo"), Actor.customer(TENANT, "cleo")), london));
            assertEquals(List.of("overlap"), codes(engine.whyNotAvailable(query("cleo"), nineTuesday, Actor.customer(TENANT, "cleo"))));
            SlotUnavailableException taken = assertThrows(SlotUnavailableException.class,
                    () -> engine.book(consultationAtNine(), Actor.customer(TENANT, "cleo")));
            assertEquals(List.of(bob.id()), taken.conflicts().stream().map(Conflict::bookingId).toList());

            // Nobody confirms within 12 hours: at 19:00 the time is free again, and Cleo gets it.
            BookingEngine evening = engine(store, monday7am.plusHours(12), VERTICALS);
            assertTrue(localTimes(evening.availableSlots(query("cleo"), Actor.customer(TENANT, "cleo")), london).contains("09:00"));
            Booking cleo = evening.book(consultationAtNine(), Actor.customer(TENANT, "cleo"));
            assertEquals(BookingStatus.PENDING, cleo.status());
            assertEquals(BookingStatus.EXPIRED, store.reads(TENANT).findBooking(bob.id()).orElseThrow().status());
        }

        @Test
        void onceStaffConfirmItTheTimeStaysTakenPastTheExpiry() {
            Booking bob = engine.book(consultationAtNine(), Actor.customer(TENANT, "bob"));
            Booking confirmed = engine.confirm(bob.id(), Actor.staff(TENANT, "reception", Set.of("dr-patel")));
            assertEquals(BookingStatus.CONFIRMED, confirmed.status());
            assertEquals(Optional.empty(), confirmed.expiresAt());

            BookingEngine evening = engine(store, monday7am.plusHours(12), VERTICALS);
            assertEquals(List.of("overlap"), codes(evening.whyNotAvailable(query("cleo"), nineTuesday, Actor.customer(TENANT, "cleo"))));
        }
    }

    /** Field service: two-hour jobs with half an hour of travel either side, at most three a day per technician. */
    @Nested
    class FieldService {
        private final ZoneId chicago = ZoneId.of("America/Chicago");
        private final InMemoryBookingStore store = new InMemoryBookingStore();
        private final BookingEngine engine = engine(store, at(chicago, "2026-06-01T08:00"), VERTICALS);
        private final Actor dispatch = Actor.staff(TENANT, "dispatch", Set.of("tech-1", "tech-2"));
        private final LocalDate wednesday = LocalDate.of(2026, 6, 3);

        FieldService() {
            OpeningHours hours = OpeningHours.parse("Mo-Fr 07:00-19:00", chicago);
            engine.resources().register(Resource.of(TENANT, "tech-1", "Tech one", hours));
            engine.resources().register(Resource.of(TENANT, "tech-2", "Tech two", hours));
        }

        private BookingRequest.Builder job(String time, String customer) {
            return BookingRequest.builder().template("field-service").start(at(chicago, wednesday + "T" + time).toInstant())
                    .customer(customer);
        }

        @Test
        void aTechniciansFullDayRefusesAFourthJobButThePoolSendsAnother() {
            for (String[] job : new String[][] {{"08:00", "c1"}, {"11:00", "c2"}, {"14:00", "c3"}}) {
                Booking booked = engine.book(job(job[0], job[1]).resource("tech-1").build(), dispatch);
                assertEquals(BookingStatus.PENDING, booked.status(), "dispatch confirms later; pending jobs count already");
            }
            Instant five = at(chicago, wednesday + "T17:00").toInstant();
            SlotQuery techOne = SlotQuery.builder().tenant(TENANT).template("field-service").resource("tech-1")
                    .window(WallClock.day(wednesday, chicago)).build();

            // 17:00 is open and clear of the 14:00 job's travel time; only the daily limit stands in the way.
            assertEquals(List.of("limit-resource-day"), codes(engine.whyNotAvailable(techOne, five)));
            assertEquals(List.of(), engine.availableSlots(techOne), "the limit closes tech-1's whole day");
            PolicyViolationException refused = assertThrows(PolicyViolationException.class,
                    () -> engine.book(job("17:00", "c4").resource("tech-1").build(), dispatch));
            assertEquals(List.of("limit-resource-day"), refused.codes());
            assertEquals(List.of("Tech one already has as many bookings on 2026-06-03 as allowed (limit 3)."),
                    refused.messages(Locale.ENGLISH));

            // The next day tech-1 is bookable again.
            assertEquals(List.of(), codes(engine.whyNotAvailable(techOne, five.plus(Duration.ofDays(1)))));

            // Any technician of the pool will do: the same time goes to tech-2.
            SlotQuery pool = SlotQuery.builder().tenant(TENANT).template("field-service").anyOf("tech-1", "tech-2")
                    .window(WallClock.day(wednesday, chicago)).build();
            Slot atFive = engine.availableSlots(pool).stream().filter(s -> s.interval().getStart().equals(five))
                    .findFirst().orElseThrow();
            assertEquals("tech-2", atFive.resourceId());
            Booking fourth = engine.book(job("17:00", "c4").anyOf("tech-1", "tech-2").build(), dispatch);
            assertEquals(List.of("tech-2"), fourth.resourceIds());
        }

        @Test
        void travelTimeKeepsJobsAnHourApart() {
            engine.book(job("11:00", "c1").resource("tech-1").build(), dispatch);
            SlotQuery techOne = SlotQuery.builder().tenant(TENANT).template("field-service").resource("tech-1")
                    .window(WallClock.day(wednesday, chicago)).build();
            // 11:00-13:00 keeps tech-1 from 10:30 to 13:30. A job must end its own travel by then, or start after:
            // 08:00 (travel until 10:30) and 14:00 (travel from 13:30) fit; 09:00 and 13:00 do not.
            assertEquals(List.of("07:00", "08:00", "14:00", "15:00", "16:00", "17:00"),
                    localTimes(engine.availableSlots(techOne), chicago));
            assertEquals(List.of("buffer"), codes(engine.whyNotAvailable(techOne, at(chicago, wednesday + "T09:00").toInstant())));
            assertEquals(List.of("buffer"), codes(engine.whyNotAvailable(techOne, at(chicago, wednesday + "T13:00").toInstant())));
        }
    }

    /** Daylight saving: the slot grid follows the wall clock of each date. */
    @Nested
    class DaylightSaving {
        private final ZoneId berlin = ZoneId.of("Europe/Berlin");
        private final InMemoryBookingStore store = new InMemoryBookingStore();

        /** The slots of {@code date}, asked a few days before (the barber books up to 30 days ahead). */
        private List<Slot> slotsOn(LocalDate date) {
            BookingEngine engine = engine(store, date.minusDays(5).atTime(12, 0).atZone(berlin), VERTICALS);
            // A barber open around the clock, so that the night of the change is bookable.
            engine.resources().register(Resource.of(TENANT, "chair", "Chair", OpeningHours.parse("Mo-Su 00:00-24:00", berlin)));
            return engine.availableSlots(SlotQuery.builder().tenant(TENANT).template("barber").resource("chair")
                    .window(WallClock.day(date, berlin)).build());
        }

        @Test
        void theSpringForwardDaySkipsTheMissingHour() {
            List<Slot> slots = slotsOn(LocalDate.of(2026, 3, 29));
            List<String> times = localTimes(slots, berlin);
            // 23 hours of half-hour slots; 02:00 and 02:30 do not exist that night.
            assertEquals(46, slots.size());
            assertEquals(List.of("00:00", "00:30", "01:00", "01:30", "03:00", "03:30"), times.subList(0, 6));
            assertEquals("23:30", times.get(45));
            assertTrue(times.stream().noneMatch(t -> t.startsWith("02:")), times::toString);
            assertEquals(times.size(), new HashSet<>(times).size(), "no start is offered twice");
            // Consecutive slots are 30 real minutes apart across the change: 01:30+01:00 is followed by 03:00+02:00.
            for (int i = 1; i < slots.size(); i++) {
                assertEquals(Duration.ofMinutes(30), Duration.between(slots.get(i - 1).interval().getStart(),
                        slots.get(i).interval().getStart()), times.get(i));
            }
            Slot lastBeforeChange = slots.get(3);
            assertEquals(ZoneOffset.ofHours(1), lastBeforeChange.start().getOffset());
            assertEquals(LocalTime.of(3, 0), lastBeforeChange.end().toLocalTime(), "its 30 minutes end at 03:00 summer time");
        }

        @Test
        void theFallBackDayOffersTheRepeatedHourOnce() {
            List<Slot> slots = slotsOn(LocalDate.of(2026, 10, 25));
            List<String> times = localTimes(slots, berlin);
            // The day lasts 25 hours, but each wall-clock start is offered once: 48 slots.
            assertEquals(48, slots.size());
            assertEquals(times.size(), new HashSet<>(times).size(), "no wall-clock time is offered twice");
            int two = times.indexOf("02:00");
            assertEquals(List.of("01:30", "02:00", "02:30", "03:00"), times.subList(two - 1, two + 3));
            // 02:00 and 02:30 are the first ones, in summer time; the repeated hour in winter time is not offered.
            assertEquals(ZoneOffset.ofHours(2), slots.get(two).start().getOffset());
            assertEquals(ZoneOffset.ofHours(2), slots.get(two + 1).start().getOffset());
            assertEquals(ZoneOffset.ofHours(1), slots.get(two + 2).start().getOffset());
            assertEquals(Duration.ofMinutes(90), Duration.between(slots.get(two + 1).interval().getStart(),
                    slots.get(two + 2).interval().getStart()));
            assertEquals(Instant.parse("2026-10-25T00:00:00Z"), slots.get(two).interval().getStart());
        }
    }

    /** The barber in Buenos Aires, whose customers read Argentine Spanish. */
    @Nested
    class Barber {
        private final ZoneId buenosAires = ZoneId.of("America/Argentina/Buenos_Aires");
        private final InMemoryBookingStore store = new InMemoryBookingStore();
        // Monday 1 June 2026, 09:10; the shop opens at 10:00.
        private final BookingEngine engine = engine(store, at(buenosAires, "2026-06-01T09:10"), VERTICALS);
        private final ServiceTemplate barber = VERTICALS.get("barber");
        private final SlotQuery query = SlotQuery.builder().tenant(TENANT).template("barber").resource("chair-1")
                .window(WallClock.day(LocalDate.of(2026, 6, 1), buenosAires)).customer("diego").build();
        private static final Actor DIEGO = Actor.customer(TENANT, "diego");

        Barber() {
            engine.resources().register(Resource.of(TENANT, "chair-1", "Sillón 1",
                    OpeningHours.parse("Mo-Sa 10:00-20:00", buenosAires)));
        }

        @Test
        void whyNotListsEveryReasonAtOnce() {
            Instant nineThirty = at(buenosAires, "2026-06-01T09:30").toInstant();
            List<Violation> why = engine.whyNotAvailable(query, nineThirty, DIEGO);
            // Too soon (an hour of notice) and before opening: both, cheapest rule first.
            assertEquals(List.of("min-notice", "closed"), codes(why));
            assertEquals("1h", why.get(0).param("notice"));
            assertEquals("20m", why.get(0).param("lead"));

            PolicyViolationException refused = assertThrows(PolicyViolationException.class, () -> engine.book(
                    BookingRequest.builder().template("barber").resource("chair-1").start(nineThirty).build(),
                    Actor.customer(TENANT, "diego")));
            assertEquals(List.of("min-notice", "closed"), refused.codes());

            // The first slot of the day is 10:30: open, and an hour away.
            assertEquals("10:30", localTimes(engine.availableSlots(query, DIEGO), buenosAires).get(0));
        }

        @Test
        void messagesAreInTheTemplatesLanguageArgentineSpanish() {
            List<Violation> why = engine.whyNotAvailable(query, at(buenosAires, "2026-06-01T09:30").toInstant(), DIEGO);
            Locale esAr = barber.locale();
            assertEquals(Locale.forLanguageTag("es-AR"), esAr);

            assertEquals(List.of(
                    "Los turnos se reservan con al menos 1h de anticipación; este empieza en 20m.",
                    "Sillón 1 no atiende durante todo el horario de 2026-06-01 09:30 a 2026-06-01 10:00."),
                    why.stream().map(v -> v.message(esAr)).toList());
            assertEquals(List.of(
                    "Bookings must be made at least 1h ahead; this one starts in 20m.",
                    "Sillón 1 is not open for the whole of 2026-06-01 09:30 to 2026-06-01 10:00."),
                    why.stream().map(v -> v.message(Locale.ENGLISH)).toList());
            // A language without its own messages falls back to English, not to the JVM's default locale.
            assertEquals(why.get(0).message(Locale.ENGLISH), why.get(0).message(Locale.GERMAN));
        }

        @Test
        void oneCutADayPerCustomerIsRefusedInSpanishToo() {
            Instant tuesdayEleven = at(buenosAires, "2026-06-02T11:00").toInstant();
            engine.book(BookingRequest.builder().template("barber").resource("chair-1").start(tuesdayEleven).build(),
                    Actor.customer(TENANT, "diego"));
            PolicyViolationException refused = assertThrows(PolicyViolationException.class, () -> engine.book(
                    BookingRequest.builder().template("barber").resource("chair-1").start(tuesdayEleven.plus(Duration.ofHours(3)))
                            .build(), Actor.customer(TENANT, "diego")));
            assertEquals(List.of("limit-customer-day"), refused.codes());
            String spanish = refused.messages(barber.locale()).get(0);
            String english = refused.messages(Locale.ENGLISH).get(0);
            assertNotEquals(english, spanish);
            assertTrue(spanish.startsWith("Ya tenés ") && spanish.contains("2026-06-02") && spanish.endsWith("(límite 1)."),
                    spanish);
            assertTrue(english.startsWith("You already have ") && english.contains("2026-06-02"), english);
            // Another customer may still book that afternoon.
            assertEquals(List.of(), codes(engine.whyNotAvailable(SlotQuery.builder().tenant(TENANT).template("barber")
                    .resource("chair-1").window(query.window()).customer("lucia").build(), tuesdayEleven.plus(Duration.ofHours(3)),
                    Actor.customer(TENANT, "lucia"))));
        }
    }

    // ----------------------------------------------------------------------------------------

    private static BookingEngine engine(InMemoryBookingStore store, ZonedDateTime now, TemplateCatalog templates) {
        return BookingEngine.builder().store(store).clock(Clock.fixed(now.toInstant(), now.getZone())).templates(templates).build();
    }

    private static ZonedDateTime at(ZoneId zone, String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone);
    }

    private static List<String> codes(List<Violation> violations) {
        return violations.stream().map(Violation::code).toList();
    }

    private static List<String> localTimes(List<Slot> slots, ZoneId zone) {
        return slots.stream().map(s -> s.interval().getStart().atZone(zone).toLocalTime().toString()).toList();
    }
}
