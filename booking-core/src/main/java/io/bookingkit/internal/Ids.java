package io.bookingkit.internal;

import io.bookingkit.error.InvalidRequestException;

/** The one rule for identifiers: tenants, resources, customers, bookings, templates. */
public final class Ids {

    /** Long enough for a UUID with a prefix; short enough for an indexed database column. */
    public static final int MAX_LENGTH = 128;

    private Ids() {
    }

    /**
     * {@code value} if it is a valid id: not blank, at most 128 characters, no control characters,
     * no whitespace at either end. (Databases that compare with PAD SPACE, as MariaDB and MySQL do
     * with {@code utf8mb4_bin}, would take {@code "acme"} and {@code "acme "} for the same id, and
     * so one tenant, customer or resource for another.)
     */
    public static String require(String value, String name) {
        Require.notBlank(value, name);
        if (value.length() > MAX_LENGTH) {
            throw new InvalidRequestException(name + " is " + value.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidRequestException(name + " must not contain control characters, but has one at index " + i);
            }
        }
        if (value.length() != value.strip().length()) {
            throw new InvalidRequestException(name + " must not start or end with whitespace, but is '" + value + "'");
        }
        return value;
    }

    /** An immutable copy of {@code ids} if it names at least one valid id and none twice. */
    public static java.util.List<String> requireDistinct(java.util.List<String> ids, String name) {
        java.util.List<String> copy = java.util.List.copyOf(Require.elements(ids, name));
        if (copy.isEmpty()) {
            throw new InvalidRequestException(name + " must name at least one resource");
        }
        copy.forEach(id -> require(id, "id in " + name));
        if (copy.stream().distinct().count() != copy.size()) {
            throw new InvalidRequestException(name + " " + copy + " name a resource twice");
        }
        return copy;
    }
}
