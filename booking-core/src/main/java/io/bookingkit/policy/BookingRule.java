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
}
