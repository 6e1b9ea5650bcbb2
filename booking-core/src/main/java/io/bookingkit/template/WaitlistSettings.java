package io.bookingkit.template;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * How a template's waitlists work.
 *
 * @param perCustomer most open entries (waiting or offered) one customer may have, across
 *                    sessions; empty for no limit
 * @param close       joining closes this long before the session starts; zero keeps the list open
 *                    until the start
 * @param offerTtl    how long an offer holds its seats for the entry it was made to, never past the
 *                    session's start; positive
 */
public record WaitlistSettings(OptionalInt perCustomer, Duration close, Duration offerTtl) {

    /** Two hours to accept an offer, no limit per customer, open until the start. */
    public static final WaitlistSettings DEFAULTS = new WaitlistSettings(OptionalInt.empty(), Duration.ZERO,
            Duration.ofHours(2));

    /**
     * Validates the components.
     *
     * @param perCustomer most open entries (waiting or offered) one customer may have, across
     *                    sessions; empty for no limit
     * @param close       joining closes this long before the session starts; zero keeps the list
     *                    open until the start
     * @param offerTtl    how long an offer holds its seats for the entry it was made to, never past
     *                    the session's start; positive
     * @throws InvalidRequestException if {@code perCustomer} is given and not positive,
     *                                 {@code close} is negative or {@code offerTtl} is not positive
     */
    public WaitlistSettings {
        Require.nonNull(perCustomer, "perCustomer");
        if (perCustomer.isPresent() && perCustomer.getAsInt() <= 0) {
            throw new InvalidRequestException("waitlist perCustomer must be positive, but was " + perCustomer.getAsInt());
        }
        Require.notNegative(close, "close");
        Require.positive(offerTtl, "offerTtl");
    }

    /**
     * When an offer made at {@code now} for a session starting at {@code start} runs out: after the
     * ttl, never past the start.
     *
     * @param start the session's start
     * @param now   when the offer is made
     * @return {@code now} plus {@link #offerTtl()}, or {@code start} if that is earlier
     */
    public java.time.Instant offerExpiresAt(java.time.Instant start, java.time.Instant now) {
        java.time.Instant ttl = now.plus(offerTtl);
        return ttl.isBefore(start) ? ttl : start;
    }
}
