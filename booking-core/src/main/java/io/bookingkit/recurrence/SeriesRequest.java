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

    /** Validates the components. */
    public SeriesRequest {
        Require.nonNull(first, "first");
        Require.nonNull(rule, "rule");
        exceptions = Set.copyOf(Require.elements(exceptions, "exceptions"));
        Require.nonNull(policy, "policy");
        Require.nonNull(zone, "zone");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A digest of everything that shapes the series, to tell a repeated key from a reused one. */
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

        public Builder template(String templateName) {
            first.template(templateName);
            return this;
        }

        public Builder resource(String resourceId) {
            first.resource(resourceId);
            return this;
        }

        /**
         * Any one of these resources for each occurrence: the resource the first booked
         * occurrence gets is kept for every later one that it can take; an occurrence it cannot
         * take gets another, chosen as a single booking's would be.
         */
        public Builder anyOf(String... ids) {
            first.anyOf(ids);
            return this;
        }

        /** All of these resources together, for every occurrence. */
        public Builder allOf(String... ids) {
            first.allOf(ids);
            return this;
        }

        /** The first occurrence's start. */
        public Builder start(Instant start) {
            first.start(start);
            return this;
        }

        public Builder duration(Duration duration) {
            first.duration(duration);
            return this;
        }

        public Builder partySize(int partySize) {
            first.partySize(partySize);
            return this;
        }

        public Builder customer(String customerId) {
            first.customer(customerId);
            return this;
        }

        /** The client's key: repeating the request with it returns the series booked the first time. */
        public Builder idempotencyKey(String idempotencyKey) {
            first.idempotencyKey(idempotencyKey);
            return this;
        }

        public Builder locale(Locale locale) {
            first.locale(locale);
            return this;
        }

        public Builder rule(RecurrenceRule rule) {
            this.rule = rule;
            return this;
        }

        /** Leaves out the occurrences at these local start date-times (iCalendar's {@code EXDATE}). */
        public Builder except(LocalDateTime... starts) {
            exceptions.addAll(Arrays.asList(Require.nonNull(starts, "starts")));
            return this;
        }

        /** {@link ConflictPolicy#ALL_OR_NOTHING} unless set. */
        public Builder policy(ConflictPolicy policy) {
            this.policy = policy;
            return this;
        }

        /** The zone whose wall-clock time the occurrences keep, instead of the first resource's. */
        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        public SeriesRequest build() {
            return new SeriesRequest(first.build(), rule, exceptions, policy, Optional.ofNullable(zone));
        }
    }
}
