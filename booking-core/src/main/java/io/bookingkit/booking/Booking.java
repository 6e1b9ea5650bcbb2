package io.bookingkit.booking;

import io.bookingkit.error.InvalidRequestException;
import io.bookingkit.internal.Ids;
import io.bookingkit.internal.Require;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.threeten.extra.Interval;

/**
 * A booking: who booked which resources for what time, and where it stands.
 *
 * <p>{@code interval} is the time the customer gets; {@code occupied} is that time widened by
 * the template's buffers, and is what the resources are blocked for. A booking in a
 * {@linkplain BookingStatus#blocksTime() blocking status} uses {@code partySize} seats of each
 * of its resources during {@code occupied}, until {@code expiresAt} if it has one.
 *
 * <p>Immutable; every change makes a new copy with the next {@code version}.
 *
 * @param id             unique within the tenant
 * @param tenantId       the tenant the booking belongs to
 * @param resourceIds    the resources it uses, at least one
 * @param customerId     who the booking is for
 * @param templateName   the service template it was booked under
 * @param interval       the customer's time, half-open and bounded
 * @param occupied       {@code interval} widened by buffers; encloses it
 * @param partySize      seats used on each resource
 * @param status         where it stands
 * @param version        increases by one with every stored change; used to refuse stale updates
 * @param series         the recurring series it belongs to, and its place there, if any
 * @param idempotencyKey the client's key for the request that created it, if any
 * @param requestHash    a digest of that request, to refuse the same key for another request
 * @param locale         the language of its notifications
 * @param createdAt      when it was created
 * @param updatedAt      when it last changed
 * @param expiresAt      for a hold or a pending booking, when it stops blocking time
 * @param forced         an administrator booked it over a conflict on purpose (the reason is in
 *                       the history); such a booking is left out of the overlap constraint
 * @param waitlistEntryId the waitlist entry this booking was offered to, if it was an offer
 * @param history        every transition, oldest first
 */
public record Booking(
        String id,
        String tenantId,
        List<String> resourceIds,
        String customerId,
        String templateName,
        Interval interval,
        Interval occupied,
        int partySize,
        BookingStatus status,
        long version,
        Optional<SeriesLink> series,
        Optional<String> idempotencyKey,
        String requestHash,
        Locale locale,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> expiresAt,
        boolean forced,
        Optional<String> waitlistEntryId,
        List<Transition> history) {

    /**
     * Validates every component and the invariants between them.
     *
     * @param id              unique within the tenant
     * @param tenantId        the tenant the booking belongs to
     * @param resourceIds     the resources it uses, at least one
     * @param customerId      who the booking is for
     * @param templateName    the service template it was booked under
     * @param interval        the customer's time, half-open and bounded
     * @param occupied        {@code interval} widened by buffers; encloses it
     * @param partySize       seats used on each resource
     * @param status          where it stands
     * @param version         increases by one with every stored change; used to refuse stale
     *                        updates
     * @param series          the recurring series it belongs to, and its place there, if any
     * @param idempotencyKey  the client's key for the request that created it, if any
     * @param requestHash     a digest of that request, to refuse the same key for another request
     * @param locale          the language of its notifications
     * @param createdAt       when it was created
     * @param updatedAt       when it last changed
     * @param expiresAt       for a hold or a pending booking, when it stops blocking time
     * @param forced          an administrator booked it over a conflict on purpose (the reason is
     *                        in the history); such a booking is left out of the overlap constraint
     * @param waitlistEntryId the waitlist entry this booking was offered to, if it was an offer
     * @param history         every transition, oldest first
     * @throws InvalidRequestException if an id is not a valid id, a resource is named twice, an
     *                                 interval is unbounded or empty, {@code occupied} does not
     *                                 enclose {@code interval}, the party size is not positive or
     *                                 the version is negative
     */
    public Booking {
        Ids.require(id, "id");
        Ids.require(tenantId, "tenantId");
        resourceIds = Ids.requireDistinct(resourceIds, "resourceIds");
        Ids.require(customerId, "customerId");
        Ids.require(templateName, "templateName");
        Require.boundedNonEmpty(interval, "interval");
        Require.boundedNonEmpty(occupied, "occupied");
        if (!occupied.encloses(interval)) {
            throw new InvalidRequestException("occupied " + occupied + " must enclose interval " + interval);
        }
        Require.positive(partySize, "partySize");
        Require.nonNull(status, "status");
        if (version < 0) {
            throw new InvalidRequestException("version must not be negative, but was " + version);
        }
        Require.nonNull(series, "series");
        Require.nonNull(idempotencyKey, "idempotencyKey");
        idempotencyKey.ifPresent(k -> Ids.require(k, "idempotencyKey"));
        Require.nonNull(requestHash, "requestHash");
        Require.nonNull(locale, "locale");
        Require.nonNull(createdAt, "createdAt");
        Require.nonNull(updatedAt, "updatedAt");
        Require.nonNull(expiresAt, "expiresAt");
        Require.nonNull(waitlistEntryId, "waitlistEntryId");
        waitlistEntryId.ifPresent(e -> Ids.require(e, "waitlistEntryId"));
        history = List.copyOf(Require.nonNull(history, "history"));
    }

    /**
     * The resource, for a booking of one resource; the first of them otherwise.
     *
     * @return the first of {@link #resourceIds()}
     */
    public String resourceId() {
        return resourceIds.get(0);
    }

    /**
     * Whether this booking uses its seats at {@code now}: its status blocks time and, if it has
     * an expiry, that instant has not come. An expired hold still reads {@code HELD} until
     * someone marks it; it is free from its expiry on regardless.
     *
     * @param now the instant asked about
     * @return true if the booking blocks its seats at {@code now}
     */
    public boolean blocksAt(Instant now) {
        return status.blocksTime() && expiresAt.map(now::isBefore).orElse(true);
    }

    /**
     * A copy moved to {@code to}, one version later, with the transition appended to the
     * history. The expiry is kept only while the booking stays held or pending.
     *
     * @param to     the new status
     * @param actor  who makes the change
     * @param at     when
     * @param reason why; empty when none was given
     * @return the changed copy
     */
    public Booking transitioned(BookingStatus to, Actor actor, Instant at, String reason) {
        return toBuilder().status(to).nextVersion(new Transition(Optional.of(status), to, actor, at, reason))
                .expiresAt(to == BookingStatus.HELD || to == BookingStatus.PENDING ? expiresAt : Optional.empty())
                .build();
    }

    /**
     * Whether it was ever requested, that is PENDING or CONFIRMED: its status can be reached only
     * through one of them ({@link BookingStatus#impliesRequest()}), or its history passed through
     * one. A hold that was let go or expired never was.
     *
     * @return true if the booking was ever a request
     */
    public boolean wasRequested() {
        return status.impliesRequest() || history.stream()
                .anyMatch(t -> t.to() == BookingStatus.PENDING || t.to() == BookingStatus.CONFIRMED);
    }

    /**
     * Whether this is a waitlist offer that its customer has not accepted yet.
     *
     * @return true for a {@code HELD} booking with a waitlist entry
     */
    public boolean isOpenOffer() {
        return waitlistEntryId.isPresent() && status == BookingStatus.HELD;
    }

    /**
     * The same booking with another expiry, as when a completed hold becomes a request.
     *
     * @param newExpiry when it stops blocking time
     * @return the changed copy, at the same version
     */
    public Booking withExpiresAt(Instant newExpiry) {
        return toBuilder().expiresAt(Optional.of(Require.nonNull(newExpiry, "newExpiry"))).build();
    }

    /**
     * A copy at another time, one version later, with the move recorded in the history.
     *
     * @param newInterval the customer's new time
     * @param newOccupied the new time widened by the buffers; encloses {@code newInterval}
     * @param actor       who moves it
     * @param at          when
     * @param reason      why; empty when none was given
     * @return the moved copy, in the same status
     * @throws InvalidRequestException if the new intervals break a rule of the constructor
     */
    public Booking movedTo(Interval newInterval, Interval newOccupied, Actor actor, Instant at, String reason) {
        return toBuilder().interval(newInterval).occupied(newOccupied)
                .nextVersion(new Transition(Optional.of(status), status, actor, at, reason)).build();
    }

    /**
     * A builder for a new booking, at version 0, without series, key, expiry or history.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding every component of this booking, to make a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.tenantId = tenantId;
        b.resourceIds = resourceIds;
        b.customerId = customerId;
        b.templateName = templateName;
        b.interval = interval;
        b.occupied = occupied;
        b.partySize = partySize;
        b.status = status;
        b.version = version;
        b.series = series;
        b.idempotencyKey = idempotencyKey;
        b.requestHash = requestHash;
        b.locale = locale;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.expiresAt = expiresAt;
        b.forced = forced;
        b.waitlistEntryId = waitlistEntryId;
        b.history = new ArrayList<>(history);
        return b;
    }

    /**
     * Builds a {@link Booking}; {@link #build()} validates it as the constructor does. Defaults:
     * {@code occupied} = {@code interval}, party of 1, version 0, no series, key, expiry or
     * history, empty request hash, English, {@code updatedAt} = {@code createdAt}. Not thread-safe.
     */
    public static final class Builder {
        private String id;
        private String tenantId;
        private List<String> resourceIds;
        private String customerId;
        private String templateName;
        private Interval interval;
        private Interval occupied;
        private int partySize = 1;
        private BookingStatus status;
        private long version;
        private Optional<SeriesLink> series = Optional.empty();
        private Optional<String> idempotencyKey = Optional.empty();
        private String requestHash = "";
        private Locale locale = Locale.ENGLISH;
        private Instant createdAt;
        private Instant updatedAt;
        private Optional<Instant> expiresAt = Optional.empty();
        private boolean forced;
        private Optional<String> waitlistEntryId = Optional.empty();
        private List<Transition> history = new ArrayList<>();

        private Builder() {
        }

        /**
         * The booking's id, unique within the tenant.
         *
         * @param id a valid id
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * The tenant the booking belongs to.
         *
         * @param tenantId a valid id
         * @return this builder
         */
        public Builder tenantId(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * The resources the booking uses, at least one; the order is kept.
         *
         * @param resourceIds resource ids, none twice
         * @return this builder
         */
        public Builder resourceIds(List<String> resourceIds) {
            this.resourceIds = resourceIds;
            return this;
        }

        /**
         * Who the booking is for.
         *
         * @param customerId the customer's id
         * @return this builder
         */
        public Builder customerId(String customerId) {
            this.customerId = customerId;
            return this;
        }

        /**
         * The service template the booking was made under.
         *
         * @param templateName the template's name
         * @return this builder
         */
        public Builder templateName(String templateName) {
            this.templateName = templateName;
            return this;
        }

        /**
         * The customer's time.
         *
         * @param interval half-open, bounded and not empty
         * @return this builder
         */
        public Builder interval(Interval interval) {
            this.interval = interval;
            return this;
        }

        /**
         * The customer's time widened by the template's buffers; {@code interval} when not set.
         *
         * @param occupied an interval that encloses {@code interval}
         * @return this builder
         */
        public Builder occupied(Interval occupied) {
            this.occupied = occupied;
            return this;
        }

        /**
         * Seats used on each resource; 1 when not set.
         *
         * @param partySize positive
         * @return this builder
         */
        public Builder partySize(int partySize) {
            this.partySize = partySize;
            return this;
        }

        /**
         * Where the booking stands.
         *
         * @param status where the booking stands
         * @return this builder
         */
        public Builder status(BookingStatus status) {
            this.status = status;
            return this;
        }

        /**
         * The stored version; 0 when not set.
         *
         * @param version not negative
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * The series the booking belongs to, and its place there; none when not set.
         *
         * @param series the place, or empty
         * @return this builder
         */
        public Builder series(Optional<SeriesLink> series) {
            this.series = series;
            return this;
        }

        /**
         * The client's key for the request that created the booking; none when not set.
         *
         * @param idempotencyKey the key, a valid id, or empty
         * @return this builder
         */
        public Builder idempotencyKey(Optional<String> idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /**
         * A digest of the request that created the booking; empty when not set.
         *
         * @param requestHash the digest
         * @return this builder
         */
        public Builder requestHash(String requestHash) {
            this.requestHash = requestHash;
            return this;
        }

        /**
         * The language of the booking's notifications; English when not set.
         *
         * @param locale the language and region, such as {@code es-AR}
         * @return this builder
         */
        public Builder locale(Locale locale) {
            this.locale = locale;
            return this;
        }

        /**
         * When the booking was created.
         *
         * @param createdAt the instant
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * When the booking last changed; {@code createdAt} when not set.
         *
         * @param updatedAt the instant
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /**
         * When a hold or pending booking stops blocking time; none when not set.
         *
         * @param expiresAt the expiry, or empty
         * @return this builder
         */
        public Builder expiresAt(Optional<Instant> expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /**
         * Whether an administrator booked it over a conflict on purpose; false when not set.
         *
         * @param forced true for a forced booking
         * @return this builder
         */
        public Builder forced(boolean forced) {
            this.forced = forced;
            return this;
        }

        /**
         * The waitlist entry the booking was offered to; none when not set.
         *
         * @param waitlistEntryId the entry's id, or empty
         * @return this builder
         */
        public Builder waitlistEntryId(Optional<String> waitlistEntryId) {
            this.waitlistEntryId = waitlistEntryId;
            return this;
        }

        /**
         * Every transition, oldest first, replacing those set before; none when not set.
         *
         * @param history the transitions; copied
         * @return this builder
         */
        public Builder history(List<Transition> history) {
            this.history = new ArrayList<>(Require.nonNull(history, "history"));
            return this;
        }

        /**
         * One version later, with {@code transition} appended and its instant as {@code updatedAt}.
         *
         * @param transition the change, whose instant becomes the booking's {@code updatedAt}
         * @return this builder
         */
        public Builder nextVersion(Transition transition) {
            Require.nonNull(transition, "transition");
            version++;
            history.add(transition);
            updatedAt = transition.at();
            return this;
        }

        /**
         * The booking, validated.
         *
         * @return a new booking
         * @throws InvalidRequestException if a component breaks a rule of the constructor
         * @throws NullPointerException    if the id, tenant, resources, customer, template, interval,
         *                                 status or creation instant was not set
         */
        public Booking build() {
            return new Booking(id, tenantId, resourceIds, customerId, templateName, interval,
                    occupied == null ? interval : occupied, partySize, status, version, series, idempotencyKey,
                    requestHash, locale, createdAt, updatedAt == null ? createdAt : updatedAt, expiresAt, forced, waitlistEntryId, history);
        }
    }
}
