package io.bookingkit.template;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import java.util.OptionalInt;

/**
 * Most bookings of one template allowed per local day and per ISO week (Monday to Sunday),
 * counted on the resource's calendar: per resource, and per customer. Empty means no limit.
 *
 * @param perResourceDay  bookings per resource per day
 * @param perResourceWeek bookings per resource per week
 * @param perCustomerDay  bookings per customer per day
 * @param perCustomerWeek bookings per customer per week
 */
public record Limits(OptionalInt perResourceDay, OptionalInt perResourceWeek,
                     OptionalInt perCustomerDay, OptionalInt perCustomerWeek) {

    private static final Limits NONE = new Limits(OptionalInt.empty(), OptionalInt.empty(),
            OptionalInt.empty(), OptionalInt.empty());

    /** Validates that every given limit is positive. */
    public Limits {
        check(perResourceDay, "perResourceDay");
        check(perResourceWeek, "perResourceWeek");
        check(perCustomerDay, "perCustomerDay");
        check(perCustomerWeek, "perCustomerWeek");
    }

    /** No limits at all. */
    public static Limits none() {
        return NONE;
    }

    public Limits withPerResourceDay(int limit) {
        return new Limits(OptionalInt.of(limit), perResourceWeek, perCustomerDay, perCustomerWeek);
    }

    public Limits withPerResourceWeek(int limit) {
        return new Limits(perResourceDay, OptionalInt.of(limit), perCustomerDay, perCustomerWeek);
    }

    public Limits withPerCustomerDay(int limit) {
        return new Limits(perResourceDay, perResourceWeek, OptionalInt.of(limit), perCustomerWeek);
    }

    public Limits withPerCustomerWeek(int limit) {
        return new Limits(perResourceDay, perResourceWeek, perCustomerDay, OptionalInt.of(limit));
    }

    /** Whether any limit is set. */
    public boolean any() {
        return perResourceDay.isPresent() || perResourceWeek.isPresent()
                || perCustomerDay.isPresent() || perCustomerWeek.isPresent();
    }

    private static void check(OptionalInt limit, String name) {
        Require.nonNull(limit, name);
        if (limit.isPresent() && limit.getAsInt() <= 0) {
            throw new InvalidRequestException(name + " must be positive, but was " + limit.getAsInt());
        }
    }
}
