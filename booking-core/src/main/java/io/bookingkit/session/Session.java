package io.bookingkit.session;

import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import io.bookingkit.template.Quorum;
import java.util.List;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * A group session: the bookings of one template that block time on one resource at one start.
 * Who is in it is shown as far as the asking actor may see (staff and admins see everyone; a
 * customer sees the counts and their own booking only).
 *
 * @param resourceId   the resource
 * @param templateName the template
 * @param interval     the session's time
 * @param capacity     the seats it offers: the template's seats, capped by the resource's capacity
 * @param seatsTaken   seats its bookings take
 * @param seatsLeft    seats a new booking could still take; fewer than {@code capacity - seatsTaken}
 *                     when other bookings on the resource overlap it
 * @param participants its bookings that the actor may see, oldest first
 * @param waiting      entries waiting for it on its waitlist
 * @param quorum       the template's quorum, if it has one
 * @param quorumMet    whether the seats taken reach the quorum (true without one)
 */
public record Session(String resourceId, String templateName, Interval interval, int capacity, int seatsTaken,
                      int seatsLeft, List<Participant> participants, int waiting, Optional<Quorum> quorum,
                      boolean quorumMet) {

    /**
     * Validates the components.
     *
     * @param resourceId   the resource
     * @param templateName the template
     * @param interval     the session's time
     * @param capacity     the seats it offers: the template's seats, capped by the resource's
     *                     capacity
     * @param seatsTaken   seats its bookings take
     * @param seatsLeft    seats a new booking could still take; fewer than
     *                     {@code capacity - seatsTaken} when other bookings on the resource overlap
     *                     it
     * @param participants its bookings that the actor may see, oldest first
     * @param waiting      entries waiting for it on its waitlist
     * @param quorum       the template's quorum, if it has one
     * @param quorumMet    whether the seats taken reach the quorum (true without one)
     * @throws io.bookingkit.error.InvalidRequestException if an id is not a valid id, the interval
     *                                                     is unbounded or empty, or a count is
     *                                                     negative
     */
    public Session {
        Ids.require(resourceId, "resourceId");
        Ids.require(templateName, "templateName");
        Require.boundedNonEmpty(interval, "interval");
        Require.notNegative(capacity, "capacity");
        Require.notNegative(seatsTaken, "seatsTaken");
        Require.notNegative(seatsLeft, "seatsLeft");
        participants = List.copyOf(Require.elements(participants, "participants"));
        Require.notNegative(waiting, "waiting");
        Require.nonNull(quorum, "quorum");
    }
}
