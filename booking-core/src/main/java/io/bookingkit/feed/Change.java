package io.bookingkit.feed;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import java.time.Instant;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * One change of one resource's availability, as a unit of work records it: which resource, the
 * time whose availability may have changed, and why. A screen showing that resource refreshes
 * what it shows of {@code interval}.
 *
 * @param tenantId   the resource's tenant
 * @param resourceId the resource whose availability changed
 * @param interval   the time affected: a booking's occupied time (buffers included); for
 *                   {@link ChangeKind#RESOURCE_CHANGED}, all time ({@link Interval#ALL})
 * @param kind       what happened
 * @param bookingId  the booking that changed; empty for {@link ChangeKind#RESOURCE_CHANGED}
 * @param status     that booking's status after the change; empty for
 *                   {@link ChangeKind#RESOURCE_CHANGED}
 * @param at         when the change was made, by the engine's clock
 */
public record Change(String tenantId, String resourceId, Interval interval, ChangeKind kind,
                     Optional<String> bookingId, Optional<BookingStatus> status, Instant at) {

    /**
     * Checks that the parts fit together.
     *
     * @param tenantId   the resource's tenant
     * @param resourceId the resource whose availability changed
     * @param interval   the time affected
     * @param kind       what happened
     * @param bookingId  the booking that changed
     * @param status     its status after the change
     * @param at         when the change was made
     *
     * @throws InvalidRequestException if a booking's change has no booking, status or bounded,
     *         non-empty interval, or a resource's change names a booking or less than all time
     */
    public Change {
        Require.nonNull(tenantId, "tenantId");
        Require.nonNull(resourceId, "resourceId");
        Require.nonNull(interval, "interval");
        Require.nonNull(kind, "kind");
        Require.nonNull(bookingId, "bookingId");
        Require.nonNull(status, "status");
        Require.nonNull(at, "at");
        if (kind == ChangeKind.RESOURCE_CHANGED) {
            if (bookingId.isPresent() || status.isPresent() || !interval.equals(Interval.ALL)) {
                throw new InvalidRequestException("A change of resource '" + resourceId + "' itself covers all time and"
                        + " names no booking, but had " + interval + ", booking " + bookingId + " and status " + status);
            }
        } else {
            if (bookingId.isEmpty() || status.isEmpty()) {
                throw new InvalidRequestException("A " + kind + " change of resource '" + resourceId
                        + "' names its booking and status, but had booking " + bookingId + " and status " + status);
            }
            Require.boundedNonEmpty(interval, "interval");
        }
    }

    /**
     * Whether this change may affect what is shown of {@code window}.
     *
     * @param window the time a reader shows
     * @return true if the change's interval overlaps it
     */
    public boolean affects(Interval window) {
        return interval.overlaps(Require.nonNull(window, "window"));
    }
}
