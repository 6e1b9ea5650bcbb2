package io.bookingkit.waitlist;

import io.bookingkit.booking.BookingRequest;
import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Require;
import io.bookingkit.template.PoolMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A request to wait for seats: the booking the customer would make (a template at a start, on
 * one resource or on any one of a pool's resources, with a party size), which is refused now
 * because the time is taken.
 *
 * @param booking the booking waited for; it names no idempotency key and forces nothing, and a
 *                pool is used as {@code ANY_OF}
 */
public record WaitlistRequest(BookingRequest booking) {

    /** Validates the components. */
    public WaitlistRequest {
        Require.nonNull(booking, "booking");
        if (booking.forceReason().isPresent()) {
            throw new InvalidRequestException("A waitlist entry cannot force an overlap");
        }
        if (booking.idempotencyKey().isPresent()) {
            throw new InvalidRequestException("A waitlist entry takes no idempotency key: a customer has one entry "
                    + "per session, and joining again returns it");
        }
        if (booking.resourceIds().size() > 1 && booking.poolMode().orElse(PoolMode.ANY_OF) != PoolMode.ANY_OF) {
            throw new InvalidRequestException("A waitlist entry waits on one resource or on any one of a pool, "
                    + "not on " + booking.resourceIds() + " all together");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects a waitlist request. Not thread-safe. */
    public static final class Builder {
        private final BookingRequest.Builder booking = BookingRequest.builder();

        private Builder() {
        }

        public Builder template(String templateName) {
            booking.template(templateName);
            return this;
        }

        public Builder resource(String resourceId) {
            booking.resource(resourceId);
            return this;
        }

        /** Any one of these resources will do; an offer comes from the first that frees seats. */
        public Builder anyOf(String... ids) {
            booking.anyOf(ids);
            return this;
        }

        public Builder start(Instant start) {
            booking.start(start);
            return this;
        }

        public Builder duration(Duration duration) {
            booking.duration(duration);
            return this;
        }

        public Builder partySize(int partySize) {
            booking.partySize(partySize);
            return this;
        }

        /** Who waits; staff and admins must say, customers wait for themselves. */
        public Builder customer(String customerId) {
            booking.customer(customerId);
            return this;
        }

        public Builder locale(Locale locale) {
            booking.locale(locale);
            return this;
        }

        public WaitlistRequest build() {
            return new WaitlistRequest(booking.build());
        }
    }
}
