package io.bookingkit.analytics;

import io.bookingkit.error.InvalidRequestException;

import java.util.OptionalDouble;

/**
 * A share of a count: {@code count} of {@code of}, such as 3 cancellations of 40 bookings.
 *
 * @param count the part
 * @param of    the whole; at least {@code count}
 */
public record Rate(long count, long of) {

    /**
     * Validates that {@code 0 <= count <= of}.
     *
     * @param count the part
     * @param of    the whole; at least {@code count}
     * @throws InvalidRequestException if {@code count} is negative or more than {@code of}
     */
    public Rate {
        if (count < 0 || count > of) {
            throw new InvalidRequestException("a rate needs 0 <= count <= of, but was " + count + " of " + of);
        }
    }

    /**
     * {@code count / of}; empty when there is nothing to divide by.
     *
     * @return the share, 0 to 1
     */
    public OptionalDouble value() {
        return of == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) count / of);
    }
}
