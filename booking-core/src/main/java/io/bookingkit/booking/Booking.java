package io.bookingkit.booking;

import io.bookingkit.InvalidRequestException;
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
 * @param seriesId       the recurring series it belongs to, if any
 * @param idempotencyKey the client's key for the request that created it, if any
 * @param requestHash    a digest of that request, to refuse the same key for another request
 * @param locale         the language of its notifications
 * @param createdAt      when it was created
 * @param updatedAt      when it last changed
 * @param expiresAt      for a hold or a pending booking, when it stops blocking time
 * @param forced         an administrator booked it over a conflict on purpose (the reason is in
 *                       the history); such a booking is left out of the overlap constraint
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
        Optional<String> seriesId,
        Optional<String> idempotencyKey,
        String requestHash,
        Locale locale,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> expiresAt,
        boolean forced,
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
        Require.nonNull(seriesId, "seriesId");
        Require.nonNull(idempotencyKey, "idempotencyKey");
        idempotencyKey.ifPresent(k -> Ids.require(k, "idempotencyKey"));
        seriesId.ifPresent(s -> Ids.require(s, "seriesId"));
        Require.nonNull(requestHash, "requestHash");
        Require.nonNull(locale, "locale");
        Require.nonNull(createdAt, "createdAt");
        Require.nonNull(updatedAt, "updatedAt");
        Require.nonNull(expiresAt, "expiresAt");
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
        List<Transition> newHistory = new ArrayList<>(history);
        newHistory.add(new Transition(Optional.of(status), to, actor, at, reason));
        Optional<Instant> newExpiry = to == BookingStatus.HELD || to == BookingStatus.PENDING ? expiresAt : Optional.empty();
        return new Booking(id, tenantId, resourceIds, customerId, templateName, interval, occupied, partySize, to,
                version + 1, seriesId, idempotencyKey, requestHash, locale, createdAt, at, newExpiry, forced, newHistory);
    }

    /** The same booking with another expiry, as when a completed hold becomes a request. */
    public Booking withExpiresAt(Instant newExpiry) {
        return new Booking(id, tenantId, resourceIds, customerId, templateName, interval, occupied, partySize, status,
                version, seriesId, idempotencyKey, requestHash, locale, createdAt, updatedAt,
                Optional.of(Require.nonNull(newExpiry, "newExpiry")), forced, history);
    }

    /** A copy at another time, one version later, with the move recorded in the history. */
    public Booking movedTo(Interval newInterval, Interval newOccupied, Actor actor, Instant at, String reason) {
        List<Transition> newHistory = new ArrayList<>(history);
        newHistory.add(new Transition(Optional.of(status), status, actor, at, reason));
        return new Booking(id, tenantId, resourceIds, customerId, templateName, newInterval, newOccupied, partySize,
                status, version + 1, seriesId, idempotencyKey, requestHash, locale, createdAt, at, expiresAt, forced, newHistory);
    }
}
