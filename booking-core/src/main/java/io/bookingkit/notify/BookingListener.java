package io.bookingkit.notify;

/**
 * Receives {@link BookingEvent}s after commit, on the thread that made the change. A listener
 * that throws is logged and does not affect the change or the other listeners.
 */
@FunctionalInterface
public interface BookingListener {

    /**
     * Handles one event. It runs after the change committed, on the thread that made it; keep it
     * short or hand the event on.
     *
     * @param event what happened
     */
    void onEvent(BookingEvent event);
}
