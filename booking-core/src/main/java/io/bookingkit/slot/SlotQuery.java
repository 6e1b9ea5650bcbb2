package io.bookingkit.slot;

import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import io.bookingkit.template.PoolMode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.threeten.extra.Interval;

/**
 * A question for the slot list: which starts within {@code window} can be booked for
 * {@code templateName} on these resources?
 *
 * @param tenantId     the tenant asking
 * @param templateName the service
 * @param resourceIds  one resource, or a pool
 * @param poolMode     how a pool is used; empty means the template's setting
 * @param window       slots starting in this window are listed; bounded
 * @param displayZone  zone the slots are shown in; empty means the first resource's zone
 * @param duration     length asked for; empty means the template's shortest
 * @param partySize    seats asked for; empty means the template's smallest party
 * @param customerId   the customer asking, so that per-customer limits apply; empty for anyone
 */
public record SlotQuery(String tenantId, String templateName, List<String> resourceIds, Optional<PoolMode> poolMode,
                        Interval window, Optional<ZoneId> displayZone, Optional<Duration> duration,
                        OptionalInt partySize, Optional<String> customerId) {

    /**
     * Validates the components.
     *
     * @param tenantId     the tenant asking
     * @param templateName the service
     * @param resourceIds  one resource, or a pool
     * @param poolMode     how a pool is used; empty means the template's setting
     * @param window       slots starting in this window are listed; bounded
     * @param displayZone  zone the slots are shown in; empty means the first resource's zone
     * @param duration     length asked for; empty means the template's shortest
     * @param partySize    seats asked for; empty means the template's smallest party
     * @param customerId   the customer asking, so that per-customer limits apply; empty for anyone
     * @throws io.bookingkit.error.InvalidRequestException if an id is not a valid id, no resource
     *                                                     or one twice is named, the window is
     *                                                     unbounded or empty, or the duration or
     *                                                     party size is not positive
     */
    public SlotQuery {
        Ids.require(tenantId, "tenantId");
        Ids.require(templateName, "templateName");
        resourceIds = Ids.requireDistinct(resourceIds, "resourceIds");
        Require.nonNull(poolMode, "poolMode");
        Require.boundedNonEmpty(window, "window");
        Require.nonNull(displayZone, "displayZone");
        Require.nonNull(duration, "duration");
        duration.ifPresent(d -> Require.positive(d, "duration"));
        Require.nonNull(partySize, "partySize");
        partySize.ifPresent(p -> Require.positive(p, "partySize"));
        Require.nonNull(customerId, "customerId");
        customerId.ifPresent(c -> Ids.require(c, "customerId"));
    }

    /**
     * A builder for a query; the tenant, the template, the resources and the window must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a query. Not thread-safe. */
    public static final class Builder {
        private String tenantId;
        private String templateName;
        private final List<String> resourceIds = new ArrayList<>();
        private PoolMode poolMode;
        private Interval window;
        private ZoneId displayZone;
        private Duration duration;
        private Integer partySize;
        private String customerId;

        private Builder() {
        }

        /**
         * The tenant asking.
         *
         * @param tenantId the tenant's id
         * @return this builder
         */
        public Builder tenant(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * The service template to list slots of.
         *
         * @param templateName the template's name
         * @return this builder
         */
        public Builder template(String templateName) {
            this.templateName = templateName;
            return this;
        }

        /**
         * One resource.
         *
         * @param resourceId the resource's id, added to any named before
         * @return this builder
         */
        public Builder resource(String resourceId) {
            resourceIds.add(resourceId);
            return this;
        }

        /**
         * A pool of which any one resource will do.
         *
         * @param resourceIds the pool's resource ids, added to any named before
         * @return this builder
         */
        public Builder anyOf(String... resourceIds) {
            this.resourceIds.addAll(Arrays.asList(Require.nonNull(resourceIds, "resourceIds")));
            this.poolMode = PoolMode.ANY_OF;
            return this;
        }

        /**
         * A pool of resources needed together.
         *
         * @param resourceIds the resource ids, added to any named before
         * @return this builder
         */
        public Builder allOf(String... resourceIds) {
            this.resourceIds.addAll(Arrays.asList(Require.nonNull(resourceIds, "resourceIds")));
            this.poolMode = PoolMode.ALL_OF;
            return this;
        }

        /**
         * Slots starting in {@code window}.
         *
         * @param window bounded and not empty
         * @return this builder
         */
        public Builder window(Interval window) {
            this.window = window;
            return this;
        }

        /**
         * The zone the slots are shown in; the first resource's zone when not set.
         *
         * @param displayZone the zone
         * @return this builder
         */
        public Builder displayZone(ZoneId displayZone) {
            this.displayZone = displayZone;
            return this;
        }

        /**
         * The length asked for; the template's shortest when not set.
         *
         * @param duration positive
         * @return this builder
         */
        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        /**
         * The seats asked for; the template's smallest party when not set.
         *
         * @param partySize positive
         * @return this builder
         */
        public Builder partySize(int partySize) {
            this.partySize = partySize;
            return this;
        }

        /**
         * The customer asking, so that their per-customer limits apply; nobody in particular when
         * not set.
         *
         * @param customerId the customer's id
         * @return this builder
         */
        public Builder customer(String customerId) {
            this.customerId = customerId;
            return this;
        }

        /**
         * Builds the query.
         *
         * @return a new query
         * @throws io.bookingkit.error.InvalidRequestException if a component is invalid
         * @throws NullPointerException                        if the tenant, the template or the
         *                                                     window was not set
         */
        public SlotQuery build() {
            return new SlotQuery(tenantId, templateName, resourceIds, Optional.ofNullable(poolMode), window,
                    Optional.ofNullable(displayZone), Optional.ofNullable(duration),
                    partySize == null ? OptionalInt.empty() : OptionalInt.of(partySize),
                    Optional.ofNullable(customerId));
        }
    }
}
