package io.bookingkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingRequest;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.IdempotencyKeyReusedException;
import io.bookingkit.booking.SeriesLink;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.memory.InMemoryBookingStore;
import io.bookingkit.template.Channel;
import io.bookingkit.notify.NotificationKind;
import io.bookingkit.notify.OutboxMessage;
import io.bookingkit.policy.Violation;
import io.bookingkit.recurrence.ConflictPolicy;
import io.bookingkit.recurrence.RecurrenceRule;
import io.bookingkit.recurrence.RefusedOccurrence;
import io.bookingkit.recurrence.SeriesMove;
import io.bookingkit.recurrence.SeriesRefusedException;
import io.bookingkit.recurrence.SeriesRequest;
import io.bookingkit.recurrence.SeriesResult;
import io.bookingkit.resource.Resource;
import io.bookingkit.schedule.OpeningHours;
import io.bookingkit.template.Limits;
import io.bookingkit.template.ServiceTemplate;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.time.WallClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

/**
 * Booking recurring series through the engine on the in-memory store: every occurrence is
 * checked as a single booking would be, the conflict policies, wall-clock time across daylight
 * saving, idempotency, one notification per series, and any-of pools keeping their resource.
 */
class SeriesBookingTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String PRACTICE = "practice";
    private static final Actor ANA = Actor.customer(PRACTICE, "ana");
    private static final Actor BEN = Actor.customer(PRACTICE, "ben");
    /** A Tuesday in January: the weekly series below cross both of 2026's daylight-saving changes. */
    private static final LocalDate FIRST_TUESDAY = LocalDate.of(2026, 1, 6);
    private static final ServiceTemplate THERAPY = ServiceTemplate.builder("therapy").duration(Duration.ofMinutes(50))
            .horizon(Duration.ofDays(400)).reminder(Duration.ofHours(24), Channel.EMAIL).build();

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-01-01T08:00:00Z"), ZoneOffset.UTC);
    private final InMemoryBookingStore store = new InMemoryBookingStore();

    private BookingEngine engine(ServiceTemplate... templates) {
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(templates))
                .notificationsDeliveredElsewhere().build();
        for (String room : List.of("room-1", "room-2")) {
            engine.resources().register(Resource.of(PRACTICE, room, room, OpeningHours.parse("Mo-Sa 08:00-20:00", BERLIN)));
        }
        return engine;
    }

    private static Instant at(LocalDate date, int hour) {
        return WallClock.toInstant(date, LocalTime.of(hour, 0), BERLIN);
    }

    private static SeriesRequest.Builder tuesdaysAt18(int count) {
        return SeriesRequest.builder().template("therapy").resource("room-1").start(at(FIRST_TUESDAY, 18))
                .rule(RecurrenceRule.weekly(DayOfWeek.TUESDAY).count(count));
    }

    private Booking blockerOn(BookingEngine engine, LocalDate date) {
        return engine.book(BookingRequest.builder().template("therapy").resource("room-1").start(at(date, 18)).build(), BEN);
    }

    @Test
    void a_weekly_series_keeps_18_00_local_across_both_daylight_saving_changes() {
        SeriesResult result = engine(THERAPY).bookSeries(tuesdaysAt18(52).build(), ANA);

        assertEquals(52, result.booked().size());
        for (int i = 0; i < 52; i++) {
            Booking b = result.booked().get(i);
            SeriesLink link = b.series().orElseThrow();
            assertEquals(new SeriesLink(result.seriesId(), i, link.pattern()), link);
            // The rule is kept with the first start and zone, bounded by the COUNT of its places.
            assertEquals(Optional.of(new SeriesLink.Pattern("FREQ=WEEKLY;COUNT=" + result.booked().size() + ";BYDAY=TU",
                    LocalDateTime.ofInstant(result.booked().get(0).interval().getStart(), BERLIN), BERLIN)), link.pattern());
            assertEquals(LocalDateTime.of(FIRST_TUESDAY.plusWeeks(i), LocalTime.of(18, 0)),
                    LocalDateTime.ofInstant(b.interval().getStart(), BERLIN));
            assertEquals(BookingStatus.CONFIRMED, b.status());
        }
        Set<ZoneOffset> offsets = result.booked().stream().map(b -> BERLIN.getRules().getOffset(b.interval().getStart()))
                .collect(Collectors.toSet());
        assertEquals(Set.of(ZoneOffset.ofHours(1), ZoneOffset.ofHours(2)), offsets);
        assertEquals(result.booked(), store.reads(PRACTICE).findBySeries(result.seriesId()));
    }

    @Test
    void all_or_nothing_refuses_the_series_naming_every_refused_occurrence_and_writes_nothing() {
        BookingEngine engine = engine(THERAPY);
        Booking third = blockerOn(engine, FIRST_TUESDAY.plusWeeks(2));
        Booking fifth = blockerOn(engine, FIRST_TUESDAY.plusWeeks(4));

        SeriesRefusedException e = assertThrows(SeriesRefusedException.class,
                () -> engine.bookSeries(tuesdaysAt18(6).build(), ANA));

        assertEquals(List.of(2, 4), e.refused().stream().map(RefusedOccurrence::index).toList());
        assertEquals(List.of(third.interval().getStart(), fifth.interval().getStart()),
                e.refused().stream().map(RefusedOccurrence::start).toList());
        e.refused().forEach(r -> assertTrue(r.reasons().stream().map(Violation::code).anyMatch(c -> c.contains("conflict")
                || c.contains("overlap") || c.contains("capacity")), r.toString()));
        assertEquals(List.of(third, fifth), store.reads(PRACTICE).findOverlapping(List.of("room-1"),
                org.threeten.extra.Interval.of(at(FIRST_TUESDAY, 0), at(FIRST_TUESDAY.plusWeeks(8), 0))));
    }

    @Test
    void skip_conflicts_books_the_rest_and_reports_the_skipped_ones() {
        BookingEngine engine = engine(THERAPY);
        blockerOn(engine, FIRST_TUESDAY.plusWeeks(2));

        SeriesResult result = engine.bookSeries(tuesdaysAt18(6).policy(ConflictPolicy.SKIP_CONFLICTS).build(), ANA);

        assertEquals(List.of(0, 1, 3, 4, 5), result.booked().stream().map(b -> b.series().orElseThrow().index()).toList());
        assertEquals(List.of(2), result.skipped().stream().map(RefusedOccurrence::index).toList());
        assertTrue(!result.skipped().get(0).reasons().isEmpty());
    }

    @Test
    void append_replacements_adds_occurrences_after_the_last_until_the_count_is_reached() {
        BookingEngine engine = engine(THERAPY);
        blockerOn(engine, FIRST_TUESDAY.plusWeeks(1));
        blockerOn(engine, FIRST_TUESDAY.plusWeeks(6));

        SeriesResult result = engine.bookSeries(tuesdaysAt18(6).policy(ConflictPolicy.APPEND_REPLACEMENTS).build(), ANA);

        // Week 6 is the first replacement, and taken too; weeks 7 and 8 replace weeks 1 and 6.
        assertEquals(List.of(0, 2, 3, 4, 5, 7), result.booked().stream().map(b -> b.series().orElseThrow().index())
                .toList());
        assertEquals(List.of(1, 6), result.skipped().stream().map(RefusedOccurrence::index).toList());
        assertEquals(at(FIRST_TUESDAY.plusWeeks(7), 18), result.booked().get(5).interval().getStart());
    }

    @Test
    void limits_count_the_series_own_occurrences() {
        ServiceTemplate oncePerWeek = THERAPY.toBuilder().name("weekly-limit")
                .limits(Limits.none().withPerCustomerWeek(1)).build();
        BookingEngine engine = engine(oncePerWeek);

        SeriesRefusedException e = assertThrows(SeriesRefusedException.class, () -> engine.bookSeries(
                SeriesRequest.builder().template("weekly-limit").resource("room-1").start(at(FIRST_TUESDAY, 10))
                        .rule(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4")).build(), ANA));

        // Tuesday is booked first; that week's Thursday is one too many.
        assertEquals(List.of(1, 3), e.refused().stream().map(RefusedOccurrence::index).toList());
        assertTrue(store.reads(PRACTICE).findByCustomer("ana", org.threeten.extra.Interval.of(at(FIRST_TUESDAY, 0),
                at(FIRST_TUESDAY.plusWeeks(3), 0))).isEmpty());
    }

    @Test
    void occurrences_beyond_the_horizon_are_refused_as_a_single_booking_there_would_be() {
        ServiceTemplate shortHorizon = THERAPY.toBuilder().name("short").horizon(Duration.ofDays(30)).build();
        BookingEngine engine = engine(shortHorizon);

        SeriesResult result = engine.bookSeries(SeriesRequest.builder().template("short").resource("room-1")
                .start(at(FIRST_TUESDAY, 18)).rule(RecurrenceRule.weekly(DayOfWeek.TUESDAY).count(8))
                .policy(ConflictPolicy.SKIP_CONFLICTS).build(), ANA);

        assertEquals(4, result.booked().size(), "Jan 6, 13, 20, 27 lie within 30 days of Jan 1");
        assertEquals(List.of(4, 5, 6, 7), result.skipped().stream().map(RefusedOccurrence::index).toList());
    }

    @Test
    void a_rule_without_end_is_booked_up_to_the_horizon() {
        ServiceTemplate shortHorizon = THERAPY.toBuilder().name("short").horizon(Duration.ofDays(30)).build();

        SeriesResult result = engine(shortHorizon).bookSeries(SeriesRequest.builder().template("short")
                .resource("room-1").start(at(FIRST_TUESDAY, 18)).rule(RecurrenceRule.weekly()).build(), ANA);

        assertEquals(4, result.booked().size());
    }

    @Test
    void a_repeated_request_returns_the_series_and_a_reused_key_is_refused() {
        BookingEngine engine = engine(THERAPY);
        SeriesRequest request = tuesdaysAt18(4).idempotencyKey("plan-1").build();

        SeriesResult first = engine.bookSeries(request, ANA);
        SeriesResult again = engine.bookSeries(request, ANA);

        assertEquals(first.seriesId(), again.seriesId());
        assertEquals(first.booked(), again.booked());
        assertEquals(4, store.reads(PRACTICE).findBySeries(first.seriesId()).size());
        assertThrows(IdempotencyKeyReusedException.class, () -> engine.bookSeries(tuesdaysAt18(5)
                .idempotencyKey("plan-1").build(), ANA));
        assertThrows(IdempotencyKeyReusedException.class, () -> engine.book(BookingRequest.builder().template("therapy")
                .resource("room-1").start(at(FIRST_TUESDAY, 10)).idempotencyKey("plan-1").build(), ANA));
    }

    @Test
    void a_series_sends_one_message_and_a_reminder_per_occurrence() {
        BookingEngine engine = BookingEngine.builder().store(store).clock(clock).templates(TemplateCatalog.of(THERAPY))
                .notificationsDeliveredElsewhere().build();
        engine.resources().register(Resource.of(PRACTICE, "room-1", "room-1", OpeningHours.parse("Mo-Sa 08:00-20:00",
                BERLIN)));

        SeriesResult result = engine.bookSeries(tuesdaysAt18(5).build(), ANA);

        List<OutboxMessage> messages = store.outbox().claimDueMessages(Instant.parse("2027-01-01T00:00:00Z"), 100,
                Duration.ofMinutes(1));
        assertEquals(List.of(result.booked().get(0).id()), messages.stream()
                .filter(m -> m.kind() == NotificationKind.CONFIRMED).map(OutboxMessage::bookingId).toList());
        assertEquals(result.booked().stream().map(Booking::id).collect(Collectors.toSet()), messages.stream()
                .filter(m -> m.kind() == NotificationKind.REMINDER).map(OutboxMessage::bookingId).collect(Collectors.toSet()));
        assertEquals(6, messages.size());
    }

    @Test
    void an_any_of_series_keeps_its_resource_where_it_can() {
        BookingEngine engine = engine(THERAPY);
        // room-1 is busier on the third Tuesday, which alone would send a single booking to room-2,
        // and taken at 18:00 on the fourth.
        engine.book(BookingRequest.builder().template("therapy").resource("room-1")
                .start(at(FIRST_TUESDAY.plusWeeks(2), 9)).build(), BEN);
        blockerOn(engine, FIRST_TUESDAY.plusWeeks(3));

        SeriesResult result = engine.bookSeries(SeriesRequest.builder().template("therapy").anyOf("room-1", "room-2")
                .start(at(FIRST_TUESDAY, 18)).rule(RecurrenceRule.weekly().count(5)).build(), ANA);

        assertEquals(List.of("room-1", "room-1", "room-1", "room-2", "room-1"),
                result.booked().stream().map(Booking::resourceId).toList());
    }

    @Test
    void the_series_is_listed_to_its_customer_and_staff_but_not_to_others() {
        BookingEngine engine = engine(THERAPY);
        SeriesResult result = engine.bookSeries(tuesdaysAt18(3).build(), ANA);

        assertEquals(result.booked(), engine.series(result.seriesId(), ANA));
        assertEquals(result.booked(), engine.series(result.seriesId(), Actor.staff(PRACTICE, "dr-k", Set.of("room-1"))));
        assertEquals(List.of(), engine.series(result.seriesId(), BEN));
        assertEquals(List.of(), engine.series("no-such-series", ANA));
    }

    @Test
    void a_first_start_the_rule_does_not_select_is_refused() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> engine(THERAPY).bookSeries(
                SeriesRequest.builder().template("therapy").resource("room-1").start(at(FIRST_TUESDAY.plusDays(1), 18))
                        .rule(RecurrenceRule.weekly(DayOfWeek.TUESDAY).count(3)).build(), ANA));
        assertTrue(e.getMessage().contains("is not an occurrence"), e.getMessage());
    }

    @Test
    void excepted_dates_are_left_out() {
        SeriesResult result = engine(THERAPY).bookSeries(tuesdaysAt18(4)
                .except(LocalDateTime.of(FIRST_TUESDAY.plusWeeks(1), LocalTime.of(18, 0))).build(), ANA);

        assertEquals(List.of(0, 2, 3), result.booked().stream().map(b -> b.series().orElseThrow().index()).toList());
    }

    @Test
    void cancelling_this_and_following_ends_the_series_before_it_with_one_message() {
        BookingEngine engine = engine(THERAPY);
        SeriesResult result = engine.bookSeries(tuesdaysAt18(5).build(), ANA);
        store.outbox().claimDueMessages(Instant.parse("2026-01-01T08:00:00Z"), 100, Duration.ofMinutes(1))
                .forEach(m -> store.outbox().markDelivered(m.id()));

        List<Booking> cancelled = engine.cancelFollowing(result.booked().get(2).id(), ANA, "moving away");

        assertEquals(List.of(2, 3, 4), cancelled.stream().map(b -> b.series().orElseThrow().index()).toList());
        List<BookingStatus> statuses = engine.series(result.seriesId(), ANA).stream().map(Booking::status).toList();
        assertEquals(List.of(BookingStatus.CONFIRMED, BookingStatus.CONFIRMED, BookingStatus.CANCELLED,
                BookingStatus.CANCELLED, BookingStatus.CANCELLED), statuses);
        List<OutboxMessage> pending = store.outbox().claimDueMessages(Instant.parse("2027-01-01T00:00:00Z"), 100,
                Duration.ofMinutes(1));
        assertEquals(List.of(cancelled.get(0).id()), pending.stream().filter(m -> m.kind() == NotificationKind.CANCELLED)
                .map(OutboxMessage::bookingId).toList());
        assertEquals(Set.of(result.booked().get(0).id(), result.booked().get(1).id()), pending.stream()
                .filter(m -> m.kind() == NotificationKind.REMINDER).map(OutboxMessage::bookingId).collect(Collectors.toSet()),
                "the cancelled occurrences' reminders are dropped");
    }

    @Test
    void the_cutoff_applies_to_each_occurrence_and_a_refusal_cancels_nothing() {
        ServiceTemplate strict = THERAPY.toBuilder().name("strict").cancellationCutoff(Duration.ofHours(24)).build();
        BookingEngine engine = engine(strict);
        SeriesResult result = engine.bookSeries(SeriesRequest.builder().template("strict").resource("room-1")
                .start(at(FIRST_TUESDAY, 18)).rule(RecurrenceRule.weekly().count(4)).build(), ANA);
        clock.setInstant(at(FIRST_TUESDAY.plusWeeks(1), 9));

        assertThrows(io.bookingkit.policy.PolicyViolationException.class,
                () -> engine.cancelFollowing(result.booked().get(1).id(), ANA, "too late"));
        assertEquals(4, engine.series(result.seriesId(), ANA).stream()
                .filter(b -> b.status() == BookingStatus.CONFIRMED).count());

        Actor staff = Actor.staff(PRACTICE, "dr-k", Set.of("room-1"));
        assertEquals(3, engine.cancelFollowing(result.booked().get(1).id(), staff, "therapist ill").size());
    }

    @Test
    void cancelling_the_series_leaves_what_already_ended_or_was_cancelled() {
        BookingEngine engine = engine(THERAPY);
        SeriesResult result = engine.bookSeries(tuesdaysAt18(4).build(), ANA);
        engine.cancel(result.booked().get(1).id(), ANA, "");

        List<Booking> cancelled = engine.cancelSeries(result.seriesId(), ANA, "done");

        assertEquals(List.of(0, 2, 3), cancelled.stream().map(b -> b.series().orElseThrow().index()).toList());
        assertEquals(List.of(), engine.cancelSeries(result.seriesId(), ANA, "again"));
        SeriesResult other = engine.bookSeries(tuesdaysAt18(2).start(at(FIRST_TUESDAY, 10)).build(), ANA);
        assertThrows(io.bookingkit.booking.AccessDeniedException.class,
                () -> engine.cancelSeries(other.seriesId(), BEN, "not mine"));
    }

    @Test
    void only_a_booking_of_a_series_has_following_occurrences() {
        BookingEngine engine = engine(THERAPY);
        Booking single = blockerOn(engine, FIRST_TUESDAY);
        assertThrows(InvalidRequestException.class, () -> engine.cancelFollowing(single.id(), BEN, ""));
    }

    @Test
    void moving_this_and_following_to_another_time_splits_the_series_once() {
        BookingEngine engine = engine(THERAPY);
        SeriesResult result = engine.bookSeries(tuesdaysAt18(5).build(), ANA);
        String split = result.booked().get(2).id();

        SeriesResult moved = engine.moveFollowing(split, SeriesMove.toTimeOfDay(LocalTime.of(10, 0)), ANA);
        SeriesResult again = engine.moveFollowing(split, SeriesMove.toTimeOfDay(LocalTime.of(10, 0)), ANA);

        assertEquals(moved.seriesId(), again.seriesId());
        assertEquals(moved.booked(), again.booked());
        assertEquals(List.of(at(FIRST_TUESDAY.plusWeeks(2), 10), at(FIRST_TUESDAY.plusWeeks(3), 10),
                at(FIRST_TUESDAY.plusWeeks(4), 10)), moved.booked().stream().map(b -> b.interval().getStart()).toList());
        assertEquals(List.of(BookingStatus.CONFIRMED, BookingStatus.CONFIRMED, BookingStatus.CANCELLED,
                BookingStatus.CANCELLED, BookingStatus.CANCELLED), engine.series(result.seriesId(), ANA).stream()
                .map(Booking::status).toList());
        assertEquals(3, engine.series(moved.seriesId(), ANA).size());
    }

    @Test
    void moving_onto_a_new_rule_without_end_keeps_the_number_of_occurrences() {
        BookingEngine engine = engine(THERAPY);
        SeriesResult result = engine.bookSeries(tuesdaysAt18(4).build(), ANA);
        LocalDate thursday = FIRST_TUESDAY.plusWeeks(1).plusDays(2);

        SeriesResult moved = engine.moveFollowing(result.booked().get(1).id(),
                SeriesMove.toRule(RecurrenceRule.weekly(DayOfWeek.THURSDAY), at(thursday, 17)), ANA);

        assertEquals(List.of(at(thursday, 17), at(thursday.plusWeeks(1), 17), at(thursday.plusWeeks(2), 17)),
                moved.booked().stream().map(b -> b.interval().getStart()).toList());
    }

    @Test
    void a_move_that_cannot_be_booked_changes_nothing() {
        BookingEngine engine = engine(THERAPY);
        SeriesResult result = engine.bookSeries(tuesdaysAt18(3).build(), ANA);
        engine.book(BookingRequest.builder().template("therapy").resource("room-1")
                .start(at(FIRST_TUESDAY.plusWeeks(2), 10)).build(), BEN);

        SeriesRefusedException e = assertThrows(SeriesRefusedException.class, () -> engine.moveFollowing(
                result.booked().get(1).id(), SeriesMove.toTimeOfDay(LocalTime.of(10, 0)), ANA));

        assertEquals(List.of(1), e.refused().stream().map(RefusedOccurrence::index).toList());
        assertEquals(result.booked(), engine.series(result.seriesId(), ANA));
    }

    @Test
    void a_rescheduled_or_cancelled_occurrence_stays_in_its_series() {
        BookingEngine engine = engine(THERAPY);
        SeriesResult result = engine.bookSeries(tuesdaysAt18(3).build(), ANA);

        Booking moved = engine.reschedule(result.booked().get(1).id(), at(FIRST_TUESDAY.plusWeeks(1).plusDays(1), 9), ANA);
        Booking cancelled = engine.cancel(result.booked().get(2).id(), ANA, "");

        assertEquals(Optional.of(new SeriesLink(result.seriesId(), 1, result.booked().get(0).series().orElseThrow().pattern())),
                moved.series());
        assertEquals(Optional.of(new SeriesLink(result.seriesId(), 2, result.booked().get(0).series().orElseThrow().pattern())),
                cancelled.series());
        assertEquals(List.of(result.booked().get(0), moved, cancelled), engine.series(result.seriesId(), ANA));
    }

    @Test
    void expired_requests_and_past_occurrences_are_left_as_they_are() {
        ServiceTemplate confirmed = THERAPY.toBuilder().name("confirmed").requiresConfirmation(Duration.ofHours(24))
                .build();
        BookingEngine engine = engine(confirmed);
        SeriesResult requested = engine.bookSeries(SeriesRequest.builder().template("confirmed").resource("room-1")
                .start(at(FIRST_TUESDAY, 18)).rule(RecurrenceRule.weekly().count(4)).build(), ANA);
        Actor staff = Actor.staff(PRACTICE, "dr-k", Set.of("room-1"));
        engine.confirm(requested.booked().get(0).id(), staff);
        clock.setInstant(at(FIRST_TUESDAY.minusDays(2), 9));

        // Only the confirmed occurrence still holds its time; the others expired unconfirmed.
        assertEquals(List.of(0), engine.cancelSeries(requested.seriesId(), ANA, "").stream()
                .map(b -> b.series().orElseThrow().index()).toList());

        SeriesResult weekly = engine.bookSeries(SeriesRequest.builder().template("confirmed").resource("room-1")
                .start(at(FIRST_TUESDAY, 10)).rule(RecurrenceRule.weekly().count(4)).build(), ANA);
        weekly.booked().forEach(b -> engine.confirm(b.id(), staff));
        clock.setInstant(at(FIRST_TUESDAY.plusWeeks(1), 12));
        assertEquals(List.of(2, 3), engine.cancelSeries(weekly.seriesId(), Actor.admin(PRACTICE, "boss"), "closing")
                .stream().map(b -> b.series().orElseThrow().index()).toList(), "the two past sessions stay confirmed");
    }

    @Test
    void moved_occurrences_keep_the_resources_of_the_ones_they_replace_and_the_zone_asked_for() {
        BookingEngine engine = engine(THERAPY);
        blockerOn(engine, FIRST_TUESDAY.plusWeeks(1));
        SeriesResult result = engine.bookSeries(SeriesRequest.builder().template("therapy").anyOf("room-1", "room-2")
                .start(at(FIRST_TUESDAY, 18)).rule(RecurrenceRule.weekly().count(3)).build(), ANA);
        assertEquals(List.of("room-1", "room-2", "room-1"), result.booked().stream().map(Booking::resourceId).toList());
        ZoneId newYork = ZoneId.of("America/New_York");

        SeriesResult moved = engine.moveFollowing(result.booked().get(0).id(),
                SeriesMove.toTimeOfDay(LocalTime.of(13, 0)).in(newYork), ANA);

        assertEquals(List.of("room-1", "room-2", "room-1"), moved.booked().stream().map(Booking::resourceId).toList());
        moved.booked().forEach(b -> assertEquals(LocalTime.of(13, 0), b.interval().getStart().atZone(newYork)
                .toLocalTime()));
    }

    @Test
    void another_move_from_the_same_point_is_refused() {
        BookingEngine engine = engine(THERAPY);
        SeriesResult result = engine.bookSeries(tuesdaysAt18(3).build(), ANA);
        String split = result.booked().get(1).id();
        engine.moveFollowing(split, SeriesMove.toTimeOfDay(LocalTime.of(10, 0)), ANA);

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> engine.moveFollowing(split, SeriesMove.toTimeOfDay(LocalTime.of(9, 0)), ANA));
        assertTrue(e.getMessage().contains("by another move"), e.getMessage());
    }

    @Test
    void a_series_request_carries_every_part_to_its_first_occurrence() {
        ZoneId newYork = ZoneId.of("America/New_York");
        SeriesRequest request = SeriesRequest.builder().template("therapy").allOf("room-1", "room-2")
                .start(at(FIRST_TUESDAY, 18)).duration(Duration.ofMinutes(90)).partySize(2).customer("ana")
                .locale(java.util.Locale.GERMAN).zone(newYork).rule(RecurrenceRule.daily(2)).build();

        assertEquals(List.of("room-1", "room-2"), request.first().resourceIds());
        assertEquals(Optional.of(io.bookingkit.template.PoolMode.ALL_OF), request.first().poolMode());
        assertEquals(Optional.of(Duration.ofMinutes(90)), request.first().duration());
        assertEquals(java.util.OptionalInt.of(2), request.first().partySize());
        assertEquals(Optional.of("ana"), request.first().customerId());
        assertEquals(Optional.of(java.util.Locale.GERMAN), request.first().locale());
        assertEquals(Optional.of(newYork), request.zone());
        assertTrue(!request.fingerprint(PRACTICE, "ana").equals(SeriesRequest.builder().template("therapy")
                .allOf("room-1", "room-2").start(at(FIRST_TUESDAY, 18)).duration(Duration.ofMinutes(90)).partySize(2)
                .customer("ana").locale(java.util.Locale.GERMAN).rule(RecurrenceRule.daily(2)).build()
                .fingerprint(PRACTICE, "ana")), "the zone is part of the fingerprint");
    }

    @Test
    void a_refusal_says_which_occurrences_and_why() {
        BookingEngine engine = engine(THERAPY);
        blockerOn(engine, FIRST_TUESDAY.plusWeeks(2));

        SeriesRefusedException e = assertThrows(SeriesRefusedException.class,
                () -> engine.bookSeries(tuesdaysAt18(4).build(), ANA));

        String code = e.refused().get(0).reasons().get(0).code();
        assertTrue(e.getMessage().contains("#2 at " + at(FIRST_TUESDAY.plusWeeks(2), 18) + " (" + code), e.getMessage());
    }
}
