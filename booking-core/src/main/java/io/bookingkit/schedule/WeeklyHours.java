package io.bookingkit.schedule;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The regular week: for each day, its opening ranges in order. A day without ranges is
 * closed; breaks are the gaps between ranges. Only a day's last range may run past midnight.
 *
 * <p>Immutable and thread-safe.
 */
public final class WeeklyHours {

    private static final WeeklyHours CLOSED = new WeeklyHours(new EnumMap<>(DayOfWeek.class));

    private final Map<DayOfWeek, List<TimeRange>> days;

    private WeeklyHours(EnumMap<DayOfWeek, List<TimeRange>> days) {
        this.days = days;
    }

    /**
     * A week in which every day is closed.
     *
     * @return the closed week
     */
    public static WeeklyHours closed() {
        return CLOSED;
    }

    /**
     * A builder that starts with every day closed.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The ranges of {@code day}, in order; empty when the day is closed.
     *
     * @param day the day of the week
     * @return the ranges, unmodifiable
     */
    public List<TimeRange> on(DayOfWeek day) {
        Require.nonNull(day, "day");
        return days.getOrDefault(day, List.of());
    }

    /**
     * Whether every day is closed.
     *
     * @return true if no day has a range
     */
    public boolean isClosed() {
        return days.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeeklyHours other && days.equals(other.days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    @Override
    public String toString() {
        return "WeeklyHours" + days;
    }

    /** Collects the ranges per day; each day may be given once. Not thread-safe. */
    public static final class Builder {
        private final EnumMap<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);

        private Builder() {
        }

        /**
         * Opens {@code day} during {@code ranges}; no ranges means closed.
         *
         * @param day    the day of the week
         * @param ranges its opening ranges, in any order
         * @return this builder
         * @throws InvalidRequestException if the day was already given, or the ranges overlap or
         *                                 a range other than the last runs past midnight
         */
        public Builder on(DayOfWeek day, TimeRange... ranges) {
            Require.nonNull(day, "day");
            Require.nonNull(ranges, "ranges");
            if (days.containsKey(day)) {
                throw new InvalidRequestException(day + " is given twice; give all of its ranges at once");
            }
            days.put(day, validated(day, Arrays.asList(ranges)));
            return this;
        }

        /**
         * Opens every day from {@code first} to {@code last}, wrapping past Sunday if needed.
         *
         * @param first  the first day to open
         * @param last   the last day to open; before {@code first} to wrap past Sunday
         * @param ranges the opening ranges of each of those days, in any order
         * @return this builder
         * @throws InvalidRequestException as {@link #on(DayOfWeek, TimeRange...)} does, for any of
         *                                 the days
         */
        public Builder on(DayOfWeek first, DayOfWeek last, TimeRange... ranges) {
            Require.nonNull(first, "first");
            Require.nonNull(last, "last");
            DayOfWeek day = first;
            while (true) {
                on(day, ranges);
                if (day == last) {
                    return this;
                }
                day = day.plus(1);
            }
        }

        /**
         * The week as given so far.
         *
         * @return the week; {@link WeeklyHours#closed()} if no day has a range
         */
        public WeeklyHours build() {
            EnumMap<DayOfWeek, List<TimeRange>> open = new EnumMap<>(DayOfWeek.class);
            days.forEach((day, ranges) -> {
                if (!ranges.isEmpty()) {
                    open.put(day, ranges);
                }
            });
            return open.isEmpty() ? CLOSED : new WeeklyHours(open);
        }

        private static List<TimeRange> validated(DayOfWeek day, List<TimeRange> given) {
            List<TimeRange> ranges = new ArrayList<>(given.size());
            for (TimeRange range : given) {
                ranges.add(Require.nonNull(range, "range of " + day));
            }
            ranges.sort(Comparator.comparing(TimeRange::start));
            for (int i = 0; i < ranges.size(); i++) {
                TimeRange range = ranges.get(i);
                if (range.crossesMidnight() && i < ranges.size() - 1) {
                    throw new InvalidRequestException("Range " + range + " on " + day
                            + " runs past midnight, so it must be the day's last range, but "
                            + ranges.get(i + 1) + " starts after it");
                }
                if (i > 0 && ranges.get(i - 1).end().isAfter(range.start())) {
                    throw new InvalidRequestException("Ranges " + ranges.get(i - 1) + " and " + range
                            + " on " + day + " overlap");
                }
            }
            return List.copyOf(ranges);
        }
    }
}
