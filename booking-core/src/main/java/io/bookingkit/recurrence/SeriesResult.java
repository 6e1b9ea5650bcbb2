package io.bookingkit.recurrence;

import io.bookingkit.booking.Booking;
import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import java.util.List;

/**
 * A booked series: its id, the occurrences booked (ordinary bookings that carry the series id
 * and their place in it), and the ones left out with their reasons.
 *
 * @param seriesId the series
 * @param booked   the booked occurrences, in order of place
 * @param skipped  the occurrences left out, in order of place; empty under
 *                 {@link ConflictPolicy#ALL_OR_NOTHING}, and in the answer to a repeated request
 */
public record SeriesResult(String seriesId, List<Booking> booked, List<RefusedOccurrence> skipped) {

    /**
     * Validates the components.
     *
     * @param seriesId the series
     * @param booked   the booked occurrences, in order of place
     * @param skipped  the occurrences left out, in order of place; empty under
     *                 {@link ConflictPolicy#ALL_OR_NOTHING}, and in the answer to a repeated
     *                 request
     * @throws io.bookingkit.error.InvalidRequestException if the series id is not a valid id
     */
    public SeriesResult {
        Ids.require(seriesId, "seriesId");
        booked = List.copyOf(Require.nonNull(booked, "booked"));
        skipped = List.copyOf(Require.nonNull(skipped, "skipped"));
    }
}
