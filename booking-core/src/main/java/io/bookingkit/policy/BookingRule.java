package io.bookingkit.policy;

import java.util.function.Consumer;

/**
 * A business rule a candidate booking must satisfy. The engine runs the same rules when it lists
 * slots, when it explains why a time is not available, and when it writes a booking.
 *
 * <p>Implementations must be stateless (or immutable) and thread-safe, and fast: slot listing
 * asks them about every candidate start.
 */
@FunctionalInterface
public interface BookingRule {

    /**
     * Reports every way {@code check} breaks this rule; reports nothing when it is satisfied.
     *
     * @param check  the candidate booking
     * @param report takes each violation found
     */
    void check(BookingCheck check, Consumer<Violation> report);

    /**
     * Whether this rule looks at other bookings: the bookings and seats in
     * {@link BookingCheck#resources()}, or the customer's in {@link BookingCheck#customer()}. True
     * unless the rule says otherwise, which a lambda cannot.
     *
     * <p>A rule that answers false must judge a candidate the same whatever other bookings exist.
     * An engine whose own rules all answer false may then decide a booking as though its time were
     * free, where the store's constraint refuses overlaps (PostgreSQL's shared units, README's
     * "Storage"); a rule that answers true sends every booking the way that reads them.
     *
     * @return true if the rule reads other bookings
     */
    default boolean readsBookings() {
        return true;
    }
}
