package io.bookingkit;

/**
 * What one {@link BookingEngine#runMaintenance()} call did.
 *
 * @param bookingsExpired        holds, offers and pending bookings marked expired
 * @param entriesExpired         waitlist entries whose session started while they waited
 * @param sessionsKept           sessions whose quorum was reached at their deadline
 * @param sessionsCancelled      sessions cancelled for every participant for missing it
 * @param failed                 tasks that failed, to be tried again when their claim ends
 * @param notificationsDelivered notifications delivered
 * @param changesPruned          availability changes forgotten for being older than the feed's retention
 */
public record MaintenanceRun(int bookingsExpired, int entriesExpired, int sessionsKept, int sessionsCancelled,
                             int failed, int notificationsDelivered, int changesPruned) {

    /** Counts one run's work as it goes; confined to the running thread. */
    static final class Counter {
        int bookingsExpired;
        int entriesExpired;
        int sessionsKept;
        int sessionsCancelled;
        int failed;
        int delivered;
        int changesPruned;

        MaintenanceRun run() {
            return new MaintenanceRun(bookingsExpired, entriesExpired, sessionsKept, sessionsCancelled, failed, delivered, changesPruned);
        }
    }
}
