package io.bookingkit.analytics;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The cancellation and no-show figures of a set of bookings, and their counts by status: each
 * booking whose start lies in the window once, in the status it has when the statistics are
 * computed.
 *
 * @param byStatus          bookings per status; every status is a key, with 0 where there are none
 * @param cancellation      CANCELLED bookings of those ever CONFIRMED or PENDING (an expired hold
 *                          or a released offer is not a cancellation); the whole is every booking
 *                          ever confirmed or pending: those in one of {@link #REQUESTED}, and the
 *                          cancelled and expired ones whose history passed through either
 * @param lateCancellations the cancellations in {@code cancellation} that staff or an admin made
 *                          on the customer's behalf after the template's cancellation cutoff
 *                          (less than the cutoff before the start); cancellations by the system,
 *                          such as a missed quorum, are never late
 * @param noShow            NO_SHOW of COMPLETED + NO_SHOW, among the bookings whose start has
 *                          come (at or before the statistics' {@code asOf}, as in the lifecycle);
 *                          a completed booking is one where the customer came
 */
public record Counts(Map<BookingStatus, Long> byStatus, Rate cancellation, long lateCancellations, Rate noShow) {

    /**
     * The statuses that a booking reaches only through PENDING or CONFIRMED
     * ({@link BookingStatus#impliesRequest()}), so that it was requested whatever history it has.
     */
    public static final Set<BookingStatus> REQUESTED = Collections.unmodifiableSet(EnumSet.copyOf(
            Arrays.stream(BookingStatus.values()).filter(BookingStatus::impliesRequest).toList()));

    /**
     * Validates the components and fills in missing statuses with 0.
     *
     * @param byStatus          bookings per status; every status is a key, with 0 where there are
     *                          none
     * @param cancellation      CANCELLED bookings of those ever CONFIRMED or PENDING (an expired
     *                          hold or a released offer is not a cancellation); the whole is every
     *                          booking ever confirmed or pending: those in one of
     *                          {@link #REQUESTED}, and the cancelled and expired ones whose history
     *                          passed through either
     * @param lateCancellations the cancellations in {@code cancellation} that staff or an admin
     *                          made on the customer's behalf after the template's cancellation
     *                          cutoff (less than the cutoff before the start); cancellations by the
     *                          system, such as a missed quorum, are never late
     * @param noShow            NO_SHOW of COMPLETED + NO_SHOW, among the bookings whose start has
     *                          come (at or before the statistics' {@code asOf}, as in the
     *                          lifecycle); a completed booking is one where the customer came
     * @throws InvalidRequestException if {@code lateCancellations} is negative or more than the
     *                                 cancellations
     */
    public Counts {
        Require.nonNull(byStatus, "byStatus");
        EnumMap<BookingStatus, Long> all = new EnumMap<>(BookingStatus.class);
        for (BookingStatus s : BookingStatus.values()) {
            all.put(s, byStatus.getOrDefault(s, 0L));
        }
        byStatus = Collections.unmodifiableMap(all);
        Require.nonNull(cancellation, "cancellation");
        Require.nonNull(noShow, "noShow");
        if (lateCancellations < 0 || lateCancellations > cancellation.count()) {
            throw new InvalidRequestException("late cancellations " + lateCancellations + " must be between 0 and "
                    + cancellation.count());
        }
    }

    /**
     * The bookings in {@code status}.
     *
     * @param status the status to count
     * @return the count, 0 or more
     */
    public long of(BookingStatus status) {
        return byStatus.get(Require.nonNull(status, "status"));
    }

    /**
     * All bookings counted, whatever their status.
     *
     * @return the sum of the counts by status
     */
    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
