package io.bookingkit.booking;

import io.bookingkit.error.BookingException;

import io.bookingkit.booking.BookingStatus;

/** The booking's status does not allow the requested step (for example, confirming a cancelled booking). */
public class TransitionNotAllowedException extends BookingException {

    private static final long serialVersionUID = 1L;

    /** The booking's status when the step was refused. */
    private final BookingStatus status;
    /** The refused step. */
    private final String action;

    /**
     * An exception naming the booking, its status, the refused step and the reason.
     *
     * @param bookingId the booking
     * @param status    its status when the step was refused
     * @param action    the step, such as {@code confirm}
     * @param why       why the step is refused, such as {@code it expired at 2031-03-12T10:00:00Z}
     */
    public TransitionNotAllowedException(String bookingId, BookingStatus status, String action, String why) {
        super("Cannot " + action + " booking '" + bookingId + "' while it is " + status + ": " + why);
        this.status = status;
        this.action = action;
    }

    /**
     * The booking's status when the step was refused.
     *
     * @return the status
     */
    public BookingStatus status() {
        return status;
    }

    /**
     * The refused step, such as {@code confirm}.
     *
     * @return the step's name
     */
    public String action() {
        return action;
    }
}
