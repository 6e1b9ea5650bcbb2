package io.bookingkit.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bookingkit.analytics.internal.Statistics;
import io.bookingkit.booking.BookingStatus;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.spi.AggregateQuery;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.threeten.extra.Interval;

/** The statistics' value types: what they refuse, with the bad value named, and what they derive. */
class AnalyticsTypesTest {

    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void a_query_needs_a_bounded_window_of_at_most_400_days_and_real_ids() {
        assertEquals(List.of("a", "b"), List.copyOf(StatsQuery.of(Interval.of(T, Duration.ofDays(1)), "b", "a").resourceIds()),
                "kept sorted");
        InvalidRequestException unbounded = assertThrows(InvalidRequestException.class,
                () -> StatsQuery.of(Interval.startingAt(T)));
        assertTrue(unbounded.getMessage().contains("window"), unbounded.getMessage());
        InvalidRequestException tooLong = assertThrows(InvalidRequestException.class,
                () -> StatsQuery.of(Interval.of(T, Duration.ofDays(401))));
        assertTrue(tooLong.getMessage().contains("PT9600H"), tooLong.getMessage());
        assertThrows(InvalidRequestException.class, () -> StatsQuery.of(Interval.of(T, T)));
        NullPointerException nullId = assertThrows(NullPointerException.class,
                () -> new StatsQuery(Interval.of(T, Duration.ofDays(1)), new java.util.HashSet<>(Arrays.asList("a", null))));
        assertTrue(nullId.getMessage().contains("resourceIds"), nullId.getMessage());
        assertThrows(InvalidRequestException.class, () -> StatsQuery.of(Interval.of(T, Duration.ofDays(1)), " "));
    }

    @Test
    void the_store_query_counts_the_window_and_now_to_the_microsecond() {
        Interval window = Interval.of(T.plusNanos(1_500), T.plus(Duration.ofDays(1)).plusNanos(999));
        AggregateQuery query = Statistics.query(window, T.plusNanos(2_999), List.of(), Map.of());
        assertEquals(Interval.of(T.plusNanos(1_000), T.plus(Duration.ofDays(1))), query.window());
        assertEquals(T.plusNanos(2_000), query.now());
        assertThrows(InvalidRequestException.class, () -> new AggregateQuery(query.window(), T, List.of(), Map.of(),
                Set.of(), Set.of(), List.of(Duration.ofDays(1), Duration.ofHours(1))), "bounds must ascend");
    }

    @Test
    void rates_and_utilization_are_empty_with_nothing_to_divide_by() {
        assertEquals(OptionalDouble.empty(), new Rate(0, 0).value());
        assertEquals(OptionalDouble.of(0.25), new Rate(1, 4).value());
        InvalidRequestException bad = assertThrows(InvalidRequestException.class, () -> new Rate(5, 4));
        assertTrue(bad.getMessage().contains("5 of 4"), bad.getMessage());
        assertEquals(OptionalDouble.empty(), SeatTime.NONE.utilization());
        SeatTime half = new SeatTime(Duration.ofHours(8), Duration.ofHours(4), Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ofMinutes(30));
        assertEquals(OptionalDouble.of(0.5), half.utilization());
        assertEquals(Duration.ofHours(16), half.plus(half).offered());
        SeatTime centuries = new SeatTime(Duration.ofDays(200_000), Duration.ofDays(50_000), Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO);
        assertEquals(OptionalDouble.of(0.25), centuries.utilization(), "seat-time past 292 years does not overflow");
        assertThrows(InvalidRequestException.class, () -> new SeatTime(Duration.ofHours(-1), Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void counts_name_every_status_and_keep_late_cancellations_within_the_cancellations() {
        Counts counts = new Counts(Map.of(BookingStatus.CANCELLED, 3L), new Rate(3, 10), 2, new Rate(0, 0));
        assertEquals(BookingStatus.values().length, counts.byStatus().size());
        assertEquals(0, counts.of(BookingStatus.HELD));
        assertEquals(3, counts.total());
        InvalidRequestException late = assertThrows(InvalidRequestException.class,
                () -> new Counts(Map.of(), new Rate(1, 2), 2, new Rate(0, 0)));
        assertTrue(late.getMessage().contains("late cancellations 2"), late.getMessage());
        assertTrue(Counts.REQUESTED.containsAll(Set.of(BookingStatus.PENDING, BookingStatus.NO_SHOW, BookingStatus.DECLINED)));
        assertTrue(!Counts.REQUESTED.contains(BookingStatus.CANCELLED) && !Counts.REQUESTED.contains(BookingStatus.HELD));
    }

    @Test
    void lead_time_bins_cover_the_bounds_in_order_and_add_up() {
        LeadTimes leads = LeadTimes.of(Optional.of(Duration.ofDays(2)), Optional.of(Duration.ofDays(9)), List.of(1L, 0L, 3L, 2L, 1L));
        assertEquals(7, leads.count());
        assertEquals(Optional.empty(), leads.histogram().get(0).from());
        assertEquals(Optional.of(Duration.ofHours(1)), leads.histogram().get(0).to());
        assertEquals(Optional.of(Duration.ofDays(30)), leads.histogram().get(4).from());
        assertEquals(Optional.empty(), leads.histogram().get(4).to());
        InvalidRequestException bins = assertThrows(InvalidRequestException.class,
                () -> LeadTimes.of(Optional.empty(), Optional.empty(), List.of(1L)));
        assertTrue(bins.getMessage().contains("[1]"), bins.getMessage());
        assertThrows(InvalidRequestException.class,
                () -> LeadTimes.of(Optional.empty(), Optional.empty(), List.of(1L, 0L, 0L, 0L, 0L)),
                "a percentile for every count above zero");
    }

    @Test
    void the_busiest_hours_come_first_and_ties_keep_week_order() {
        List<HourOfWeek> week = new java.util.ArrayList<>();
        for (int h = 0; h < 168; h++) {
            week.add(new HourOfWeek(DayOfWeek.of(h / 24 + 1), h % 24, Duration.ofMinutes(h == 30 || h == 100 ? 90 : h == 5 ? 60 : 0)));
        }
        BookingStats stats = new BookingStats(Interval.of(T, Duration.ofDays(7)), T, new Counts(Map.of(), new Rate(0, 0), 0,
                new Rate(0, 0)), SeatTime.NONE, LeadTimes.of(Optional.empty(), Optional.empty(), List.of(0L, 0L, 0L, 0L, 0L)),
                week, List.of());
        assertEquals(List.of(30, 100, 5), stats.busiest(3).stream().map(HourOfWeek::index).toList());
        assertEquals(new HourOfWeek(DayOfWeek.TUESDAY, 6, Duration.ofMinutes(90)), stats.busiest(1).get(0));
        assertThrows(InvalidRequestException.class, () -> new BookingStats(stats.window(), T, stats.counts(),
                stats.seatTime(), stats.leadTimes(), week.subList(0, 100), List.of()));
        InvalidRequestException hour = assertThrows(InvalidRequestException.class,
                () -> new HourOfWeek(DayOfWeek.MONDAY, 24, Duration.ZERO));
        assertTrue(hour.getMessage().contains("24"), hour.getMessage());
    }
}
