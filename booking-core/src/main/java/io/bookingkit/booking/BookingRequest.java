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

    /** Validates the components. */
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

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A digest of everything that shapes the booking, so that a repeated idempotency key can be
     * told apart from the same key on another request.
     */
    public String fingerprint(String tenantId, String customer) {
        String canonical = String.join("\u0000", tenantId, templateName, String.join(",", resourceIds),
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

        public Builder template(String templateName) {
            this.templateName = templateName;
            return this;
        }

        public Builder resource(String resourceId) {
            resourceIds.add(resourceId);
            return this;
        }

        /** Any one of these resources; the least-booked free one is assigned. */
        public Builder anyOf(String... ids) {
            resourceIds.addAll(Arrays.asList(Require.nonNull(ids, "ids")));
            poolMode = PoolMode.ANY_OF;
            return this;
        }

        /** All of these resources together. */
        public Builder allOf(String... ids) {
            resourceIds.addAll(Arrays.asList(Require.nonNull(ids, "ids")));
            poolMode = PoolMode.ALL_OF;
            return this;
        }

        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder partySize(int partySize) {
            this.partySize = partySize;
            return this;
        }

        public Builder customer(String customerId) {
            this.customerId = customerId;
            return this;
        }

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Builder locale(Locale locale) {
            this.locale = locale;
            return this;
        }

        /** Books over conflicts; only an administrator may, and the reason is recorded. */
        public Builder forceOverlap(String reason) {
            this.forceReason = reason;
            return this;
        }

        public BookingRequest build() {
            return new BookingRequest(templateName, resourceIds, Optional.ofNullable(poolMode), start,
                    Optional.ofNullable(duration), partySize == null ? OptionalInt.empty() : OptionalInt.of(partySize),
                    Optional.ofNullable(customerId), Optional.ofNullable(idempotencyKey), Optional.ofNullable(locale),
                    Optional.ofNullable(forceReason));
        }
    }
}
