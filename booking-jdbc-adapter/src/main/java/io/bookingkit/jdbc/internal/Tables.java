package io.bookingkit.jdbc.internal;

/**
 * The qualified names of the store's tables.
 *
 * @param resource          resources
 * @param booking           bookings
 * @param bookingResource   one row per resource a booking uses
 * @param transition        booking history
 * @param outbox            notifications waiting for delivery
 * @param customerLock      one row per customer with per-customer limits, to lock
 * @param entry             waitlist entries
 * @param entryResource     one row per resource a waitlist entry names
 * @param task              scheduled maintenance tasks
 * @param change            the availability feed's changes
 * @param changeHead        where each tenant's feed stands
 */
public record Tables(String resource, String booking, String bookingResource, String transition, String outbox,
                     String customerLock, String entry, String entryResource, String task, String change,
                     String changeHead) {

    /** Tables named {@code prefix + name}, qualified by {@code schema} when it is not empty. */
    public static Tables of(String schema, String prefix) {
        String q = schema.isEmpty() ? prefix : schema + "." + prefix;
        return new Tables(q + "resource", q + "booking", q + "booking_resource", q + "transition", q + "outbox",
                q + "customer_lock", q + "waitlist_entry", q + "waitlist_entry_resource", q + "task", q + "change", q + "change_head");
    }
}
