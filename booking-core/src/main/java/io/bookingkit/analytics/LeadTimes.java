package io.bookingkit.analytics;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How far ahead bookings were made: lead time = start − creation, over the bookings that start
 * in the window and were ever confirmed or pending (expired holds are not bookings anybody made).
 * Percentiles are by nearest rank: the 90th is the smallest lead time that at least 90% of the
 * bookings have at most, so it is always one of the bookings' own lead times. A booking entered
 * after its start (a walk-in recorded later) has a negative lead time.
 *
 * @param count     how many bookings were measured
 * @param median    the 50th percentile; empty when {@code count} is 0
 * @param p90       the 90th percentile; empty when {@code count} is 0
 * @param histogram the counts per bin, the bins of {@link #BIN_BOUNDS} in order
 */
public record LeadTimes(long count, Optional<Duration> median, Optional<Duration> p90, List<Bin> histogram) {

    /**
     * The upper bounds of the histogram's bins, exclusive: under an hour, under a day, under a
     * week, under 30 days; the last bin holds the rest.
     */
    public static final List<Duration> BIN_BOUNDS = List.of(Duration.ofHours(1), Duration.ofDays(1),
            Duration.ofDays(7), Duration.ofDays(30));

    /**
     * Validates the components.
     *
     * @param count     how many bookings were measured
     * @param median    the 50th percentile; empty when {@code count} is 0
     * @param p90       the 90th percentile; empty when {@code count} is 0
     * @param histogram the counts per bin, the bins of {@link #BIN_BOUNDS} in order
     * @throws InvalidRequestException if the histogram's counts do not add up to {@code count}, or
     *                                 the percentiles are present when nothing was measured or
     *                                 empty when something was
     */
    public LeadTimes {
        Require.nonNull(median, "median");
        Require.nonNull(p90, "p90");
        histogram = List.copyOf(Require.nonNull(histogram, "histogram"));
        if (histogram.stream().mapToLong(Bin::count).sum() != count) {
            throw new InvalidRequestException("the histogram counts " + histogram + " do not add up to " + count);
        }
        if (median.isPresent() != count > 0 || p90.isPresent() != count > 0) {
            throw new InvalidRequestException("percentiles are present exactly when something was measured");
        }
    }

    /**
     * Lead times counted per bin of {@link #BIN_BOUNDS},
     * {@code counts.size() == BIN_BOUNDS.size() + 1}.
     *
     * @param median the 50th percentile; empty when no booking was measured
     * @param p90    the 90th percentile; empty when no booking was measured
     * @param counts the count of each bin, in order
     * @return the lead times, with {@code count} the sum of {@code counts}
     * @throws InvalidRequestException if {@code counts} has the wrong size or the percentiles do
     *                                 not match it
     */
    public static LeadTimes of(Optional<Duration> median, Optional<Duration> p90, List<Long> counts) {
        if (counts.size() != BIN_BOUNDS.size() + 1) {
            throw new InvalidRequestException("need " + (BIN_BOUNDS.size() + 1) + " bin counts, but got " + counts);
        }
        Bin[] bins = new Bin[counts.size()];
        for (int i = 0; i < bins.length; i++) {
            bins[i] = new Bin(i == 0 ? Optional.empty() : Optional.of(BIN_BOUNDS.get(i - 1)),
                    i == BIN_BOUNDS.size() ? Optional.empty() : Optional.of(BIN_BOUNDS.get(i)), counts.get(i));
        }
        return new LeadTimes(counts.stream().mapToLong(Long::longValue).sum(), median, p90, List.of(bins));
    }

    /**
     * One bin: lead times from {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from  empty for the first bin, which also holds negative lead times
     * @param to    empty for the last bin
     * @param count the bookings in it
     */
    public record Bin(Optional<Duration> from, Optional<Duration> to, long count) {
    }
}
