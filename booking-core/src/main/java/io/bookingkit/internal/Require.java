package io.bookingkit.internal;

import io.bookingkit.error.InvalidRequestException;
import java.time.Duration;
import java.util.Objects;
import org.threeten.extra.Interval;

/** Argument checks shared by the core; every message names the parameter and the reason. */
public final class Require {

    private Require() {
    }

    public static <T> T nonNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    /**
     * {@code values} if neither it nor any of its elements is null; a null element is named
     * by its position, as in {@code resourceIds[1] must not be null}.
     */
    public static <C extends java.util.Collection<?>> C elements(C values, String name) {
        nonNull(values, name);
        int i = 0;
        for (Object value : values) {
            if (value == null) {
                throw new NullPointerException(name + "[" + i + "] must not be null");
            }
            i++;
        }
        return values;
    }

    /** Bounded on both sides and non-empty: what a booking or a query window must be. */
    public static Interval boundedNonEmpty(Interval interval, String name) {
        bounded(interval, name);
        if (interval.isEmpty()) {
            throw new InvalidRequestException(name + " must not be empty, but was " + interval);
        }
        return interval;
    }

    /** Bounded on both sides; may be empty. */
    public static Interval bounded(Interval interval, String name) {
        nonNull(interval, name);
        if (interval.isUnboundedStart() || interval.isUnboundedEnd()) {
            throw new InvalidRequestException(name + " must be bounded on both sides, but was " + interval);
        }
        return interval;
    }

    public static Interval maxLength(Interval interval, Duration max, String name) {
        if (interval.toDuration().compareTo(max) > 0) {
            throw new InvalidRequestException(name + " " + interval + " is " + interval.toDuration()
                    + " long; the maximum is " + max);
        }
        return interval;
    }

    public static Duration positive(Duration duration, String name) {
        nonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidRequestException(name + " must be positive, but was " + duration);
        }
        return duration;
    }

    public static Duration notNegative(Duration duration, String name) {
        nonNull(duration, name);
        if (duration.isNegative()) {
            throw new InvalidRequestException(name + " must not be negative, but was " + duration);
        }
        return duration;
    }

    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new InvalidRequestException(name + " must be positive, but was " + value);
        }
        return value;
    }

    public static int notNegative(int value, String name) {
        if (value < 0) {
            throw new InvalidRequestException(name + " must not be negative, but was " + value);
        }
        return value;
    }

    public static String notBlank(String value, String name) {
        nonNull(value, name);
        if (value.isBlank()) {
            throw new InvalidRequestException(name + " must not be blank");
        }
        return value;
    }

}
