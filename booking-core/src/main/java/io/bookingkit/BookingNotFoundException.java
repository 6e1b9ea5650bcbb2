package io.bookingkit;

/** No booking (or resource) with the given id exists in the caller's tenant. */
public class BookingNotFoundException extends BookingException {

    private static final long serialVersionUID = 1L;

    public BookingNotFoundException(String message) {
        super(message);
    }
}
