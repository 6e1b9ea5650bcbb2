package io.bookingkit.booking;

import io.bookingkit.error.BookingException;

/** No booking with the given id exists in the caller's tenant (or the caller may not know of it). */
public class BookingNotFoundException extends BookingException {

    private static final long serialVersionUID = 1L;

    private final String bookingId;

    public BookingNotFoundException(String tenantId, String bookingId) {
        super("No booking '" + bookingId + "' in tenant '" + tenantId + "'");
        this.bookingId = bookingId;
    }

    /** The id that was not found. */
    public String bookingId() {
        return bookingId;
    }
}
