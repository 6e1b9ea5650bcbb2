package io.bookingkit.testsupport;

import static io.bookingkit.testsupport.ContractData.BOSS;
import static io.bookingkit.testsupport.ContractData.OTHER_TENANT;
import static io.bookingkit.testsupport.ContractData.TENANT;
import static io.bookingkit.testsupport.ContractData.booking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.BookingEngine;
import io.bookingkit.analytics.BookingStats;
import io.bookingkit.analytics.Counts;
import io.bookingkit.analytics.HourOfWeek;
import io.bookingkit.analytics.LeadTimes;
import io.bookingkit.analytics.Rate;
import io.bookingkit.analytics.ResourceStats;
import io.bookingkit.analytics.SeatTime;
import io.bookingkit.analytics.StatsQuery;
import io.bookingkit.booking.AccessDeniedException;
import io.bookingkit.booking.Actor;
import io.bookingkit.booking.Booking;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.booking.Transition;
import io.bookingkit.resource.ResourceNotFoundException;
import io.bookingkit.template.TemplateCatalog;
import io.bookingkit.testsupport.StatsBruteForce.StatsResource;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.threeten.extra.Interval;

/**
 * Statistics ({@link BookingEngine#stats}) over the store, whose {@link io.bookingkit.spi.BookingStore#aggregate}
 * does the adding up: a generated history of a few thousand bookings over five weeks, six zones
 * and four daylight-saving changes gives exactly the statistics of an independent brute-force
 * model ({@link StatsBruteForce}, a minute grid); small cases check single definitions by
 * hand-computed numbers; and only staff and admins see statistics, staff only of their
 * resources.
 *
 * <p>The generated history is seeded: the seed is logged and named in every failure, and
 * {@code -Dbookingkit.seed=N} replays (or varies) it. Bookings are written directly, never
 * putting more blocking seats on a resource than it has (forced bookings aside).
 */
public interface StatsContract extends StoreFixture {

    /** The seed of the generated history unless {@code -Dbookingkit.seed} gives another. */
    long DEFAULT_SEED = 20260301L;

    /**
     * Bookings generated per one-seat resource (resources with more seats get half as many
     * again); 330 by default, some 2,500 bookings in all, each inserted in its own unit of work.
     * The test checks that the history holds every case it distinguishes, which takes a few
     * hundred.
     *
     * @return the number of bookings per one-seat resource, a few hundred at least
     */
    default int statsBookingsPerResource() {
        return 330;
    }

    /**
     * A seeded history of some thousands of bookings over six zones and five weeks gives exactly
     * the model's statistics: for an admin over every resource, for staff over a pool of two, and
     * over a shorter window with ends on no whole hour; another tenant's bookings on resources of
     * the same ids are never counted. The history must hold every case the definitions distinguish.
     */
    @Test
    default void statistics_of_a_generated_history_equal_a_minute_grid_model() {
        long seed = Long.getLong("bookingkit.seed", DEFAULT_SEED);
        LoggerFactory.getLogger(StatsContract.class).info("Generated history from seed {} (replay with -Dbookingkit.seed={})",
                seed, seed);
        List<Booking> history = StatsHistory.generate(seed, TENANT, "s", statsBookingsPerResource());
        // Another tenant with the same resource ids, whose bookings no statistics of TENANT may see.
        List<Booking> others = StatsHistory.generate(seed + 1, OTHER_TENANT, "o", 8);
        for (StatsResource r : StatsHistory.RESOURCES) {
            store().saveResource(r.resource(TENANT));
            store().saveResource(r.resource(OTHER_TENANT));
        }
        insert(history.toArray(Booking[]::new));
        insert(others.toArray(Booking[]::new));
        BookingEngine engine = statsEngine(StatsHistory.NOW);
        String about = "seed " + seed + ", " + history.size() + " bookings " + StatsHistory.byStatus(history)
                + " on " + StatsHistory.RESOURCES.size() + " resources";

        BookingStats all = engine.stats(StatsQuery.of(StatsHistory.WINDOW), BOSS);
        BookingStats expected = assertModel(history, StatsHistory.RESOURCES, StatsHistory.WINDOW, StatsHistory.NOW,
                all, about);

        // The history exercises what the definitions distinguish (else the equality proves little).
        Counts c = expected.counts();
        for (BookingStatus s : BookingStatus.values()) {
            assertTrue(c.of(s) > 0, about + ": no " + s + " booking starts in the window");
        }
        assertTrue(c.lateCancellations() > 0 && c.lateCancellations() < c.cancellation().count(), about);
        assertTrue(c.cancellation().count() < c.byStatus().get(BookingStatus.CANCELLED), about
                + ": some cancelled bookings must never have been requested");
        assertTrue(c.noShow().count() > 0, about);
        SeatTime t = expected.seatTime();
        for (Duration d : List.of(t.booked(), t.bookedOutsideHours(), t.held(), t.pending(), t.buffers())) {
            assertTrue(d.toMinutes() > 0, about + ": " + t);
        }
        for (LeadTimes.Bin bin : expected.leadTimes().histogram()) {
            assertTrue(bin.count() > 0, about + ": empty lead-time bin " + bin);
        }

        // A pool of two resources (bookings on both counted once), as staff of them see it.
        Actor staff = Actor.staff(TENANT, "pat", Set.of("berlin-studio", "utc-desk"));
        List<StatsResource> pool = StatsHistory.RESOURCES.stream()
                .filter(r -> staff.resourceIds().contains(r.id())).toList();
        assertModel(history, pool, StatsHistory.WINDOW, StatsHistory.NOW,
                engine.stats(StatsQuery.of(StatsHistory.WINDOW), staff), about + ", staff's pool");
        // A shorter window around the EU change, with ends on no whole hour of any zone.
        Interval week = Interval.of(Instant.parse("2026-03-26T07:41:00Z"), Instant.parse("2026-04-02T19:07:00Z"));
        assertModel(history, StatsHistory.RESOURCES, week, StatsHistory.NOW,
                engine.stats(StatsQuery.of(week), BOSS), about + ", week of " + week);
    }

    /**
     * Offered time follows the local days: 23 hours on a spring-forward day, 25 hours (on each of
     * two seats) on a fall-back day, 24.5 hours on Lord Howe Island's half-hour change, and 167
     * hours in a local week with a change.
     */
    @Test
    default void offered_time_follows_days_of_23_24_5_and_25_hours() {
        StatsResource ny = StatsResource.allDay("ny", 1, ZoneId.of("America/New_York"));
        StatsResource berlin = StatsResource.allDay("berlin", 2, ZoneId.of("Europe/Berlin"));
        StatsResource lordHowe = StatsResource.allDay("lord-howe", 1, ZoneId.of("Australia/Lord_Howe"));
        List.of(ny, berlin, lordHowe).forEach(r -> store().saveResource(r.resource(TENANT)));
        BookingEngine engine = statsEngine(Instant.parse("2026-01-01T00:00:00Z"));

        // Sunday 2026-03-08 in New York, midnight EST to midnight EDT: 23 hours.
        Interval springForward = Interval.of(Instant.parse("2026-03-08T05:00:00Z"), Instant.parse("2026-03-09T04:00:00Z"));
        // Sunday 2026-10-25 in Berlin, midnight CEST to midnight CET: 25 hours, on two seats.
        Interval fallBack = Interval.of(Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z"));
        // Sunday 2026-04-05 on Lord Howe Island, midnight +11:00 to midnight +10:30: 24.5 hours.
        Interval halfHour = Interval.of(Instant.parse("2026-04-04T13:00:00Z"), Instant.parse("2026-04-05T13:30:00Z"));
        // The local week of New York from Monday 2026-03-02 to Monday 2026-03-09: 167 hours.
        Interval week = Interval.of(Instant.parse("2026-03-02T05:00:00Z"), Instant.parse("2026-03-09T04:00:00Z"));

        assertEquals(Duration.ofHours(23), engine.stats(StatsQuery.of(springForward, "ny"), BOSS).seatTime().offered());
        assertEquals(Duration.ofHours(50), engine.stats(StatsQuery.of(fallBack, "berlin"), BOSS).seatTime().offered());
        assertEquals(Duration.ofMinutes(24 * 60 + 30),
                engine.stats(StatsQuery.of(halfHour, "lord-howe"), BOSS).seatTime().offered());
        assertEquals(Duration.ofHours(167), engine.stats(StatsQuery.of(week, "ny"), BOSS).seatTime().offered());
        BookingStats none = engine.stats(StatsQuery.of(week), BOSS);
        assertEquals(Duration.ofHours(167 * 4), none.seatTime().offered(), "167 hours, on four seats");
        assertEquals(0.0, none.seatTime().utilization().orElseThrow());
        for (Interval w : List.of(springForward, fallBack, halfHour, week)) {
            assertModel(List.of(), List.of(ny, berlin, lordHowe), w, Instant.parse("2026-01-01T00:00:00Z"),
                    engine.stats(StatsQuery.of(w), BOSS), "no bookings, window " + w);
        }
    }

    /**
     * Seat-time per hour of the week counts a local hour that happens twice (autumn) on both
     * passes, and a local hour that never happens (spring) not at all.
     */
    @Test
    default void a_repeated_hour_counts_both_passes_and_a_skipped_hour_none() {
        StatsResource berlin = StatsResource.allDay("berlin", 2, ZoneId.of("Europe/Berlin"));
        StatsResource ny = StatsResource.allDay("ny", 1, ZoneId.of("America/New_York"));
        List.of(berlin, ny).forEach(r -> store().saveResource(r.resource(TENANT)));
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        // 01:30 CEST to 03:30 CET on 2026-10-25: three hours, 02:00-03:00 twice, for two seats.
        Booking twice = staffBooking("twice", "berlin", Instant.parse("2026-10-24T23:30:00Z"),
                Instant.parse("2026-10-25T02:30:00Z"), 2, BookingStatus.COMPLETED);
        // 01:30 EST to 03:30 EDT on 2026-03-08: one hour, 02:00-03:00 never happens.
        Booking skipped = staffBooking("skipped", "ny", Instant.parse("2026-03-08T06:30:00Z"),
                Instant.parse("2026-03-08T07:30:00Z"), 1, BookingStatus.COMPLETED);
        insert(twice, skipped);
        BookingEngine engine = statsEngine(now);

        Interval autumn = Interval.of(Instant.parse("2026-10-19T00:00:00Z"), Instant.parse("2026-10-31T00:00:00Z"));
        BookingStats b = engine.stats(StatsQuery.of(autumn, "berlin"), BOSS);
        assertEquals(Duration.ofMinutes(60), hour(b, DayOfWeek.SUNDAY, 1));
        assertEquals(Duration.ofMinutes(240), hour(b, DayOfWeek.SUNDAY, 2), "both passes of 02:00, two seats each");
        assertEquals(Duration.ofMinutes(60), hour(b, DayOfWeek.SUNDAY, 3));
        assertEquals(Duration.ofHours(6), b.seatTime().booked());
        assertEquals(List.of(new HourOfWeek(DayOfWeek.SUNDAY, 2, Duration.ofMinutes(240))), b.busiest(1));
        assertModel(List.of(twice, skipped), List.of(berlin), autumn, now, b, "autumn");

        Interval spring = Interval.of(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-14T00:00:00Z"));
        BookingStats n = engine.stats(StatsQuery.of(spring, "ny"), BOSS);
        assertEquals(Duration.ofMinutes(30), hour(n, DayOfWeek.SUNDAY, 1));
        assertEquals(Duration.ZERO, hour(n, DayOfWeek.SUNDAY, 2), "02:00-03:00 did not exist");
        assertEquals(Duration.ofMinutes(30), hour(n, DayOfWeek.SUNDAY, 3));
        assertEquals(Duration.ofHours(1), n.seatTime().booked());
        assertModel(List.of(twice, skipped), List.of(ny), spring, now, n, "spring");
    }

    /**
     * A late cancellation is a requested booking cancelled by staff or an admin less than the
     * template's cutoff before its start, or after it; not by the customer or the system, not on
     * the cutoff exactly, and not a hold, which was never requested. A template unknown to the
     * engine, or with a zero cutoff, makes a cancellation late only from the start on.
     */
    @Test
    default void late_cancellations_are_requests_cancelled_by_staff_or_admins_after_the_cutoff() {
        StatsResource desk = StatsResource.of("desk", 1, ZoneOffset.UTC, "Th 06:00-22:00");
        store().saveResource(desk.resource(TENANT));
        Instant start = Instant.parse("2026-03-12T10:00:00Z");
        Duration day = Duration.ofHours(24);
        Actor customer = Actor.customer(TENANT, "cust-1");
        Actor staff = Actor.staff(TENANT, "pat", Set.of("desk"));
        Actor system = Actor.system(TENANT);
        List<Booking> bookings = List.of(
                cancelled("staff-2h-before", "consult", BookingStatus.CONFIRMED, staff, start.minus(2, ChronoUnit.HOURS)),
                cancelled("admin-after-start", "consult", BookingStatus.CONFIRMED, BOSS, start.plusSeconds(600)),
                cancelled("staff-1min-inside", "consult", BookingStatus.CONFIRMED, staff, start.minus(day).plusSeconds(60)),
                cancelled("staff-on-the-cutoff", "consult", BookingStatus.CONFIRMED, staff, start.minus(day)),
                cancelled("admin-3-days-before", "consult", BookingStatus.CONFIRMED, BOSS, start.minus(3, ChronoUnit.DAYS)),
                cancelled("customer-2h-before", "consult", BookingStatus.CONFIRMED, customer, start.minus(2, ChronoUnit.HOURS)),
                cancelled("system-1h-before", "consult", BookingStatus.CONFIRMED, system, start.minus(1, ChronoUnit.HOURS)),
                cancelled("pending-by-staff", "consult", BookingStatus.PENDING, staff, start.minus(1, ChronoUnit.HOURS)),
                // A hold was never requested: neither a cancellation nor late.
                cancelled("hold-by-staff", "consult", BookingStatus.HELD, staff, start.minus(1, ChronoUnit.HOURS)),
                // A template the engine does not know has no cutoff: late only after the start.
                cancelled("unknown-before-start", StatsHistory.UNKNOWN_TEMPLATE, BookingStatus.CONFIRMED, staff,
                        start.minusSeconds(60)),
                cancelled("unknown-after-start", StatsHistory.UNKNOWN_TEMPLATE, BookingStatus.CONFIRMED, staff,
                        start.plusSeconds(60)),
                // A template with a zero cutoff: the same.
                cancelled("zero-at-start", "quick", BookingStatus.CONFIRMED, BOSS, start),
                staffBooking("came", "desk", start, start.plus(1, ChronoUnit.HOURS), 1, BookingStatus.COMPLETED));
        insert(bookings.toArray(Booking[]::new));
        Instant now = Instant.parse("2026-03-20T00:00:00Z");
        Interval window = Interval.of(Instant.parse("2026-03-12T00:00:00Z"), Instant.parse("2026-03-13T00:00:00Z"));

        BookingStats stats = statsEngine(now).stats(StatsQuery.of(window), BOSS);

        Counts c = stats.counts();
        assertEquals(12, c.of(BookingStatus.CANCELLED));
        assertEquals(new Rate(11, 12), c.cancellation(), "every cancelled booking but the hold was requested");
        assertEquals(5, c.lateCancellations(), "late: staff-2h-before, admin-after-start, staff-1min-inside,"
                + " pending-by-staff and unknown-after-start");
        assertModel(bookings, List.of(desk), window, now, stats, "late cancellations");
    }

    /**
     * A hold, expired, cancelled or still held, is not a request: the cancellation rate and the
     * lead times count only bookings that were ever pending or confirmed; held and pending time
     * count a hold past its expiry that nobody has marked yet.
     */
    @Test
    default void a_hold_is_not_a_request_and_lead_times_count_requests_only() {
        StatsResource desk = StatsResource.of("desk", 1, ZoneOffset.UTC, "Mo 09:00-17:00", "Tu 09:00-17:00");
        store().saveResource(desk.resource(TENANT));
        Instant now = Instant.parse("2026-03-16T20:00:00Z");
        Actor customer = Actor.customer(TENANT, "cust-1");
        Actor system = Actor.system(TENANT);
        Instant monday = Instant.parse("2026-03-16T00:00:00Z");
        Booking heldExpired = made("held-expired", monday.plus(9, ChronoUnit.HOURS), 60, Duration.ofMinutes(30),
                BookingStatus.EXPIRED, List.of(BookingStatus.HELD, BookingStatus.EXPIRED), customer, system);
        // Still HELD though its expiry has passed: held time until maintenance marks it.
        Booking heldStale = made("held-stale", monday.plus(10, ChronoUnit.HOURS), 60, Duration.ofMinutes(90),
                BookingStatus.HELD, List.of(BookingStatus.HELD), customer, system);
        Booking pendingExpired = made("pending-expired", monday.plus(11, ChronoUnit.HOURS), 30, Duration.ofHours(2),
                BookingStatus.EXPIRED, List.of(BookingStatus.PENDING, BookingStatus.EXPIRED), customer, system);
        Booking pending = made("pending", monday.plus(12, ChronoUnit.HOURS), 30, Duration.ofDays(3),
                BookingStatus.PENDING, List.of(BookingStatus.PENDING), customer, system);
        Booking holdCancelled = made("hold-cancelled", monday.plus(13, ChronoUnit.HOURS), 60, Duration.ofDays(40),
                BookingStatus.CANCELLED, List.of(BookingStatus.HELD, BookingStatus.CANCELLED), customer, system);
        Booking confirmed = made("confirmed", monday.plus(14, ChronoUnit.HOURS), 60, Duration.ofMinutes(40),
                BookingStatus.CONFIRMED, List.of(BookingStatus.HELD, BookingStatus.CONFIRMED), customer, system);
        List<Booking> bookings = List.of(heldExpired, heldStale, pendingExpired, pending, holdCancelled, confirmed);
        insert(bookings.toArray(Booking[]::new));
        Interval window = Interval.of(monday, monday.plus(2, ChronoUnit.DAYS));

        BookingStats stats = statsEngine(now).stats(StatsQuery.of(window), BOSS);

        Counts c = stats.counts();
        assertEquals(new Rate(0, 3), c.cancellation(), "requests: pending-expired, pending, confirmed");
        assertEquals(0, c.lateCancellations(), "the hold that staff released late was never a request");
        assertEquals(2, c.of(BookingStatus.EXPIRED));
        assertEquals(1, c.of(BookingStatus.HELD));
        assertEquals(new Rate(0, 0), c.noShow(), "nothing was completed or missed");
        // Leads 40 min, 2 h, 3 days: nearest ranks 2 of 3 (median) and 3 of 3 (90th).
        assertEquals(LeadTimes.of(Optional.of(Duration.ofHours(2)), Optional.of(Duration.ofDays(3)),
                List.of(1L, 1L, 1L, 0L, 0L)), stats.leadTimes());
        assertEquals(Duration.ofHours(1), stats.seatTime().held());
        assertEquals(Duration.ofMinutes(30), stats.seatTime().pending());
        assertEquals(Duration.ofHours(1), stats.seatTime().booked());
        assertEquals(Duration.ofHours(16), stats.seatTime().offered());
        assertModel(bookings, List.of(desk), window, now, stats, "holds");
    }

    /**
     * Seat-time counts each booking's party on each minute inside the window: the customer's time
     * inside and outside the opening hours, a forced booking's too, and the buffers apart; a
     * cancelled booking counts no time, and a booking that ends where the window starts counts only
     * its buffer after.
     */
    @Test
    default void seat_time_counts_parties_buffers_and_hours_inside_the_window() {
        StatsResource studio = StatsResource.of("studio", 3, ZoneOffset.UTC, "Th 09:00-12:00");
        store().saveResource(studio.resource(TENANT));
        Instant day = Instant.parse("2026-03-12T00:00:00Z"); // a Thursday
        Interval window = Interval.of(day.plus(10, ChronoUnit.HOURS), day.plus(1, ChronoUnit.DAYS));
        Instant now = day.plus(20, ChronoUnit.HOURS);
        List<Booking> bookings = List.of(
                // Starts before the window: its time and buffers count from the window's start.
                timed("across-start", day, "09:30", "11:00", 15, 15, 2, BookingStatus.COMPLETED, false),
                // Half in the hours, half after them, with a buffer after.
                timed("half-out", day, "11:30", "12:30", 0, 10, 1, BookingStatus.NO_SHOW, false),
                // Forced in, outside the hours, for the whole studio.
                timed("forced", day, "13:00", "14:00", 0, 0, 3, BookingStatus.COMPLETED, true),
                // Across the window's end, outside the hours, after now.
                timed("across-end", day, "23:30", "24:30", 0, 0, 1, BookingStatus.CONFIRMED, false),
                // Cancelled: no time at all.
                timed("cancelled", day, "10:00", "11:00", 0, 0, 2, BookingStatus.CANCELLED, false),
                // Ends where the window starts: only its buffer after lies inside.
                timed("buffer-only", day, "09:00", "10:00", 0, 30, 1, BookingStatus.COMPLETED, false));
        insert(bookings.toArray(Booking[]::new));

        BookingStats stats = statsEngine(now).stats(StatsQuery.of(window), BOSS);

        assertEquals(new SeatTime(Duration.ofHours(6), Duration.ofMinutes(120 + 30),
                Duration.ofMinutes(30 + 180 + 30), Duration.ZERO, Duration.ZERO, Duration.ofMinutes(30 + 10 + 30)),
                stats.seatTime());
        assertEquals(150.0 / 360, stats.seatTime().utilization().orElseThrow(), 1e-12);
        assertEquals(4, stats.counts().total(), "half-out, forced, across-end and cancelled start in the window");
        assertEquals(new Rate(1, 2), stats.counts().noShow(), "half-out of half-out and forced; across-end is ahead");
        assertEquals(Duration.ofMinutes(120), hour(stats, DayOfWeek.THURSDAY, 10));
        assertEquals(Duration.ofMinutes(30), hour(stats, DayOfWeek.THURSDAY, 11));
        assertEquals(Duration.ofMinutes(30), hour(stats, DayOfWeek.THURSDAY, 12));
        assertEquals(Duration.ofMinutes(180), hour(stats, DayOfWeek.THURSDAY, 13));
        assertEquals(Duration.ofMinutes(30), hour(stats, DayOfWeek.THURSDAY, 23));
        assertEquals(Duration.ZERO, hour(stats, DayOfWeek.FRIDAY, 0), "the window ends at midnight");
        assertModel(bookings, List.of(studio), window, now, stats, "seat time");
    }

    /**
     * Only staff and admins see statistics. Staff see only resources they work on, the existing
     * ones of them by default, and are refused any other; customers and the system are refused;
     * admins see the resources they ask for, or every one, of their own tenant only. An unknown
     * resource is refused with {@link ResourceNotFoundException}.
     */
    @Test
    default void only_staff_and_admins_see_statistics_and_staff_only_of_their_resources() {
        List<StatsResource> desks = List.of(StatsResource.allDay("desk-a", 1, ZoneOffset.UTC),
                StatsResource.allDay("desk-b", 1, ZoneOffset.UTC), StatsResource.allDay("desk-c", 2, ZoneOffset.UTC));
        desks.forEach(r -> store().saveResource(r.resource(TENANT)));
        store().saveResource(desks.get(0).resource(OTHER_TENANT));
        Instant day = Instant.parse("2026-03-12T00:00:00Z");
        List<Booking> bookings = List.of(
                timed("on-a", day, "09:00", "10:00", 0, 0, 1, BookingStatus.COMPLETED, false, "desk-a"),
                timed("on-b", day, "09:00", "10:00", 0, 0, 1, BookingStatus.COMPLETED, false, "desk-b"),
                timed("on-a-and-b", day, "11:00", "12:00", 0, 0, 1, BookingStatus.NO_SHOW, false, "desk-a", "desk-b"),
                timed("on-c", day, "09:00", "10:00", 0, 0, 2, BookingStatus.COMPLETED, false, "desk-c"));
        Booking elsewhere = booking("elsewhere").tenant(OTHER_TENANT).resources("desk-a")
                .createdAt(day.minus(1, ChronoUnit.DAYS)).interval(Interval.of(day.plus(13, ChronoUnit.HOURS), Duration.ofHours(1))).build();
        insert(bookings.toArray(Booking[]::new));
        insert(elsewhere);
        Instant now = day.plus(1, ChronoUnit.DAYS);
        Interval window = Interval.of(day, now);
        BookingEngine engine = statsEngine(now);
        Actor staff = Actor.staff(TENANT, "pat", Set.of("desk-a", "desk-b", "desk-gone"));

        BookingStats mine = engine.stats(StatsQuery.of(window), staff);
        assertEquals(List.of("desk-a", "desk-b"), ids(mine), "staff see the existing resources they work on");
        assertEquals(3, mine.counts().total(), "the booking of both desks once");
        assertModel(bookings, desks.subList(0, 2), window, now, mine, "staff");
        BookingStats justA = engine.stats(StatsQuery.of(window, "desk-a"), staff);
        assertEquals(List.of("desk-a"), ids(justA));
        assertModel(bookings, desks.subList(0, 1), window, now, justA, "staff, one desk");
        assertThrows(AccessDeniedException.class, () -> engine.stats(StatsQuery.of(window, "desk-c"), staff));
        assertThrows(AccessDeniedException.class, () -> engine.stats(StatsQuery.of(window, "desk-a", "desk-c"), staff));
        assertThrows(AccessDeniedException.class, () -> engine.stats(StatsQuery.of(window),
                Actor.customer(TENANT, "cust-1")));
        assertThrows(AccessDeniedException.class, () -> engine.stats(StatsQuery.of(window, "desk-a"),
                Actor.customer(TENANT, "cust-1")));
        assertThrows(AccessDeniedException.class, () -> engine.stats(StatsQuery.of(window), Actor.system(TENANT)));

        BookingStats chosen = engine.stats(StatsQuery.of(window, "desk-c", "desk-a"), BOSS);
        assertEquals(List.of("desk-a", "desk-c"), ids(chosen), "admins get the resources asked for, by id");
        assertEquals(3, chosen.counts().total());
        assertModel(bookings, List.of(desks.get(0), desks.get(2)), window, now, chosen, "admin, two desks");
        BookingStats every = engine.stats(StatsQuery.of(window), BOSS);
        assertEquals(List.of("desk-a", "desk-b", "desk-c"), ids(every));
        assertModel(bookings, desks, window, now, every, "admin");
        BookingStats other = engine.stats(StatsQuery.of(window), Actor.admin(OTHER_TENANT, "boss"));
        assertModel(List.of(elsewhere), desks.subList(0, 1), window, now, other, "the other tenant");
        assertThrows(ResourceNotFoundException.class, () -> engine.stats(StatsQuery.of(window, "desk-gone"), BOSS));
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** An engine over the store at {@code now}, knowing the templates of the generated history. */
    private BookingEngine statsEngine(Instant now) {
        return BookingEngine.builder().store(store()).clock(Clock.fixed(now, ZoneOffset.UTC))
                .templates(TemplateCatalog.of(StatsHistory.TEMPLATES)).build();
    }

    /** Asserts {@code actual} equals the model's statistics and returns them. */
    private static BookingStats assertModel(List<Booking> bookings, List<StatsResource> resources, Interval window,
                                            Instant now, BookingStats actual, String about) {
        BookingStats expected = StatsBruteForce.expected(bookings, resources, StatsHistory.CUTOFFS, window, now);
        // Component by component first, for a message one can read; then the whole record.
        assertEquals(List.of(), StatsBruteForce.differences(expected, actual),
                () -> about + ": the store's statistics differ from the minute-grid model");
        assertEquals(expected, actual, about);
        return expected;
    }

    private static Duration hour(BookingStats stats, DayOfWeek day, int hour) {
        return stats.busiestHours().get((day.getValue() - 1) * 24 + hour).booked();
    }

    private static List<String> ids(BookingStats stats) {
        return stats.resources().stream().map(ResourceStats::resourceId).toList();
    }

    /** A booking of one hour from {@code start} on desk, made a week ahead, cancelled from {@code from} at {@code at}. */
    private static Booking cancelled(String id, String template, BookingStatus from, Actor by, Instant at) {
        Instant start = Instant.parse("2026-03-12T10:00:00Z");
        Instant created = start.minus(7, ChronoUnit.DAYS);
        Actor customer = Actor.customer(TENANT, "cust-1");
        List<Transition> history = new ArrayList<>();
        history.add(new Transition(Optional.empty(), from, customer, created, ""));
        history.add(new Transition(Optional.of(from), BookingStatus.CANCELLED, by, at,
                by.equals(customer) ? "" : "cancelled"));
        return booking(id).resources("desk").template(template).status(BookingStatus.CANCELLED).createdAt(created)
                .interval(Interval.of(start, Duration.ofHours(1))).history(history.toArray(Transition[]::new)).build();
    }

    /** A booking on {@code resource} that staff entered a day ahead, then (for a past status) ran. */
    private static Booking staffBooking(String id, String resource, Instant start, Instant end, int party,
                                        BookingStatus status) {
        Instant created = start.minus(1, ChronoUnit.DAYS);
        Actor staff = Actor.staff(TENANT, "pat", Set.of(resource));
        List<Transition> history = new ArrayList<>();
        history.add(new Transition(Optional.empty(), BookingStatus.CONFIRMED, staff, created, ""));
        if (status == BookingStatus.COMPLETED) {
            history.add(new Transition(Optional.of(BookingStatus.CONFIRMED), BookingStatus.IN_PROGRESS, staff, start, ""));
            history.add(new Transition(Optional.of(BookingStatus.IN_PROGRESS), BookingStatus.COMPLETED, staff, end, ""));
        } else if (status == BookingStatus.NO_SHOW) {
            history.add(new Transition(Optional.of(BookingStatus.CONFIRMED), BookingStatus.NO_SHOW, staff, end, ""));
        } else if (status == BookingStatus.CANCELLED) {
            history.add(new Transition(Optional.of(BookingStatus.CONFIRMED), BookingStatus.CANCELLED, staff,
                    created.plus(1, ChronoUnit.HOURS), "closed"));
        }
        return booking(id).resources(resource).template("consult").party(party).status(status).createdAt(created)
                .interval(Interval.of(start, end)).history(history.toArray(Transition[]::new)).build();
    }

    /** A booking on desk of {@code minutes} from {@code start}, made {@code lead} ahead, through {@code path}. */
    private static Booking made(String id, Instant start, int minutes, Duration lead, BookingStatus status,
                                List<BookingStatus> path, Actor customer, Actor system) {
        Instant created = start.minus(lead);
        List<Transition> history = new ArrayList<>();
        Optional<BookingStatus> from = Optional.empty();
        Instant at = created;
        for (BookingStatus to : path) {
            if (to == BookingStatus.CANCELLED) {
                // By staff, an hour before the start: late, were it a request.
                Actor staff = Actor.staff(TENANT, "pat", Set.of("desk"));
                history.add(new Transition(from, to, staff, start.minus(1, ChronoUnit.HOURS), "released"));
                continue;
            }
            history.add(new Transition(from, to, to == BookingStatus.EXPIRED ? system : customer, at, ""));
            from = Optional.of(to);
            at = at.plus(10, ChronoUnit.MINUTES);
        }
        Instant expiry = created.plus(10, ChronoUnit.MINUTES);
        return booking(id).resources("desk").status(status).createdAt(created)
                .interval(Interval.of(start, Duration.ofMinutes(minutes)))
                .expiresAt(status == BookingStatus.HELD || status == BookingStatus.PENDING ? expiry : null)
                .history(history.toArray(Transition[]::new)).build();
    }

    /** A booking on {@code resources} (studio by default) between two times of {@code day}, {@code 24:30} being the next day. */
    private static Booking timed(String id, Instant day, String from, String to, int before, int after, int party,
                                 BookingStatus status, boolean forced, String... resources) {
        Instant start = day.plus(Duration.parse("PT" + from.replace(":", "H") + "M"));
        Instant end = day.plus(Duration.parse("PT" + to.replace(":", "H") + "M"));
        Booking b = staffBooking(id, resources.length == 0 ? "studio" : resources[0], start, end, party, status);
        return b.toBuilder().resourceIds(resources.length == 0 ? List.of("studio") : List.of(resources))
                .occupied(Interval.of(start.minus(before, ChronoUnit.MINUTES), end.plus(after, ChronoUnit.MINUTES)))
                .forced(forced).build();
    }
}
