package io.bookingkit.recurrence;

import io.bookingkit.booking.BookingRequest;
import io.bookingkit.internal.Digests;
import io.bookingkit.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A request for a recurring series: what each occurrence books (as a single
 * {@link BookingRequest} whose start is the first occurrence's), the rule that repeats it, local
 * date-times to leave out, and what to do with occurrences that cannot be booked.
 *
 * <p>The occurrences keep the first start's wall-clock time in {@code zone}: by default the
 * zone of the first requested resource's opening hours.
 *
 * @param first      the first occurrence; its idempotency key is the series' key
 * @param rule       the recurrence
 * @param exceptions local start date-times the rule yields that are not to be booked
 * @param policy     what refused occurrences do to the series
 * @param zone       the zone whose wall-clock time the occurrences keep; empty means the first
 *                   resource's
 */
public record SeriesRequest(BookingRequest first, RecurrenceRule rule, Set<LocalDateTime> exceptions,
                            ConflictPolicy policy, Optional<ZoneId> zone) {

    /**
     * The most occurrences one series books: all of them are decided in one unit of work that
     * holds its locks throughout. A rule without {@code COUNT} or {@code UNTIL} is booked up to
     * the template's horizon.
     */
    public static final int MAX_OCCURRENCES = 1_000;

    /**
     * Validates the components.
     *
     * @param first      the first occurrence; its idempotency key is the series' key
     * @param rule       the recurrence
     * @param exceptions local start date-times the rule yields that are not to be booked
     * @param policy     what refused occurrences do to the series
     * @param zone       the zone whose wall-clock time the occurrences keep; empty means the first
     *                   resource's
     */
    public SeriesRequest {
        Require.nonNull(first, "first");
        Require.nonNull(rule, "rule");
        exceptions = Set.copyOf(Require.elements(exceptions, "exceptions"));
        Require.nonNull(policy, "policy");
        Require.nonNull(zone, "zone");
    }

    /**
     * A builder for a series request; the template, the resources, the start and the rule must be
     * set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A digest of everything that shapes the series, to tell a repeated key from a reused one.
     *
     * @param tenantId the tenant the series is booked in
     * @param customer the customer it is for, as decided from the request and the actor
     * @return a SHA-256 digest in hex of every component but the idempotency key
     */
    public String fingerprint(String tenantId, String customer) {
        String canonical = String.join("\u0000", first.fingerprint(tenantId, customer), rule.toString(),
                new TreeSet<>(exceptions).stream().map(LocalDateTime::toString).collect(Collectors.joining(",")),
                policy.name(), zone.map(ZoneId::getId).orElse(""));
        return Digests.sha256Hex(canonical);
    }

    /** Collects a series request. Not thread-safe. */
    public static final class Builder {
        private final BookingRequest.Builder first = BookingRequest.builder();
        private RecurrenceRule rule;
        private final Set<LocalDateTime> exceptions = new LinkedHashSet<>();
        private ConflictPolicy policy = ConflictPolicy.ALL_OR_NOTHING;
        private ZoneId zone;

        private Builder() {
        }

        /**
         * The service template every occurrence books.
         *
         * @param templateName the template's name
         * @return this builder
         */
        public Builder template(String templateName) {
            first.template(templateName);
            return this;
        }

        /**
         * Adds a resource every occurrence books; called once, the series is on that resource.
         *
         * @param resourceId the resource's id
         * @return this builder
         */
        public Builder resource(String resourceId) {
            first.resource(resourceId);
            return this;
        }

        /**
         * Any one of these resources for each occurrence: the resource the first booked
         * occurrence gets is kept for every later one that it can take; an occurrence it cannot
         * take gets another, chosen as a single booking's would be.
         *
         * @param ids the pool's resource ids, added to any named before
         * @return this builder
         */
        public Builder anyOf(String... ids) {
            first.anyOf(ids);
            return this;
        }

        /**
         * All of these resources together, for every occurrence.
         *
         * @param ids the resource ids, added to any named before
         * @return this builder
         */
        public Builder allOf(String... ids) {
            first.allOf(ids);
            return this;
        }

        /**
         * The first occurrence's start.
         *
         * @param start an occurrence of the rule, in the zone the series keeps
         * @return this builder
         */
        public Builder start(Instant start) {
            first.start(start);
            return this;
        }

        /**
         * How long each occurrence lasts; the template's shortest duration when not set.
         *
         * @param duration positive, and one the template allows
         * @return this builder
         */
        public Builder duration(Duration duration) {
            first.duration(duration);
            return this;
        }

        /**
         * The seats each occurrence books on each resource; the template's smallest party when not
         * set.
         *
         * @param partySize positive, and within the template's party sizes
         * @return this builder
         */
        public Builder partySize(int partySize) {
            first.partySize(partySize);
            return this;
        }

        /**
         * The customer the series is for; the acting customer when not set. Staff and
         * administrators must set it.
         *
         * @param customerId the customer's id
         * @return this builder
         */
        public Builder customer(String customerId) {
            first.customer(customerId);
            return this;
        }

        /**
         * The client's key: repeating the request with it returns the series booked the first time.
         *
         * @param idempotencyKey a valid id, unique per request within the tenant
         * @return this builder
         */
        public Builder idempotencyKey(String idempotencyKey) {
            first.idempotencyKey(idempotencyKey);
            return this;
        }

        /**
         * The language of the occurrences' notifications; the template's when not set.
         *
         * @param locale the language and region, such as {@code es-AR}
         * @return this builder
         */
        public Builder locale(Locale locale) {
            first.locale(locale);
            return this;
        }

        /**
         * The rule that repeats the first occurrence.
         *
         * @param rule the rule; the first start must be one of its occurrences
         * @return this builder
         */
        public Builder rule(RecurrenceRule rule) {
            this.rule = rule;
            return this;
        }

        /**
         * Leaves out the occurrences at these local start date-times (iCalendar's {@code EXDATE}).
         *
         * @param starts local start date-times the rule yields, added to any given before
         * @return this builder
         */
        public Builder except(LocalDateTime... starts) {
            exceptions.addAll(Arrays.asList(Require.nonNull(starts, "starts")));
            return this;
        }

        /**
         * {@link ConflictPolicy#ALL_OR_NOTHING} unless set.
         *
         * @param policy what refused occurrences do to the series
         * @return this builder
         */
        public Builder policy(ConflictPolicy policy) {
            this.policy = policy;
            return this;
        }

        /**
         * The zone whose wall-clock time the occurrences keep, instead of the first resource's.
         *
         * @param zone the zone whose wall-clock time the occurrences keep
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return a new request
         * @throws io.bookingkit.error.InvalidRequestException if a component of the first
         *                                                     occurrence is invalid
         * @throws NullPointerException                        if the template, the start, the rule
         *                                                     or the policy was not set
         */
        public SeriesRequest build() {
            return new SeriesRequest(first.build(), rule, exceptions, policy, Optional.ofNullable(zone));
        }
    }
}
