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

    /** Validates every component and the invariants between them. */
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

    /** The resource, for a booking of one resource; the first of them otherwise. */
    public String resourceId() {
        return resourceIds.get(0);
    }

    /**
     * Whether this booking uses its seats at {@code now}: its status blocks time and, if it has
     * an expiry, that instant has not come. An expired hold still reads {@code HELD} until
     * someone marks it; it is free from its expiry on regardless.
     */
    public boolean blocksAt(Instant now) {
        return status.blocksTime() && expiresAt.map(now::isBefore).orElse(true);
    }

    /**
     * A copy moved to {@code to}, one version later, with the transition appended to the
     * history. The expiry is kept only while the booking stays held or pending.
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
     */
    public boolean wasRequested() {
        return status.impliesRequest() || history.stream()
                .anyMatch(t -> t.to() == BookingStatus.PENDING || t.to() == BookingStatus.CONFIRMED);
    }

    /** Whether this is a waitlist offer that its customer has not accepted yet. */
    public boolean isOpenOffer() {
        return waitlistEntryId.isPresent() && status == BookingStatus.HELD;
    }

    /** The same booking with another expiry, as when a completed hold becomes a request. */
    public Booking withExpiresAt(Instant newExpiry) {
        return toBuilder().expiresAt(Optional.of(Require.nonNull(newExpiry, "newExpiry"))).build();
    }

    /** A copy at another time, one version later, with the move recorded in the history. */
    public Booking movedTo(Interval newInterval, Interval newOccupied, Actor actor, Instant at, String reason) {
        return toBuilder().interval(newInterval).occupied(newOccupied)
                .nextVersion(new Transition(Optional.of(status), status, actor, at, reason)).build();
    }

    /** A builder for a new booking, at version 0, without series, key, expiry or history. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every component of this booking, to make a changed copy. */
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

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder tenantId(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder resourceIds(List<String> resourceIds) {
            this.resourceIds = resourceIds;
            return this;
        }

        public Builder customerId(String customerId) {
            this.customerId = customerId;
            return this;
        }

        public Builder templateName(String templateName) {
            this.templateName = templateName;
            return this;
        }

        public Builder interval(Interval interval) {
            this.interval = interval;
            return this;
        }

        public Builder occupied(Interval occupied) {
            this.occupied = occupied;
            return this;
        }

        public Builder partySize(int partySize) {
            this.partySize = partySize;
            return this;
        }

        public Builder status(BookingStatus status) {
            this.status = status;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public Builder series(Optional<SeriesLink> series) {
            this.series = series;
            return this;
        }

        public Builder idempotencyKey(Optional<String> idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Builder requestHash(String requestHash) {
            this.requestHash = requestHash;
            return this;
        }

        public Builder locale(Locale locale) {
            this.locale = locale;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder expiresAt(Optional<Instant> expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder forced(boolean forced) {
            this.forced = forced;
            return this;
        }

        public Builder waitlistEntryId(Optional<String> waitlistEntryId) {
            this.waitlistEntryId = waitlistEntryId;
            return this;
        }

        public Builder history(List<Transition> history) {
            this.history = new ArrayList<>(Require.nonNull(history, "history"));
            return this;
        }

        /** One version later, with {@code transition} appended and its instant as {@code updatedAt}. */
        public Builder nextVersion(Transition transition) {
            Require.nonNull(transition, "transition");
            version++;
            history.add(transition);
            updatedAt = transition.at();
            return this;
        }

        /** The booking, validated. */
        public Booking build() {
            return new Booking(id, tenantId, resourceIds, customerId, templateName, interval,
                    occupied == null ? interval : occupied, partySize, status, version, series, idempotencyKey,
                    requestHash, locale, createdAt, updatedAt == null ? createdAt : updatedAt, expiresAt, forced, waitlistEntryId, history);
        }
    }
}
