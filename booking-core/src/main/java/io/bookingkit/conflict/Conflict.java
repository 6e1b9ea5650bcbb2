package io.bookingkit.conflict;

import io.bookingkit.internal.Require;
import org.threeten.extra.Interval;

/**
 * An existing booking that stands in the way of a proposed one.
 *
 * @param bookingId  the existing booking
 * @param resourceId the resource they would share
 * @param occupied   the existing booking's occupied interval (its time widened by buffers)
 * @param kind       how they collide
 */
public record Conflict(String bookingId, String resourceId, Interval occupied, Kind kind) {

    /**
     * Validates the components.
     *
     * @param bookingId  the existing booking
     * @param resourceId the resource they would share
     * @param occupied   the existing booking's occupied interval (its time widened by buffers)
     * @param kind       how they collide
     */
    public Conflict {
        Require.nonNull(bookingId, "bookingId");
        Require.nonNull(resourceId, "resourceId");
        Require.nonNull(occupied, "occupied");
        Require.nonNull(kind, "kind");
    }

    /** How a proposed booking collides with an existing one. */
    public enum Kind {
        /** Their times overlap on a resource with no seat to spare. */
        OVERLAP,
        /** Their times do not overlap, but the buffers around them do. */
        BUFFER,
        /** They overlap on a resource with seats, and together need more than it has. */
        FULL
    }
}
