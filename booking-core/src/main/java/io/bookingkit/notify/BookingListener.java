package io.bookingkit.notify;

/**
 * Receives {@link BookingEvent}s after commit, on the thread that made the change. A listener
 * that throws is logged and does not affect the change or the other listeners.
 */
@FunctionalInterface
public interface BookingListener {

    void onEvent(BookingEvent event);
}
