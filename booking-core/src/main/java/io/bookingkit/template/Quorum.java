package io.bookingkit.template;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import java.time.Duration;
import java.time.Instant;

/**
 * A group session's quorum: a session still below {@code minSeats} taken seats at its decision
 * deadline ({@code deadline} before its start) is cancelled for every participant; one at or
 * above it is kept, and stays kept whoever cancels later. After the deadline no new session of
 * the template can be started at that time, though a kept one can still be joined.
 *
 * @param minSeats seats that must be taken for the session to run, at least 1
 * @param deadline how long before the start the decision is made, not negative
 */
public record Quorum(int minSeats, Duration deadline) {

    /**
     * Validates the components.
     *
     * @param minSeats seats that must be taken for the session to run, at least 1
     * @param deadline how long before the start the decision is made, not negative
     * @throws InvalidRequestException if {@code minSeats} is not positive or {@code deadline} is
     *                                 negative
     */
    public Quorum {
        Require.positive(minSeats, "minSeats");
        Require.notNegative(deadline, "deadline");
    }

    /**
     * When a session starting at {@code start} is decided.
     *
     * @param start the session's start
     * @return {@code deadline} before {@code start}
     * @throws InvalidRequestException if that is before the first instant {@link Instant} can hold
     */
    public Instant decidedAt(Instant start) {
        Require.nonNull(start, "start");
        try {
            return start.minus(deadline);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new InvalidRequestException("A quorum deadline of " + deadline + " before " + start
                    + " is before the first representable instant", e);
        }
    }
}
