package io.bookingkit.booking;

import io.bookingkit.error.BookingException;

import io.bookingkit.booking.BookingStatus;

/** The booking's status does not allow the requested step (for example, confirming a cancelled booking). */
public class TransitionNotAllowedException extends BookingException {

    private static final long serialVersionUID = 1L;

    private final BookingStatus status;
    private final String action;

    public TransitionNotAllowedException(String bookingId, BookingStatus status, String action, String why) {
        super("Cannot " + action + " booking '" + bookingId + "' while it is " + status + ": " + why);
        this.status = status;
        this.action = action;
    }

    /** The booking's status when the step was refused. */
    public BookingStatus status() {
        return status;
    }

    /** The refused step, such as {@code confirm}. */
    public String action() {
        return action;
    }
}
