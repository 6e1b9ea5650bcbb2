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

    /**
     * Validates that every given limit is positive.
     *
     * @param perResourceDay  bookings per resource per day
     * @param perResourceWeek bookings per resource per week
     * @param perCustomerDay  bookings per customer per day
     * @param perCustomerWeek bookings per customer per week
     * @throws InvalidRequestException if a given limit is zero or negative
     */
    public Limits {
        check(perResourceDay, "perResourceDay");
        check(perResourceWeek, "perResourceWeek");
        check(perCustomerDay, "perCustomerDay");
        check(perCustomerWeek, "perCustomerWeek");
    }

    /**
     * No limits at all.
     *
     * @return limits with every one empty
     */
    public static Limits none() {
        return NONE;
    }

    /**
     * These limits with another per-resource daily limit.
     *
     * @param limit bookings per resource per day, positive
     * @return the changed copy
     * @throws InvalidRequestException if {@code limit} is not positive
     */
    public Limits withPerResourceDay(int limit) {
        return new Limits(OptionalInt.of(limit), perResourceWeek, perCustomerDay, perCustomerWeek);
    }

    /**
     * These limits with another per-resource weekly limit.
     *
     * @param limit bookings per resource per ISO week, positive
     * @return the changed copy
     * @throws InvalidRequestException if {@code limit} is not positive
     */
    public Limits withPerResourceWeek(int limit) {
        return new Limits(perResourceDay, OptionalInt.of(limit), perCustomerDay, perCustomerWeek);
    }

    /**
     * These limits with another per-customer daily limit.
     *
     * @param limit bookings per customer per day, positive
     * @return the changed copy
     * @throws InvalidRequestException if {@code limit} is not positive
     */
    public Limits withPerCustomerDay(int limit) {
        return new Limits(perResourceDay, perResourceWeek, OptionalInt.of(limit), perCustomerWeek);
    }

    /**
     * These limits with another per-customer weekly limit.
     *
     * @param limit bookings per customer per ISO week, positive
     * @return the changed copy
     * @throws InvalidRequestException if {@code limit} is not positive
     */
    public Limits withPerCustomerWeek(int limit) {
        return new Limits(perResourceDay, perResourceWeek, perCustomerDay, OptionalInt.of(limit));
    }

    /**
     * Whether any limit is set.
     *
     * @return true if at least one limit is present
     */
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
