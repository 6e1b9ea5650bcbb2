package io.bookingkit.booking;

import io.bookingkit.internal.Digests;
import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import io.bookingkit.template.PoolMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A request for a booking. The tenant is the acting {@link Actor}'s.
 *
 * @param templateName   the service
 * @param resourceIds    one resource, or a pool
 * @param poolMode       how a pool is used; empty means the template's setting
 * @param start          when it starts
 * @param duration       how long; empty means the template's shortest
 * @param partySize      seats; empty means the template's smallest party
 * @param customerId     who it is for; empty means the acting customer
 * @param idempotencyKey the client's key: repeating the request with it returns the first booking
 * @param locale         language of notifications; empty means the template's
 * @param forceReason    an administrator's reason to book over a conflict; empty for everyone else
 */
public record BookingRequest(String templateName, List<String> resourceIds, Optional<PoolMode> poolMode,
                             Instant start, Optional<Duration> duration, OptionalInt partySize,
                             Optional<String> customerId, Optional<String> idempotencyKey, Optional<Locale> locale,
                             Optional<String> forceReason) {

    /**
     * Validates the components.
     *
     * @param templateName   the service
     * @param resourceIds    one resource, or a pool
     * @param poolMode       how a pool is used; empty means the template's setting
     * @param start          when it starts
     * @param duration       how long; empty means the template's shortest
     * @param partySize      seats; empty means the template's smallest party
     * @param customerId     who it is for; empty means the acting customer
     * @param idempotencyKey the client's key: repeating the request with it returns the first
     *                       booking
     * @param locale         language of notifications; empty means the template's
     * @param forceReason    an administrator's reason to book over a conflict; empty for everyone
     *                       else
     * @throws io.bookingkit.error.InvalidRequestException if an id or key is not a valid id, no
     *                                                     resource or one twice is named, the
     *                                                     duration or party size is not positive,
     *                                                     or the force reason is blank
     */
    public BookingRequest {
        Ids.require(templateName, "templateName");
        resourceIds = Ids.requireDistinct(resourceIds, "resourceIds");
        Require.nonNull(poolMode, "poolMode");
        Require.nonNull(start, "start");
        Require.nonNull(duration, "duration");
        duration.ifPresent(d -> Require.positive(d, "duration"));
        Require.nonNull(partySize, "partySize");
        partySize.ifPresent(p -> Require.positive(p, "partySize"));
        Require.nonNull(customerId, "customerId");
        customerId.ifPresent(c -> Ids.require(c, "customerId"));
        Require.nonNull(idempotencyKey, "idempotencyKey");
        idempotencyKey.ifPresent(k -> Ids.require(k, "idempotencyKey"));
        Require.nonNull(locale, "locale");
        Require.nonNull(forceReason, "forceReason");
        forceReason.ifPresent(r -> Require.notBlank(r, "forceReason"));
    }

    /**
     * A builder for a request; every component but the template, the resources and the start may be
     * left out.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A digest of everything that shapes the booking, so that a repeated idempotency key can be
     * told apart from the same key on another request.
     *
     * @param tenantId the tenant the booking is made in
     * @param customer the customer it is for, as decided from the request and the actor
     * @return a SHA-256 digest in hex of every component but the idempotency key
     */
    public String fingerprint(String tenantId, String customer) {
        // Commas inside ids are escaped, so that ["a,b"] and ["a", "b"] differ; ids without
        // commas or backslashes keep the fingerprints stored before, and their keys still replay.
        String resources = resourceIds.stream().map(id -> id.replace("\\", "\\\\").replace(",", "\\,"))
                .collect(Collectors.joining(","));
        String canonical = String.join("\u0000", tenantId, templateName, resources,
                poolMode.map(Enum::name).orElse(""), start.toString(), duration.map(Duration::toString).orElse(""),
                partySize.isPresent() ? Integer.toString(partySize.getAsInt()) : "", customer,
                locale.map(Locale::toLanguageTag).orElse(""), forceReason.orElse(""));
        return Digests.sha256Hex(canonical);
    }

    /** Collects a request. Not thread-safe. */
    public static final class Builder {
        private String templateName;
        private final List<String> resourceIds = new ArrayList<>();
        private PoolMode poolMode;
        private Instant start;
        private Duration duration;
        private Integer partySize;
        private String customerId;
        private String idempotencyKey;
        private Locale locale;
        private String forceReason;

        private Builder() {
        }

        /**
         * The service template to book.
         *
         * @param templateName the template's name
         * @return this builder
         */
        public Builder template(String templateName) {
            this.templateName = templateName;
            return this;
        }

        /**
         * Adds a resource to book; called once, the booking is for that resource.
         *
         * @param resourceId the resource's id
         * @return this builder
         */
        public Builder resource(String resourceId) {
            resourceIds.add(resourceId);
            return this;
        }

        /**
         * Any one of these resources; the least-booked free one is assigned.
         *
         * @param ids the pool's resource ids, added to any named before
         * @return this builder
         */
        public Builder anyOf(String... ids) {
            resourceIds.addAll(Arrays.asList(Require.nonNull(ids, "ids")));
            poolMode = PoolMode.ANY_OF;
            return this;
        }

        /**
         * All of these resources together.
         *
         * @param ids the resource ids, added to any named before
         * @return this builder
         */
        public Builder allOf(String... ids) {
            resourceIds.addAll(Arrays.asList(Require.nonNull(ids, "ids")));
            poolMode = PoolMode.ALL_OF;
            return this;
        }

        /**
         * When the booking starts.
         *
         * @param start the start instant
         * @return this builder
         */
        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        /**
         * How long the booking lasts; the template's shortest duration when not set.
         *
         * @param duration positive, and one the template allows
         * @return this builder
         */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        /**
         * The seats to book on each resource; the template's smallest party when not set.
         *
         * @param partySize positive, and within the template's party sizes
         * @return this builder
         */
        public Builder partySize(int partySize) {
            this.partySize = partySize;
            return this;
        }

        /**
         * The customer the booking is for; the acting customer when not set. Staff and
         * administrators must set it.
         *
         * @param customerId the customer's id
         * @return this builder
         */
        public Builder customer(String customerId) {
            this.customerId = customerId;
            return this;
        }

        /**
         * The client's idempotency key: repeating the same request with the same key returns the
         * first booking instead of making another.
         *
         * @param idempotencyKey a valid id, unique per request within the tenant
         * @return this builder
         */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /**
         * The language of the booking's notifications; the template's when not set.
         *
         * @param locale the language and region, such as {@code es-AR}
         * @return this builder
         */
        public Builder locale(Locale locale) {
            this.locale = locale;
            return this;
        }

        /**
         * Books over conflicts; only an administrator may, and the reason is recorded.
         *
         * @param reason why the administrator books over the conflict; not blank
         * @return this builder
         */
        public Builder forceOverlap(String reason) {
            this.forceReason = reason;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return a new request
         * @throws io.bookingkit.error.InvalidRequestException if a component is invalid
         * @throws NullPointerException                        if the template or the start was not
         *                                                     set
         */
        public BookingRequest build() {
            return new BookingRequest(templateName, resourceIds, Optional.ofNullable(poolMode), start,
                    Optional.ofNullable(duration), partySize == null ? OptionalInt.empty() : OptionalInt.of(partySize),
                    Optional.ofNullable(customerId), Optional.ofNullable(idempotencyKey), Optional.ofNullable(locale),
                    Optional.ofNullable(forceReason));
        }
    }
}
