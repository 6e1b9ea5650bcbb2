package io.bookingkit;

import static io.bookingkit.ical.Ical4j.parse;
import static io.bookingkit.ical.Ical4j.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.ical.ICalendar;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.recurrence.ConflictPolicy;
import io.bookingkit.recurrence.RecurrenceRule;
import io.bookingkit.recurrence.SeriesMove;
import io.bookingkit.recurrence.SeriesRequest;
import io.bookingkit.recurrence.SeriesResult;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;
import org.threeten.extra.MutableClock;

/**
 * A recurring series in a calendar feed: one event with the series' rule and an exception for
 * each place without an occurrence while the series is unchanged, read back by ical4j (which
 * expands the rule) and by lib-recur (the rule's local starts); one event per occurrence once an
 * occurrence moved, or when the series has no rule.
 */
class SeriesCalendarTest {

    private static final String PRACTICE = "practice";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    // Tuesdays at 18:00 from March 3rd, across Berlin's change on March 29th.
    private static final Instant FIRST = WallClock.toInstant(LocalDate.of(2026, 3, 3), LocalTime.of(18, 0), BERLIN);
    private static final Actor ANA = Actor.customer(PRACTICE, "ana");
    private static final Actor DESK = Actor.staff(PRACTICE, "desk", Set.of("office"));
    private static final Interval SPRING = Interval.of(FIRST.minus(Duration.ofDays(1)), Duration.ofDays(120));

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);
    private final BookingEngine engine = BookingEngine.builder().store(new InMemoryBookingStore()).clock(clock)
            .templates(TemplateCatalog.of(ServiceTemplate.builder("session").duration(Duration.ofMinutes(50))
                    .horizon(Duration.ofDays(365)).build()))
            .build();

    private SeriesResult weekly(int count) {
        engine.resources().register(Resource.of(PRACTICE, "office", "Office 1", OpeningHours.parse("Mo-Fr 08:00-20:00",
                BERLIN)));
        // Someone else has the fourth Tuesday: that place is refused and left out.
        engine.book(BookingRequest.builder().template("session").resource("office").start(FIRST.plus(Duration.ofDays(21)))
                .build(), Actor.customer(PRACTICE, "ben"));
        return engine.bookSeries(SeriesRequest.builder().template("session").resource("office").start(FIRST)
                .rule(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TU;COUNT=" + count)).policy(ConflictPolicy.SKIP_CONFLICTS)
                .build(), ANA);
    }

    @Test
    void an_unchanged_series_is_one_event_whose_rule_and_exceptions_give_the_live_occurrences() throws Exception {
        SeriesResult series = weekly(8);
        Booking sixth = series.booked().stream().filter(b -> b.series().orElseThrow().index() == 5).findFirst().orElseThrow();
        engine.cancel(sixth.id(), ANA, "away");

        String ics = engine.customerCalendar("ana", SPRING, ANA);
        Calendar calendar = parse(ics);
        List<VEvent> events = calendar.getComponents("VEVENT");

        assertEquals(1, events.size(), ics);
        VEvent event = events.get(0);
        assertEquals("FREQ=WEEKLY;COUNT=8;BYDAY=TU", value(event, "RRULE"));
        assertEquals("series-" + series.seriesId() + "@practice.bookingkit", value(event, "UID"));
        assertTrue(ics.contains("EXDATE;TZID=Europe/Berlin:20260324T180000"), "the refused place:\n" + ics);
        assertTrue(ics.contains("EXDATE;TZID=Europe/Berlin:20260407T180000"), "the cancelled place:\n" + ics);
        Set<Instant> live = liveStarts(series.seriesId());
        assertEquals(6, live.size());
        assertEquals(live, ical4jStarts(event), "ical4j expands the event to the live occurrences");
        assertEquals(live, libRecurStarts(event, ics), "the rule's local starts, less the exceptions, are the live ones");
        assertTrue(live.contains(FIRST.plus(Duration.ofDays(28)).minus(Duration.ofHours(1))),
                "18:00 after the change is an hour earlier in UTC");
        // The staff's feed of the office shows the same single event beside the other booking.
        assertEquals(2, parse(engine.calendar("office", SPRING, DESK)).getComponents("VEVENT").size());
    }

    @Test
    void a_refused_first_place_moves_the_start_to_the_first_occurrence() throws Exception {
        engine.resources().register(Resource.of(PRACTICE, "office", "Office 1", OpeningHours.parse("Mo-Fr 08:00-20:00",
                BERLIN)));
        engine.book(BookingRequest.builder().template("session").resource("office").start(FIRST).build(),
                Actor.customer(PRACTICE, "ben"));
        SeriesResult series = engine.bookSeries(SeriesRequest.builder().template("session").resource("office").start(FIRST)
                .rule(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TU;COUNT=5")).policy(ConflictPolicy.SKIP_CONFLICTS).build(), ANA);

        String ics = engine.customerCalendar("ana", SPRING, ANA);
        VEvent event = onlyRecurring(ics);

        assertEquals("20260310T180000", value(event, "DTSTART"), "the second Tuesday, the first that was booked");
        assertEquals("FREQ=WEEKLY;COUNT=4;BYDAY=TU", value(event, "RRULE"));
        assertTrue(!ics.contains("EXDATE"), ics);
        assertEquals(liveStarts(series.seriesId()), ical4jStarts(event));
        assertEquals(liveStarts(series.seriesId()), libRecurStarts(event, ics));
    }

    @Test
    void a_narrow_window_of_a_changed_series_shows_only_its_own_occurrences() {
        SeriesResult series = weekly(6);
        Booking second = series.booked().get(1);
        engine.reschedule(second.id(), second.interval().getStart().plus(Duration.ofHours(1)), ANA);
        Interval oneWeek = Interval.of(second.interval().getStart().minus(Duration.ofDays(2)), Duration.ofDays(5));

        List<VEvent> events = parse(engine.customerCalendar("ana", oneWeek, ANA)).getComponents("VEVENT");

        assertEquals(List.of(ICalendar.uid(second)), events.stream().map(e -> value(e, "UID")).toList());
        // An unchanged series is whole even in a narrow window: it is one event.
        SeriesResult other = engine.bookSeries(SeriesRequest.builder().template("session").resource("office")
                .start(FIRST.plus(Duration.ofDays(1)).plus(Duration.ofHours(-2))).rule(RecurrenceRule.parse(
                        "FREQ=WEEKLY;BYDAY=WE;COUNT=6")).build(), Actor.customer(PRACTICE, "cleo"));
        VEvent whole = onlyRecurring(engine.customerCalendar("cleo", oneWeek, Actor.customer(PRACTICE, "cleo")));
        assertEquals(other.booked().stream().map(b -> b.interval().getStart()).collect(Collectors.toCollection(TreeSet::new)),
                ical4jStarts(whole));
    }

    @Test
    void a_length_with_seconds_is_written_as_rfc_5545_wants() {
        BookingEngine odd = BookingEngine.builder().store(new InMemoryBookingStore()).clock(clock)
                .templates(TemplateCatalog.of(ServiceTemplate.builder("session").duration(Duration.ofSeconds(3630))
                        .slotStep(Duration.ofMinutes(30)).horizon(Duration.ofDays(365)).build())).build();
        odd.resources().register(Resource.of(PRACTICE, "office", "Office 1", OpeningHours.parse("Mo-Fr 08:00-20:00",
                BERLIN)));
        odd.bookSeries(SeriesRequest.builder().template("session").resource("office").start(FIRST)
                .rule(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TU;COUNT=3")).build(), ANA);

        String ics = odd.customerCalendar("ana", SPRING, ANA);

        assertTrue(ics.contains("\r\nDURATION:PT1H0M30S\r\n"), ics);
    }

    @Test
    void a_rule_without_a_bound_is_kept_as_the_count_the_horizon_allowed() {
        engine.resources().register(Resource.of(PRACTICE, "office", "Office 1", OpeningHours.parse("Mo-Fr 08:00-20:00",
                BERLIN)));
        SeriesResult series = engine.bookSeries(SeriesRequest.builder().template("session").resource("office").start(FIRST)
                .rule(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TU")).build(), ANA);

        String rule = series.booked().get(0).series().orElseThrow().pattern().orElseThrow().rule();
        assertEquals("FREQ=WEEKLY;COUNT=" + series.booked().size() + ";BYDAY=TU", rule);
        Interval year = Interval.of(FIRST.minus(Duration.ofDays(1)), Duration.ofDays(380));
        List<VEvent> events = parse(engine.customerCalendar("ana", year, ANA)).getComponents("VEVENT");
        assertEquals(1, events.size());
        VEvent event = events.get(0);
        ZonedDateTime from = FIRST.minus(Duration.ofDays(1)).atZone(BERLIN);
        Set<Instant> expanded = event.<ZonedDateTime>calculateRecurrenceSet(new Period<>(from, from.plusDays(380))).stream()
                .map(p -> p.getStart().toInstant()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(liveStarts(series.seriesId()), expanded);
    }

    @Test
    void a_cancellation_raises_the_events_sequence_so_calendars_take_the_new_exception() {
        SeriesResult series = weekly(4);
        VEvent before = onlyRecurring(engine.customerCalendar("ana", SPRING, ANA));
        engine.cancel(series.booked().get(1).id(), ANA, "away");
        VEvent after = onlyRecurring(engine.customerCalendar("ana", SPRING, ANA));

        assertEquals(value(before, "UID"), value(after, "UID"));
        assertTrue(Long.parseLong(value(after, "SEQUENCE")) > Long.parseLong(value(before, "SEQUENCE")));
    }

    @Test
    void once_an_occurrence_moved_every_occurrence_is_its_own_event() {
        SeriesResult series = weekly(6);
        Booking second = series.booked().get(1);
        engine.reschedule(second.id(), second.interval().getStart().plus(Duration.ofHours(1)), ANA);

        List<VEvent> events = parse(engine.customerCalendar("ana", SPRING, ANA)).getComponents("VEVENT");

        Set<String> occurrences = series.booked().stream().map(ICalendar::uid).collect(Collectors.toCollection(TreeSet::new));
        Set<String> written = events.stream().map(e -> value(e, "UID")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(occurrences, written);
        assertTrue(events.stream().noneMatch(e -> e.getProperty("RRULE").isPresent()));
    }

    @Test
    void a_series_moved_to_another_time_of_day_has_no_rule_and_a_series_moved_to_a_new_rule_has_its_own() {
        SeriesResult series = weekly(6);
        SeriesResult later = engine.moveFollowing(series.booked().get(3).id(), SeriesMove.toTimeOfDay(LocalTime.of(19, 0)),
                ANA);
        assertTrue(later.booked().stream().allMatch(b -> b.series().orElseThrow().pattern().isEmpty()));
        String ics = engine.customerCalendar("ana", SPRING, ANA);
        List<VEvent> events = parse(ics).getComponents("VEVENT");
        assertEquals(1, events.stream().filter(e -> e.getProperty("RRULE").isPresent()).count(),
                "the first part stays one event:\n" + ics);
        assertEquals(1 + later.booked().size(), events.size(), "the moved part is one event per occurrence:\n" + ics);

        Instant thursday = FIRST.plus(Duration.ofDays(44));
        SeriesResult moved = engine.moveFollowing(series.booked().get(1).id(), SeriesMove.toRule(
                RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TH"), thursday), ANA);
        assertEquals("FREQ=WEEKLY;COUNT=" + moved.booked().size() + ";BYDAY=TH",
                moved.booked().get(0).series().orElseThrow().pattern().orElseThrow().rule());
        assertEquals(LocalDateTime.ofInstant(thursday, BERLIN), moved.booked().get(0).series().orElseThrow().pattern()
                .orElseThrow().first());
    }

    private Set<Instant> liveStarts(String seriesId) {
        return engine.series(seriesId, ANA).stream().filter(b -> b.status() == BookingStatus.CONFIRMED)
                .map(b -> b.interval().getStart()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Instant> ical4jStarts(VEvent event) {
        ZonedDateTime from = FIRST.minus(Duration.ofDays(1)).atZone(BERLIN);
        Set<Period<ZonedDateTime>> periods = event.calculateRecurrenceSet(new Period<>(from, from.plusDays(120)));
        return periods.stream().map(p -> p.getStart().toInstant()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The rule's local starts by lib-recur, less the file's exceptions, mapped to instants by java.time. */
    private static Set<Instant> libRecurStarts(VEvent event, String ics) throws Exception {
        org.dmfs.rfc5545.recur.RecurrenceRule rule = new org.dmfs.rfc5545.recur.RecurrenceRule(value(event, "RRULE"));
        LocalDateTime start = LocalDateTime.parse(value(event, "DTSTART"),
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
        // lib-recur counts months from 0; the start is floating, mapped to instants below.
        RecurrenceRuleIterator it = rule.iterator(new DateTime(start.getYear(), start.getMonthValue() - 1,
                start.getDayOfMonth(), start.getHour(), start.getMinute(), start.getSecond()));
        Set<LocalDateTime> excepted = ics.lines().filter(l -> l.startsWith("EXDATE;TZID=Europe/Berlin:"))
                .map(l -> LocalDateTime.parse(l.substring(l.indexOf(':') + 1),
                        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")))
                .collect(Collectors.toSet());
        Set<Instant> starts = new TreeSet<>();
        while (it.hasNext()) {
            DateTime next = it.nextDateTime();
            LocalDateTime local = LocalDateTime.of(next.getYear(), next.getMonth() + 1, next.getDayOfMonth(),
                    next.getHours(), next.getMinutes(), next.getSeconds());
            if (!excepted.contains(local)) {
                starts.add(local.atZone(BERLIN).toInstant());
            }
        }
        return starts;
    }

    /** The feed's one event, which must recur. */
    private static VEvent onlyRecurring(String ics) {
        List<VEvent> events = parse(ics).getComponents("VEVENT");
        assertEquals(1, events.size(), ics);
        assertTrue(events.get(0).getProperty("RRULE").isPresent(), ics);
        return events.get(0);
    }

}
