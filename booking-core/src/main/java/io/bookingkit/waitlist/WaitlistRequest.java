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

    /**
     * Validates the components.
     *
     * @param booking the booking waited for; it names no idempotency key and forces nothing, and a
     *                pool is used as {@code ANY_OF}
     * @throws InvalidRequestException if the booking forces an overlap, has an idempotency key, or
     *                                 uses a pool {@code ALL_OF}
     */
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

    /**
     * A builder for a request; the template, the resources and the start must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a waitlist request. Not thread-safe. */
    public static final class Builder {
        private final BookingRequest.Builder booking = BookingRequest.builder();

        private Builder() {
        }

        /**
         * The service template of the session waited for.
         *
         * @param templateName the template's name
         * @return this builder
         */
        public Builder template(String templateName) {
            booking.template(templateName);
            return this;
        }

        /**
         * The resource waited on.
         *
         * @param resourceId the resource's id
         * @return this builder
         */
        public Builder resource(String resourceId) {
            booking.resource(resourceId);
            return this;
        }

        /**
         * Any one of these resources will do; an offer comes from the first that frees seats.
         *
         * @param ids the pool's resource ids
         * @return this builder
         */
        public Builder anyOf(String... ids) {
            booking.anyOf(ids);
            return this;
        }

        /**
         * The session's start.
         *
         * @param start the start instant
         * @return this builder
         */
        public Builder start(Instant start) {
            booking.start(start);
            return this;
        }

        /**
         * The length waited for; the template's shortest when not set.
         *
         * @param duration positive
         * @return this builder
         */
        public Builder duration(Duration duration) {
            booking.duration(duration);
            return this;
        }

        /**
         * The seats waited for; the template's smallest party when not set.
         *
         * @param partySize positive
         * @return this builder
         */
        public Builder partySize(int partySize) {
            booking.partySize(partySize);
            return this;
        }

        /**
         * Who waits; staff and admins must say, customers wait for themselves.
         *
         * @param customerId the customer's id
         * @return this builder
         */
        public Builder customer(String customerId) {
            booking.customer(customerId);
            return this;
        }

        /**
         * The language of the entry's notifications; the template's when not set.
         *
         * @param locale the language and region, such as {@code es-AR}
         * @return this builder
         */
        public Builder locale(Locale locale) {
            booking.locale(locale);
            return this;
        }

        /**
         * Builds the request.
         *
         * @return a new request
         * @throws InvalidRequestException if a component is invalid
         * @throws NullPointerException    if the template or the start was not set
         */
        public WaitlistRequest build() {
            return new WaitlistRequest(booking.build());
        }
    }
}
