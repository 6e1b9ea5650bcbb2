package io.bookingkit.template;

/** Whether a new booking is confirmed at once or waits for staff. */
public enum ConfirmationMode {
    /** New bookings are {@code CONFIRMED}. */
    INSTANT,
    /** New bookings are {@code PENDING} until staff confirm or decline them, or they expire. */
    MANUAL
}
