package io.bookingkit.booking;

import io.bookingkit.error.BookingException;

/** No booking with the given id exists in the caller's tenant (or the caller may not know of it). */
public class BookingNotFoundException extends BookingException {

    private static final long serialVersionUID = 1L;

    /** The id that was not found. */
    private final String bookingId;

    /**
     * An exception naming the missing booking and the tenant it was looked for in.
     *
     * @param tenantId  the tenant searched
     * @param bookingId the id not found there
     */
    public BookingNotFoundException(String tenantId, String bookingId) {
        super("No booking '" + bookingId + "' in tenant '" + tenantId + "'");
        this.bookingId = bookingId;
    }

    /**
     * The id that was not found.
     *
     * @return the booking id
     */
    public String bookingId() {
        return bookingId;
    }
}
