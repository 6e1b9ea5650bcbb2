package io.bookingkit.session;

import io.bookingkit.booking.BookingStatus;
import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;

/**
 * One booking in a session.
 *
 * @param bookingId  the booking
 * @param customerId whose it is
 * @param partySize  the seats it takes
 * @param status     its status (one that blocks time)
 */
public record Participant(String bookingId, String customerId, int partySize, BookingStatus status) {

    /**
     * Validates the components.
     *
     * @param bookingId  the booking
     * @param customerId whose it is
     * @param partySize  the seats it takes
     * @param status     its status (one that blocks time)
     * @throws io.bookingkit.error.InvalidRequestException if an id is not a valid id or the party
     *                                                     size is not positive
     */
    public Participant {
        Ids.require(bookingId, "bookingId");
        Ids.require(customerId, "customerId");
        Require.positive(partySize, "partySize");
        Require.nonNull(status, "status");
    }
}
