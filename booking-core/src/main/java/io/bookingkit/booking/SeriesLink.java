package io.bookingkit.booking;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Ids;

/**
 * Where a booking stands in a recurring series: the series' id, and the occurrence's place in
 * the series' rule, from 0 (the first start). Places stay with their occurrence: a skipped or
 * cancelled occurrence leaves a gap, and a replacement appended after the last one takes the
 * next place.
 *
 * @param seriesId the series
 * @param index    the occurrence's place, from 0
 */
public record SeriesLink(String seriesId, int index) {

    /** Validates the components. */
    public SeriesLink {
        Ids.require(seriesId, "seriesId");
        if (index < 0) {
            throw new InvalidRequestException("series index must not be negative, but was " + index);
        }
    }
}
