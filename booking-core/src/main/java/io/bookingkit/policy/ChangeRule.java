package io.bookingkit.policy;

import java.util.function.Consumer;

/**
 * A business rule about changing an agreed booking (cancelling or moving it), judged in the
 * unit of work after the lifecycle allows the step: the customer's cancellation cutoff is one
 * ({@link BookingRules#cancellationCutoff()}). Replace them with
 * {@code BookingEngine.builder().changeRules(...)}, as booking rules are replaced.
 *
 * <p>Implementations must be stateless (or immutable) and thread-safe.
 */
@FunctionalInterface
public interface ChangeRule {

    /**
     * Reports every way {@code check} breaks this rule; reports nothing when it is satisfied.
     *
     * @param check  the change asked for
     * @param report takes each violation found
     */
    void check(ChangeCheck check, Consumer<Violation> report);
}
